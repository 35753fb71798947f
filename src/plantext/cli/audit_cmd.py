"""``plantext audit FILE [--profile NAME] [--model sm|trf] [--format text|json|html|docx] [-o OUT]``."""

from __future__ import annotations

import pathlib
import sys

import click

from . import output_path, run, write_output


@click.command("audit")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--profile", default=None,
              help="Section profile: a document type (work_plan, implementation_plan …) or a JSON file.")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model (default sm).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the report here (default: stdout; for docx, SOURCE-审读.docx beside SOURCE). "
                   "Missing folders are created; SOURCE itself is never overwritten.")
@click.option("--fail-on-error", is_flag=True,
              help="Exit with status 1 when the audit finds an error (for use in checks).")
@click.option("--no-suggest", is_flag=True, help="Skip the phrasing suggestions (faster).")
def audit_cmd(source: str, profile: str | None, model: str | None, fmt: str, out: str | None,
              fail_on_error: bool, no_suggest: bool) -> None:
    """Audit the draft plan SOURCE (.txt .md .html .docx .pdf) and report what to fix."""
    from ..audit import audit

    if fmt == "docx" and pathlib.Path(source).suffix.lower() != ".docx":
        raise click.ClickException(
            f"Word 批注报告需要计划本身的 .docx 文件，{source} 不是。请改用 --format html 或 json。"
            f" (A Word report comments the plan's own .docx; {source} is not one: use --format html or json.)")
    report = run(audit, pathlib.Path(source), profile=profile, model=model,
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
