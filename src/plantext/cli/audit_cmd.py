"""``plantext audit FILE [--profile NAME] [--model sm|trf] [--format text|json|html|docx] [-o OUT]``."""

from __future__ import annotations

import pathlib
import sys

import click

from . import run


@click.command("audit")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--profile", default=None,
              help="Section profile: a document type (work_plan, implementation_plan …) or a JSON file.")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model (default sm).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the report here (required for docx; default stdout otherwise).")
@click.option("--fail-on-error", is_flag=True,
              help="Exit with status 1 when the audit finds an error (for use in checks).")
@click.option("--no-suggest", is_flag=True, help="Skip the phrasing suggestions (faster).")
def audit_cmd(source: str, profile: str | None, model: str | None, fmt: str, out: str | None,
              fail_on_error: bool, no_suggest: bool) -> None:
    """Audit the draft plan SOURCE (.txt .md .html .docx .pdf) and report what to fix."""
    from ..audit import audit

    report = run(audit, pathlib.Path(source), profile=profile, model=model,
                 suggest=not no_suggest)
    if fmt == "docx":
        target = out or str(pathlib.Path(source).with_name(pathlib.Path(source).stem + "-审读.docx"))
        run(report.to_docx, target, source)
        click.echo(f"已写入带批注的文档：{target}", err=True)
    elif fmt == "json":
        _emit(report.to_json(indent=2), out)
    elif fmt == "html":
        _emit(report.to_html(), out)
    elif out:
        _emit(report.to_text(), out)
    else:
        report.print()
    if fail_on_error and report.has_errors:
        sys.exit(1)


def _emit(content: str, out: str | None) -> None:
    if out:
        pathlib.Path(out).write_text(content, encoding="utf-8")
        click.echo(f"已写入：{out}", err=True)
    else:
        click.echo(content)
