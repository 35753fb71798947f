"""``plantext suggest [TEXT] …`` and ``plantext corpus index DIR -o INDEX``."""

from __future__ import annotations

import json

import click

from . import run


def _codes(values: tuple[str, ...], resolve=lambda v: v) -> list[str] | None:
    out = [resolve(c.strip()) for v in values for c in v.replace("，", ",").split(",") if c.strip()]
    return out or None


@click.command("suggest")
@click.argument("text", required=False)
@click.option("--role", "-r", multiple=True,
              help="Role code(s) or section names: measure / 主要任务, goal / 目标 … (repeat or comma list).")
@click.option("--theme", "-t", multiple=True, help="Theme code(s) or Chinese names, any of them: elderly / 养老, party / 党建 …")
@click.option("-k", "k", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many suggestions.")
@click.option("--corpus", "-c", type=click.Path(exists=True, file_okay=False),
              help="An index (plantext corpus index) or a folder of plans "
                   "(default: the team corpus).")
@click.option("--mode", type=click.Choice(["auto", "hybrid", "sparse", "dense"]), default="auto",
              show_default=True, help="Retrieval: hybrid when the encoder is available.")
@click.option("--under", "under", multiple=True,
              help="A heading TEXT is written under, outermost first (repeat): its role "
                   "chooses the suggestions' role when --role is not given.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def suggest_cmd(text, role, theme, k, corpus, mode, under, as_json) -> None:
    """Suggest phrasings for draft TEXT and/or a --role and --theme, with their sources."""
    from ..suggest import suggest

    if not text and not role and not theme:
        raise click.UsageError("Give TEXT, --role or --theme.")
    from .names import role_code, theme_code

    hits = run(suggest, text, role=_codes(role, role_code), theme=_codes(theme, theme_code), k=k,
               corpus=corpus, mode=mode,
               context=list(under) or None)
    guess = hits.role_guess
    if as_json:
        data = {"mode": hits.mode, "reason": hits.reason,
                "role_guess": None if guess is None else
                {"role": guess.role, "score": guess.score, "source": guess.source,
                 "applied": guess.filters},
                "suggestions": [h.to_dict() for h in hits]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if hits.reason:
        click.echo(f"({hits.mode}: {hits.reason})", err=True)
    if guess is not None:
        how = "按此角色筛选" if guess.filters else "把握不足，未筛选"
        click.echo(f"(推测这段文字的角色：{guess.role} {guess.score:.2f}，依据{'标题' if guess.source == 'heading' else '模型'}；"
                   f"{how})", err=True)
    if not hits:
        click.echo("没有找到合适的表述。 (No suggestion matched.)", err=True)
    for n, h in enumerate(hits, 1):
        click.echo(f"{n}. {h.text}")
        click.echo(click.style(f"   {h.role} {','.join(h.themes) or '-'}  {h.source}  "
                               f"score {h.score:.3f}", dim=True))


@click.command("index")
@click.argument("folder", type=click.Path(exists=True))
@click.option("-o", "--out", "out", required=True, type=click.Path(),
              help="The index folder to write.")
@click.option("--dense/--no-dense", default=None,
              help="Embed entries with e5 (default: when the trf extra is installed).")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model for unannotated documents (default sm).")
def corpus_index_cmd(folder, out, dense, model) -> None:
    """Index FOLDER's plans (.txt .md .html .docx .pdf) for `plantext suggest --corpus OUT`."""
    from ..suggest import build_index

    index = run(build_index, folder, out, dense="auto" if dense is None else dense, model=model)
    kind = "sparse + dense" if index.dense is not None else "sparse only"
    click.echo(f"indexed {len(index)} sentences from {len(index.doc_index)} documents "
               f"({kind}) into {out}")
    for note in index.meta.get("skipped", []):
        click.echo(f"skipped {note}", err=True)
    if index.meta.get("dense_skipped"):
        click.echo(index.meta["dense_skipped"], err=True)
