"""The terminal report (rich), in plain Chinese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels.names import doc_type_zh
from .names import ROLE_ZH, SEVERITY_ZH

if TYPE_CHECKING:  # pragma: no cover
    from .report import AuditReport

COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MAX_SUGGESTIONS = 3


def _renderables(report: "AuditReport") -> list:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    plan = report.plan
    c = report.counts()
    head = Text()
    head.append(f"{plan.title or '（无标题）'}\n", style="bold")
    head.append(f"文档类型：{doc_type_zh(report.profile)}    得分：", style="dim")
    head.append(f"{report.score:g}", style="bold green" if report.score >= 80 else "bold red")
    head.append(f"    错误 {c['error']}  警告 {c['warning']}  提示 {c['info']}\n")
    head.append(report.explain(), style="dim")
    if report.missing_roles:
        names = "、".join(ROLE_ZH.get(r, r) for r in sorted(report.missing_roles))
        head.append(f"\n缺少的部分：{names}", style="red")
    for row in report.sections:   # each expected part: found, on what evidence, or not
        if row.get("tier") in ("required", "recommended"):
            mark = "✓" if row["present"] else "✗"
            head.append(f"\n{mark} {row['heading']}：{row['evidence'] or '未找到'}",
                        style="" if row["present"] else "red")
    for w in report.warnings:   # what reading the file noticed (encoding, no Chinese text, no model …)
        head.append(f"\n注意：{_zh_only(w)}", style="yellow")
    out = [Panel(head, title="plantext 审读报告", expand=False)]
    table = Table(show_lines=False, expand=False)
    table.add_column("级别", no_wrap=True)
    table.add_column("位置", no_wrap=True)
    table.add_column("问题与建议", overflow="fold")
    for f in report.findings:
        where = f"第{f.line}行第{f.col}列" if f.line is not None else "全文"
        body = Text(f.message)
        if f.start is not None and f.end is not None and f.code in ("typo", "placeholder"):
            body.append(f"  〔{plan.text[f.start:f.end]}〕", style="dim")
        for s in f.suggestions[:MAX_SUGGESTIONS]:
            body.append(f"\n·参考：{s.text}", style="green")
            body.append(f"\n  出处：{s.describe_source()}", style="dim")
        table.add_row(Text(SEVERITY_ZH.get(f.severity, f.severity), style=COLOURS.get(f.severity, "")),
                      where, body)
    out.append(table if report.findings else Text("未发现问题。", style="green"))
    return out


def print_report(report: "AuditReport", console=None) -> None:
    """Print the report to ``console`` (a rich Console; default stdout)."""
    from rich.console import Console

    console = console or Console()
    for r in _renderables(report):
        console.print(r)


def render_text(report: "AuditReport", width: int = 100) -> str:
    """The report as plain text, without colour codes."""
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False)
    print_report(report, console)
    return buf.getvalue()


def _zh_only(text: str) -> str:
    """A warning without its English gloss (``中文。 (English.)`` → ``中文。``)."""
    import re

    return re.sub(r"\s*[(（][A-Za-z][^()（）]*[)）]\s*$", "", text)
