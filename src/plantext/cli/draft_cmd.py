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
        raise click.BadParameter(f"请给一个 {'、'.join(FORMATS)} 文件", param_hint="-o")


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
              help="文档类型，中文名或代码：工作计划、实施方案、工作要点、政府工作报告、工作总结、意见……"
                   "决定计划有哪些部分。")
@click.option("--theme", "-t", multiple=True,
              help="计划的主题，中文名或代码：文明、平安、养老……（可重复或用逗号分隔）。")
@click.option("--unit", default="XX社区", show_default=True, help="制定计划的单位。")
@click.option("--level", help="行政层级：社区、街道、县、市（默认按单位名称判断）。")
@click.option("--year", type=int, help="计划年度（默认今年）。")
@click.option("-k", "k", type=click.IntRange(1, 20), default=3, show_default=True,
              help="每个部分用几条表述（主要任务按每个主题计）。")
@click.option("--profile", help="自定义结构规则的 JSON 文件（默认按文档类型）。")
@click.option("--corpus", "-c", type=click.Path(exists=True, file_okay=False),
              help="从哪里取表述：索引或放计划文件的文件夹（默认用自带范文）。")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="给结果标注部分和主题的模型（默认 sm）。")
@click.option("-o", "--out", type=click.Path(dir_okay=False),
              help="写成 .docx、.md 或 .txt（按后缀）；默认以 Markdown 输出到屏幕。")
def draft_cmd(doc_type, theme, unit, year, level, k, profile, corpus, model, out) -> None:
    """按文档类型的标准结构起草一份新计划，用范文中的表述填写。"""
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
    note = (f"共{len(plan.sections)}个部分，{len(plan.meta['provenance'])}句表述取自"
            f"{len(sources)}份文档，{len(plan.meta['markers'])}处【待补充】")
    click.echo(f"已写入 {out}：{note}" if out else note, err=out is None)


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
              help="写成 .docx、.md 或 .txt（按后缀）；默认以 Markdown 输出到屏幕。")
@click.option("--profile", help="按哪类文档补全：中文名、代码或规则 JSON 文件（默认按识别出的类型）。")
@click.option("--corpus", "-c", type=click.Path(exists=True, file_okay=False),
              help="从哪里取表述：索引或放计划文件的文件夹（默认用自带范文）。")
@click.option("-k", "k", type=click.IntRange(1, 20), default=3, show_default=True,
              help="每个补上的部分用几条表述。")
@click.option("--unit", help="计划的单位（默认从标题读出）。")
@click.option("--year", type=int, help="计划年度（默认从标题读出）。")
@click.option("--level", help="行政层级：社区、街道、县、市（默认按单位名称判断）。")
@click.option("--part", type=click.IntRange(1), default=None,
              help="一个文件里有几份计划时，补全第几份（1、2……），补在它原来的位置。")
@click.option("--mark", type=click.Choice(["track", "comment", "both"]), default="track",
              show_default=True,
              help="在原 Word 文件中补全时怎样标出补上的部分：track 修订（可逐处接受或拒绝）、"
                   "comment 批注、both 两者都用。")
@click.option("--required-only", is_flag=True,
              help="只补必备的部分。")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="部分和主题的标注模型（默认 sm）。")
def complete_cmd(source, out, profile, corpus, k, unit, year, level, part, mark, required_only,
                 model) -> None:
    """给草稿 SOURCE 补上审读发现缺少的部分，并列出补了什么。

    SOURCE 是 .docx 且输出 .docx 时，直接在原文档中补上，原有的样式、表格、页眉和批注都保留，
    补上的部分以修订或批注标出。
    """
    from ..draft import complete

    _check_out(out)
    from .names import profile_value

    profile = profile_value(profile)
    tiers = ("required",) if required_only else ("required", "recommended")
    result = run(complete, source, profile=profile, corpus=corpus, k=k, model=model, unit=unit,
                 year=year, tiers=tiers, level=level, part=part)
    if out and pathlib.Path(out).suffix.lower() == ".docx":
        run(result.to_docx, output_path(out, source=source), mark=mark)
    else:
        _write(result.plan, out, result.source_text, source=source)
    click.echo(result.summary(), err=out is None)
    if out:
        click.echo(f"已写入 {out}")
