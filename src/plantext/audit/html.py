"""A standalone HTML page of an audit: summary and score on top, findings in place.

No external assets: styles are inline, everything from the plan is escaped.
Short findings (a typo, a placeholder) highlight their words; long ones (a
vague goal section) get a numbered flag at their start. Every finding is
listed in the summary with a link to its place.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .report import ROLE_ZH, SEVERITY_ZH

if TYPE_CHECKING:  # pragma: no cover
    from .report import AuditReport

INLINE_MAX = 80
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0;background:#f6f7f9;color:#222;line-height:1.7}
main{max-width:960px;margin:0 auto;padding:24px}
header{background:#fff;border-radius:8px;padding:16px 24px;box-shadow:0 1px 3px #0002}
h1{font-size:22px;margin:0 0 8px} h2{font-size:18px;margin:24px 0 8px}
.score{font-size:40px;font-weight:bold;float:right;color:#1a7f37}.score.low{color:#c62828}
.meta{color:#666;font-size:14px} .note{color:#b26a00;font-size:14px} table{border-collapse:collapse;font-size:14px;margin-top:8px}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
ol.findings{background:#fff;border-radius:8px;padding:12px 12px 12px 40px;box-shadow:0 1px 3px #0002}
ol.findings li{margin:6px 0} .sev{font-size:12px;padding:1px 6px;border-radius:4px;color:#fff}
.sev.error{background:#c62828}.sev.warning{background:#b26a00}.sev.info{background:#1565c0}
.sugg{color:#1a7f37;font-size:13px;margin-left:1em}.src{color:#888}
.doc{background:#fff;border-radius:8px;padding:16px 24px;white-space:pre-wrap;box-shadow:0 1px 3px #0002}
mark{border-radius:3px;padding:0 1px;cursor:help} mark.error{background:#ffcdd2;border-bottom:2px solid #c62828}
mark.warning{background:#ffe9a8;border-bottom:2px solid #b26a00}
mark.info{background:#d6e8ff;border-bottom:2px solid #1565c0}
a.flag{font-size:11px;text-decoration:none;padding:0 4px;border-radius:8px;color:#fff;vertical-align:super}
a.flag.error{background:#c62828}a.flag.warning{background:#b26a00}a.flag.info{background:#1565c0}
"""


def render_html(report: "AuditReport") -> str:
    """The whole page as a string."""
    plan = report.plan
    title = escape(plan.title or "（无标题）")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>审读报告：{title}</title>", f"<style>{CSS}</style>", "</head>", "<body><main>",
        _summary(report), "<h2>发现的问题</h2>", _finding_list(report),
        "<h2>全文（问题处已标出）</h2>", f'<div class="doc">{_marked_text(report)}</div>',
        "</main></body>", "</html>",
    ])


def _summary(report: "AuditReport") -> str:
    plan, c = report.plan, report.counts()
    low = " low" if report.score < 80 else ""
    missing = "、".join(escape(ROLE_ZH.get(r, r)) for r in sorted(report.missing_roles)) or "无"
    rows = "".join(f"<tr><td>{escape(r['label'])}</td><td>{r['count']}</td>"
                   f"<td>-{r['points']:g}</td><td>{escape(r['rule'])}</td></tr>"
                   for r in report.breakdown)
    table = (f"<table><tr><th>扣分项</th><th>数量</th><th>扣分</th><th>规则</th></tr>{rows}</table>"
             if rows else "")
    notes = "".join(f'<p class="note">注意：{escape(w)}</p>' for w in report.warnings)
    return (f'<header><div class="score{low}">{report.score:g}</div>'
            f"<h1>{escape(plan.title or '（无标题）')}</h1>"
            f'<div class="meta">文档类型：{escape(report.profile)} · 错误 {c["error"]} · '
            f'警告 {c["warning"]} · 提示 {c["info"]} · 缺少的部分：{missing}</div>'
            f"<p>{escape(report.explain())}</p>{notes}{table}</header>")


def _finding_list(report: "AuditReport") -> str:
    if not report.findings:
        return "<p>未发现问题。</p>"
    items = []
    for n, f in enumerate(report.findings):
        link = f' <a href="#m{n}">定位</a>' if f.start is not None else ""
        sugg = "".join(f'<div class="sugg">参考：{escape(s.text)} <span class="src">'
                       f"（{escape(s.source)}）</span></div>" for s in f.suggestions)
        items.append(f'<li id="f{n}"><span class="sev {escape(f.severity)}">'
                     f"{escape(SEVERITY_ZH.get(f.severity, f.severity))}</span> "
                     f"{escape(f.message)}{link}{sugg}</li>")
    return '<ol class="findings">' + "".join(items) + "</ol>"


def _marked_text(report: "AuditReport") -> str:
    text = report.plan.text
    inline, flags = _placement(report)
    opens = {s: (n, f) for n, f, s, e in inline}
    closes = {e for _, _, _, e in inline}
    flag_at: dict[int, list[tuple[int, object]]] = {}
    for n, f in flags:
        flag_at.setdefault(f.start, []).append((n, f))
    cuts = sorted(set(opens) | closes | set(flag_at) | {0, len(text)})
    out = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        if a in closes:
            out.append("</mark>")
        for n, f in flag_at.get(a, []):
            out.append(f'<a class="flag {escape(f.severity)}" id="m{n}" href="#f{n}" '
                       f'title="{escape(f.message)}">{n + 1}</a>')
        if a in opens:
            n, f = opens[a]
            out.append(f'<mark class="{escape(f.severity)}" id="m{n}" title="{escape(f.message)}">')
        if b is not None:
            out.append(escape(text[a:b]))
    return "".join(out)


def _placement(report: "AuditReport"):
    """Split spanned findings into non-overlapping inline marks and flags."""
    inline, flags, taken = [], [], []
    spanned = [(n, f) for n, f in enumerate(report.findings) if f.start is not None]
    for n, f in sorted(spanned, key=lambda p: (p[1].end - p[1].start, p[1].start)):
        s, e = f.start, max(f.end, f.start)
        short = 0 < e - s <= INLINE_MAX and "\n" not in report.plan.text[s:e]
        if short and not any(a < e and s < b for a, b in taken):
            inline.append((n, f, s, e))
            taken.append((s, e))
        else:
            flags.append((n, f))
    return inline, flags
