"""``plantext corpus build DIR -o OUT.parquet`` and ``plantext corpus stats OUT.parquet --by year``."""

from __future__ import annotations

import pathlib
import warnings

import click

from . import output_path, run


@click.group("corpus")
def corpus_cmd() -> None:
    """Build, index and summarise a corpus of plans."""


@corpus_cmd.command("build")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Segments table (.parquet or .csv); documents go to <stem>.documents.<ext>.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model (default sm).")
@click.option("--pattern", default="**/*", show_default=True, help="Glob of files under DIR.")
@click.option("--split-pages", is_flag=True, help="Split pages holding several plans.")
@click.option("--no-cache", is_flag=True, help="Parse everything again; do not use the cache.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build_cmd(directory: str, output: str, workers: int | None, model: str | None, pattern: str,
              split_pages: bool, no_cache: bool, quiet: bool) -> None:
    """Parse every plan under DIRECTORY into a segment table and a document table."""
    from ..corpus import Corpus

    output = str(output_path(output))   # its folder made before the corpus is parsed, not after
    corpus = run(Corpus.from_dir, directory, pattern)
    if not len(corpus):
        raise click.ClickException(f"No .txt/.md/.html/.docx/.pdf files under {directory} "
                                   f"match {pattern!r}.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run(corpus.process, model=model, workers=workers, cache=not no_cache,
            progress=not quiet, split_pages=split_pages)
    fmt = "csv" if pathlib.Path(output).suffix.lower() == ".csv" else "parquet"
    paths = run(corpus.to_csv if fmt == "csv" else corpus.to_parquet, output)
    s = corpus.stats
    click.echo(f"{s['documents']} documents ({s['cached']} from cache, {s['parsed']} parsed, "
               f"{s['failed']} failed) in {s['seconds']:.1f} s")
    for failure in corpus.failures[:20]:
        click.echo(f"  failed: {failure.doc_id}: {failure.error_type}: {failure.message}", err=True)
    for path in paths:
        click.echo(f"wrote {path}")


@corpus_cmd.command("stats")
@click.argument("table", type=click.Path(exists=True, dir_okay=False))
@click.option("--by", default="year", show_default=True, help="Column to group by.")
@click.option("--weight", type=click.Choice(["segments", "chars"]), default="segments",
              show_default=True, help="Count segments or characters.")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="Themes shown (most prevalent overall).")
def stats_cmd(table: str, by: str, weight: str, top: int) -> None:
    """Theme prevalence by a metadata column of a segment TABLE (from `corpus build`)."""
    import pandas as pd

    from ..corpus.analysis import theme_prevalence

    if not table.lower().endswith(".csv"):
        from .._deps import require

        require("pyarrow", extra="parquet", what="Parquet tables")
    frame = pd.read_csv(table) if table.lower().endswith(".csv") else pd.read_parquet(table)
    for col in (by, "themes"):
        if col not in frame.columns:
            raise click.ClickException(f"{table} has no column {col!r}; columns: "
                                       + ", ".join(map(str, frame.columns)))
    if by == "year" and pd.api.types.is_float_dtype(frame[by]):   # a CSV with a missing year reads as floats
        frame[by] = frame[by].astype("Int64")
    prev = run(theme_prevalence, frame, by=by, weight=weight)   # an empty column is the library's error
    if prev.empty:
        raise click.ClickException(f"No themes in {table}: build it with a trained model "
                                   "(--model sm) to see theme prevalence.")
    click.echo(prevalence_table(prev, by, weight, top))


def prevalence_table(prev, by: str, weight: str, top: int) -> str:
    """Themes as rows, groups as columns, shares in percent; the last row gives each
    group's total weight."""
    wide = prev.pivot_table(index="theme", columns=by, values="share", aggfunc="sum").fillna(0.0)
    wide = wide.loc[wide.mean(axis=1).sort_values(ascending=False).index[:top]]
    shown = wide.map(lambda v: f"{100 * v:.1f}%")
    totals = prev.groupby(by)[weight].sum().reindex(wide.columns)
    shown.loc[f"({weight})"] = [str(int(v)) for v in totals]
    return shown.to_string()


try:  # `plantext corpus index` lives with the suggestion engine
    from .suggest_cmd import corpus_index_cmd
except ImportError:  # not written yet, or its dependencies are missing
    pass
else:
    corpus_cmd.add_command(corpus_index_cmd, "index")
