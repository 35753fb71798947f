"""``plantext draft`` and ``plantext complete``: a new plan, and a draft's missing sections."""

from __future__ import annotations

import pathlib

import click

from . import output_path, run, write_output

FORMATS = (".docx", ".md", ".txt")


def _themes(values: tuple[str, ...]) -> list[str]:
    from .names import theme_code

    return [theme_code(c.strip()) for v in values for c in v.replace("，", ",").split(",") if c.strip()]


def _check_out(out: str | None) -> None:
    if out and pathlib.Path(out).suffix.lower() not in FORMATS:
        raise click.BadParameter(f"give a {', '.join(FORMATS)} file", param_hint="-o")


def _write(plan, out: str | None, text: str | None = None, source: str | None = None) -> None:
    """Write ``plan`` to ``out`` by its suffix (never over ``source``), or print it as Markdown."""
    from ..draft import to_docx, to_markdown

    if out is None:
        click.echo(to_markdown(plan), nl=False)
        return
    suffix = pathlib.Path(out).suffix.lower()
    if suffix == ".docx":
        run(to_docx, plan, output_path(out, source=source))
    elif suffix == ".md":
        write_output(out, to_markdown(plan), source=source)
    else:
        write_output(out, (text if text is not None else plan.text) + "\n", source=source)


@click.command("draft")
@click.option("--type", "doc_type", default="work_plan", show_default=True,
              help="Document type, a code or its Chinese name: work_plan / 工作计划, implementation_plan / "
                   "实施方案, work_points / 工作要点, gov_work_report, work_summary / 工作总结, opinion, other. "
                   "Its profile gives the sections.")
@click.option("--theme", "-t", multiple=True,
              help="Theme code(s) or Chinese names: civility / 文明, security / 治安 … (repeat or comma list).")
@click.option("--unit", default="XX社区", show_default=True, help="The unit the plan is for.")
@click.option("--level", help="Administrative level: 社区/community, 街道/street, 县/county, 市/city "
                              "(default: read off the unit's name).")
@click.option("--year", type=int, help="The plan's year (default: this year).")
@click.option("-k", "k", type=click.IntRange(1, 20), default=3, show_default=True,
              help="Phrasings per section (per theme for measures).")
@click.option("--profile", help="A profile JSON file (default: the type's built-in profile).")
@click.option("--corpus", "-c", type=click.Path(exists=True, file_okay=False),
              help="An index or a folder of plans to draw phrasings from (default: team corpus).")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model used to label the result (default sm).")
@click.option("-o", "--out", type=click.Path(dir_okay=False),
              help="Write .docx, .md or .txt (by suffix); default: Markdown to stdout.")
def draft_cmd(doc_type, theme, unit, year, level, k, profile, corpus, model, out) -> None:
    """Draft a new plan with the standard sections, filled with phrasings from a corpus."""
    from ..draft import draft

    _check_out(out)
    from .names import doc_type_code

    from ..labels import check_doc_type

    code = doc_type_code(doc_type)
    run(check_doc_type, code)                    # an unknown type is said before themes are asked
    themes = _themes(theme) or _ask_themes()
    plan = run(draft, code, themes, unit=unit, year=year, profile=profile,
               corpus=corpus, k=k, model=model, level=level)
    _write(plan, out)
    sources = {p["source"].split("#", 1)[0] for p in plan.meta["provenance"]}
    note = (f"{len(plan.sections)} sections, {len(plan.meta['provenance'])} phrasings from "
            f"{len(sources)} documents, {len(plan.meta['markers'])} 【待补充】 markers")
    click.echo(f"wrote {out}: {note}" if out else note, err=out is None)


def _ask_themes() -> list[str]:
    """No --theme: ask at a terminal (a plan without a subject would mix several), else refuse."""
    import sys

    from ..labels import load_taxonomy

    tax = load_taxonomy()
    choices = "、".join(f"{tax[c].zh}（{c}）" for c in tax.codes if c != "none")
    if not sys.stdin.isatty():
        raise click.UsageError(f"请用 --theme 指定计划的主题，例如 --theme 治安。可选：{choices}")
    answer = click.prompt(f"计划的主题是什么？可选：{choices}\n主题（可填多个，用逗号分隔）")
    return _themes((answer,))


@click.command("complete")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out", type=click.Path(dir_okay=False),
              help="Write .docx, .md or .txt (by suffix); default: Markdown to stdout.")
@click.option("--profile", help="Document type or profile JSON (default: the detected type).")
@click.option("--corpus", "-c", type=click.Path(exists=True, file_okay=False),
              help="An index or a folder of plans to draw phrasings from (default: team corpus).")
@click.option("-k", "k", type=click.IntRange(1, 20), default=3, show_default=True,
              help="Phrasings per inserted section.")
@click.option("--unit", help="The plan's unit (default: read from its title).")
@click.option("--year", type=int, help="The plan's year (default: read from its title).")
@click.option("--required-only", is_flag=True,
              help="Insert only the sections the profile requires.")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model (default sm).")
def complete_cmd(source, out, profile, corpus, k, unit, year, required_only, model) -> None:
    """Insert the sections the audit finds missing in SOURCE; print what was inserted."""
    from ..draft import complete

    _check_out(out)
    tiers = ("required",) if required_only else ("required", "recommended")
    result = run(complete, source, profile=profile, corpus=corpus, k=k, model=model, unit=unit,
                 year=year, tiers=tiers)
    _write(result.plan, out, result.source_text, source=source)
    click.echo(result.summary(), err=out is None)
    if out:
        click.echo(f"wrote {out}")
