"""``plantext audit FILE [--profile NAME] [--model sm|trf] [--format text|json|html|docx] [-o OUT]``."""

from __future__ import annotations

import pathlib
import sys

import click

from . import output_path, run, write_output


@click.command("audit")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--profile", default=None,
              help="按哪类文档审读：工作计划、实施方案、工作要点……（中文名或代码），或自定义规则的 JSON 文件。默认按识别出的类型。")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="部分和主题的标注模型（默认 sm；trf 更准但更慢）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text",
              show_default=True, help="报告格式：text 终端文字、json、html 网页、docx 带批注的 Word。")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="报告写到这个文件（默认输出到屏幕；docx 默认写到原文件旁的“原名-审读.docx”）。"
                   "文件夹不存在会自动创建；不会覆盖原文件。")
@click.option("--fail-on-error", is_flag=True,
              help="发现“错误”级问题时以状态 1 退出（用于自动检查）。")
@click.option("--no-suggest", is_flag=True, help="不附参考表述（更快）。")
@click.option("--whole", is_flag=True,
              help="一页里有几份计划（计划(一)(二)…）时整页作为一份审读，不逐份分开。")
def audit_cmd(source: str, profile: str | None, model: str | None, fmt: str, out: str | None,
              fail_on_error: bool, no_suggest: bool, whole: bool) -> None:
    """审读计划草稿 SOURCE（.txt .md .html .docx .pdf），列出需要修改的地方。

    一页里有几份计划时逐份审读：文字和 JSON 每份一段；HTML 写成一个网页，
    开头有各份计划的目录，互相链接。Word 批注报告总是批注整份文档。
    """
    from .names import profile_value

    profile = profile_value(profile)
    reports = None
    if not whole and fmt != "docx":
        reports = run(_audit_each, source, profile=profile, model=model, suggest=not no_suggest)
        if len(reports) > 1:
            _emit_many(reports, fmt, out, source)
            if fail_on_error and any(r.has_errors for r in reports):
                sys.exit(1)
            return

    if fmt == "docx" and pathlib.Path(source).suffix.lower() != ".docx":
        raise click.ClickException(
            f"Word 批注报告需要计划本身的 .docx 文件，{source} 不是。请改用 --format html 或 json。")
    report = reports[0] if reports else run(_audit_whole, source, profile=profile, model=model,
                                            suggest=not no_suggest)
    if fmt == "docx":
        target = out or str(pathlib.Path(source).with_name(pathlib.Path(source).stem + "-审读.docx"))
        path = output_path(target, source=source)
        run(report.to_docx, path, source)
        click.echo(f"已写入带批注的文档：{target}", err=True)
    elif fmt == "json":
        _emit(report.to_json(indent=2), out, source)
    elif fmt == "html":
        _emit(report.to_html(), out, source)
    elif out:
        _emit(report.to_text(), out, source)
    else:
        report.print()
    if fail_on_error and report.has_errors:
        sys.exit(1)


def _emit(content: str, out: str | None, source: str) -> None:
    if out:
        write_output(out, content, source=source)
        click.echo(f"已写入：{out}", err=True)
    else:
        click.echo(content)


def _audit_each(source: str, *, profile, model, suggest: bool) -> list:
    """One report per plan of the page (a single plan: one report); the plans' warnings are
    on each report (the terminal, JSON and HTML reports show them)."""
    from ..audit import audit_plan
    from ..pipeline import pipeline_for

    plans = pipeline_for(model).parse_many(pathlib.Path(source), warn=False)
    return [audit_plan(p, profile=profile, suggest=suggest) for p in plans]


def _audit_whole(source: str, *, profile, model, suggest: bool):
    """One report for the whole page, read as one plan (``--whole``, and Word reports)."""
    from ..audit import audit_plan
    from ..pipeline import pipeline_for

    plan = pipeline_for(model).parse(pathlib.Path(source), warn=False)
    return audit_plan(plan, profile=profile, suggest=suggest)


def _emit_many(reports: list, fmt: str, out: str | None, source: str) -> None:
    n = len(reports)
    click.echo(f"这一页包含{n}份计划，逐份审读（--whole 则整页作为一份）。", err=True)
    if fmt == "json":
        import json

        _emit(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2), out, source)
    elif fmt == "html":   # one document holding every plan, with a table of contents and links
        from ..audit.report import AuditReport

        page = AuditReport(reports[0].plan, [], set(), min(r.score for r in reports), reports[0].profile,
                           reports=list(reports))
        _emit(page.to_html(), out, source)
    elif out:
        _emit("\n".join(f"＝＝ 第{i}/{n}份计划 ＝＝\n{r.to_text()}" for i, r in enumerate(reports, 1)), out, source)
    else:
        for i, r in enumerate(reports, 1):
            click.echo(f"＝＝ 第{i}/{n}份计划 ＝＝")
            r.print()
