"""``plantext corpus build DIR -o OUT.parquet`` and ``plantext corpus stats OUT.parquet --by year``."""

from __future__ import annotations

import pathlib
import warnings

import click

from . import output_path, run


@click.group("corpus")
def corpus_cmd() -> None:
    """把一批计划建成表格（build）或检索索引（index），并按年份等统计主题（stats）。"""


@corpus_cmd.command("build")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="句子表（.parquet 或 .csv）；文档表写到“同名.documents.后缀”。")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="并行进程数（默认用全部 CPU 核）。")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="部分和主题的标注模型（默认 sm）。")
@click.option("--pattern", default="**/*", show_default=True, help="选哪些文件（通配符，相对 DIRECTORY）。")
@click.option("--split-pages", is_flag=True, help="一页里有几份计划时逐份分开。")
@click.option("--no-cache", is_flag=True, help="全部重新分析，不用缓存。")
@click.option("--quiet", is_flag=True, help="不显示进度条。")
def build_cmd(directory: str, output: str, workers: int | None, model: str | None, pattern: str,
              split_pages: bool, no_cache: bool, quiet: bool) -> None:
    """分析 DIRECTORY 下的每份计划，写成句子表和文档表。"""
    from ..corpus import Corpus

    output = str(output_path(output))   # its folder made before the corpus is parsed, not after
    corpus = run(Corpus.from_dir, directory, pattern)
    if not len(corpus):
        raise click.ClickException(f"{directory} 下没有符合 {pattern!r} 的 .txt/.md/.html/.docx/.pdf 文件。")
    from ..progress import notice

    if not quiet:
        notice(f"正在分析 {len(corpus)} 份文档（每份约1–2秒，按 {workers or '全部'} 个进程并行；"
               "结果缓存，下次只分析有改动的文件）……")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run(corpus.process, model=model, workers=workers, cache=not no_cache,
            progress=not quiet, split_pages=split_pages)
    fmt = "csv" if pathlib.Path(output).suffix.lower() == ".csv" else "parquet"
    paths = run(corpus.to_csv if fmt == "csv" else corpus.to_parquet, output)
    s = corpus.stats
    click.echo(f"共{s['documents']}份文档（{s['cached']}份取自缓存，新分析{s['parsed']}份，"
               f"失败{s['failed']}份），用时{s['seconds']:.1f}秒")
    for failure in corpus.failures[:20]:
        click.echo(f"  失败：{failure.doc_id}：{failure.message}", err=True)
    for path in paths:
        click.echo(f"已写入 {path}")


@corpus_cmd.command("stats")
@click.argument("table", type=click.Path(exists=True, dir_okay=False))
@click.option("--by", default="year", show_default=True, help="按哪一列分组（year 年份、doc_type 文档类型……）。")
@click.option("--weight", type=click.Choice(["segments", "chars"]), default="segments",
              show_default=True, help="按句子数（segments）还是字数（chars）计算占比。")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="每组列出占比最高的几个主题。")
def stats_cmd(table: str, by: str, weight: str, top: int) -> None:
    """按年份等分组统计句子表 TABLE（corpus build 的结果）中各主题的占比。

    每组一行：组名、句子数（或字数）、占比最高的主题。要完整的数字表格，请在 Python 中用
    plantext.corpus.analysis.theme_prevalence。
    """
    import pandas as pd

    from ..corpus.analysis import theme_prevalence

    if not table.lower().endswith(".csv"):
        from .._deps import require

        require("pyarrow", extra="parquet", what="Parquet tables")
    frame = pd.read_csv(table) if table.lower().endswith(".csv") else pd.read_parquet(table)
    for col in (by, "themes"):
        if col not in frame.columns:
            raise click.ClickException(f"{table} 中没有 {col!r} 列；有这些列："
                                       + "、".join(map(str, frame.columns)))
    if len(frame) and frame[by].isna().all():
        raise click.ClickException(f"{table} 的 {col_zh(by)}（{by}）列没有任何取值，无法分组"
                                   "（year 年份和 doc_type 文档类型一般都有）。")
    if by == "year" and pd.api.types.is_float_dtype(frame[by]):   # a CSV with a missing year reads as floats
        frame[by] = frame[by].astype("Int64")
    prev = run(theme_prevalence, frame, by=by, weight=weight)
    if prev.empty:
        raise click.ClickException(f"{table} 中没有主题标注：请用训练好的模型（--model sm）重新 build 后再统计。")
    click.echo(prevalence_table(prev, by, weight, top))


COLUMN_ZH = {"year": "年份", "doc_type": "文档类型", "region": "地区", "level": "层级", "unit": "单位",
             "province": "省份", "city": "城市"}
WEIGHT_ZH = {"segments": "句子数", "chars": "字数"}


def col_zh(col: str) -> str:
    return COLUMN_ZH.get(col, col)


def prevalence_table(prev, by: str, weight: str, top: int) -> str:
    """One line per group: the group (in Chinese where it is a code), its total weight, and
    its ``top`` themes by share with their Chinese names. Narrow whatever the number of groups."""
    from ..labels.names import doc_type_zh, theme_zh
    from .zh import width

    rows = [(col_zh(by), WEIGHT_ZH[weight], f"占比最高的{top}个主题")]
    for group, part in prev.groupby(by, sort=True):
        part = part.sort_values(["share", "theme"], ascending=[False, True]).head(top)
        name = f"{group}年" if by == "year" else (doc_type_zh(str(group)) if by == "doc_type" else str(group))
        rows.append((name, str(int(prev.loc[prev[by] == group, weight].sum())),
                     "、".join(f"{theme_zh(t)} {100 * v:.1f}%" for t, v in zip(part["theme"], part["share"]))))
    w0 = max(width(r[0]) for r in rows)
    w1 = max(width(r[1]) for r in rows)
    return "\n".join(f"{a}{' ' * (w0 - width(a))}  {' ' * (w1 - width(b))}{b}  {c}" for a, b, c in rows)


try:  # `plantext corpus index` lives with the suggestion engine
    from .suggest_cmd import corpus_index_cmd
except ImportError:  # not written yet, or its dependencies are missing
    pass
else:
    corpus_cmd.add_command(corpus_index_cmd, "index")
