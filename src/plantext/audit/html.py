"""A standalone HTML page of an audit: summary and score on top, findings numbered in place.

No external assets: styles are inline, everything from the plan is escaped.
Every finding has a number; identical findings (the same typo five times) share
one number and one entry in the list, with their count. In the text each
place carries its number as a badge linking to the list entry, and each list
entry links back to every place. Short findings (a typo, a placeholder)
highlight their words; long ones (a vague goal section) flag their first
sentence; a missing section is flagged where it would go. Headings are set as
headings. A page of several plans is one document: a table of contents, then
one part per plan, linked to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from ..labels.names import doc_type_zh, role_zh, themes_zh
from .names import ROLE_ZH, SEVERITY_ZH

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Finding
    from .report import AuditReport

INLINE_MAX = 80
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0;background:#f6f7f9;color:#222;line-height:1.7}
main{max-width:960px;margin:0 auto;padding:24px}
header{background:#fff;border-radius:8px;padding:16px 24px;box-shadow:0 1px 3px #0002}
h1{font-size:22px;margin:0 0 8px} h2{font-size:18px;margin:24px 0 8px}
.score{font-size:40px;font-weight:bold;float:right;color:#1a7f37}.score.low{color:#c62828}
.meta{color:#666;font-size:14px} .note{color:#b26a00;font-size:14px}
table{border-collapse:collapse;font-size:14px;margin-top:8px}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
ul.findings{list-style:none;background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px #0002}
ul.findings li{margin:8px 0;scroll-margin-top:16px} ul.findings li:target{background:#fff8d6}
.num{display:inline-block;min-width:1.6em;text-align:center;font-size:12px;font-weight:bold;
border-radius:9px;color:#fff;margin-right:4px;text-decoration:none}
.num.error{background:#c62828}.num.warning{background:#b26a00}.num.info{background:#1565c0}
.sev{font-size:12px;padding:1px 6px;border-radius:4px;border:1px solid #ccc;color:#555}
.count{font-size:12px;color:#555;background:#eee;border-radius:4px;padding:0 5px;margin-left:4px}
.places a{font-size:12px;margin-left:6px}
.sugg{color:#1a7f37;font-size:13px;margin-left:2em}.src{color:#888;font-size:12px;margin-left:2em}
.doc{background:#fff;border-radius:8px;padding:16px 24px;box-shadow:0 1px 3px #0002}
.doc p{margin:0 0 6px;white-space:pre-wrap;text-indent:2em}
.doc .title{font-size:21px;font-weight:bold;text-align:center;text-indent:0;margin:8px 0 16px}
.doc .h1{font-size:17px;font-weight:bold;text-indent:0;margin:14px 0 6px;color:#0d3c61}
.doc .h2{font-size:16px;font-weight:bold;text-indent:0;margin:10px 0 4px;color:#234}
.doc .h3,.doc .h4{font-weight:bold;text-indent:0;margin:8px 0 4px}
mark{border-radius:3px;padding:0 1px;scroll-margin-top:16px} mark:target,a.badge:target{outline:2px solid #222}
mark.error{background:#ffcdd2;border-bottom:2px solid #c62828}
mark.warning{background:#ffe9a8;border-bottom:2px solid #b26a00}
mark.info{background:#d6e8ff;border-bottom:2px solid #1565c0}
a.badge{font-size:11px;text-decoration:none;padding:0 5px;border-radius:8px;color:#fff;
vertical-align:super;margin:0 1px;scroll-margin-top:16px}
a.badge.error{background:#c62828}a.badge.warning{background:#b26a00}a.badge.info{background:#1565c0}
.gap{display:block;border:1px dashed #c62828;color:#c62828;border-radius:6px;padding:2px 8px;margin:6px 0;
font-size:13px;text-indent:0}
nav.plans{background:#fff;border-radius:8px;padding:12px 24px;box-shadow:0 1px 3px #0002;margin-bottom:16px}
nav.plans ol{margin:4px 0} nav.pager{margin:12px 0;font-size:14px} nav.pager a{margin-right:16px}
section.plan{margin-bottom:40px}
"""


@dataclass
class Group:
    """Identical findings (same check, severity, message and flagged words) under one number."""

    number: int
    findings: list["Finding"] = field(default_factory=list)

    @property
    def first(self) -> "Finding":
        return self.findings[0]


def render_html(report: "AuditReport") -> str:
    """The whole page as a string: one plan, or every plan of a page with a table of contents."""
    if report.reports:
        return _page(report)
    plan = report.plan
    title = escape(plan.title or "（无标题）")
    return _document(f"审读报告：{title}", _plan_part(report, ""))


def _document(title: str, body: str) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body><main>",
        body, "</main></body>", "</html>",
    ])


def _page(page: "AuditReport") -> str:
    """Several plans on one page: their table of contents, then one part each, linked."""
    parts = page.reports
    n = len(parts)
    toc = "".join(f'<li><a href="#p{i}">{escape(r.plan.title or f"第{i}份计划")}</a> · '
                  f"得分 {r.score:g} · {_counts_zh(r)}</li>" for i, r in enumerate(parts, 1))
    body = [f'<nav class="plans" id="top"><h1>这一页包含{n}份计划</h1>'
            f'<p class="meta">{escape(page.explain())}</p><ol>{toc}</ol></nav>']
    for i, r in enumerate(parts, 1):
        links = ['<a href="#top">目录</a>']
        if i > 1:
            links.append(f'<a href="#p{i - 1}">上一份：{escape(_short(parts[i - 2]))}</a>')
        if i < n:
            links.append(f'<a href="#p{i + 1}">下一份：{escape(_short(parts[i]))}</a>')
        pager = f'<nav class="pager">第{i}/{n}份 {"".join(links)}</nav>'
        body.append(f'<section class="plan" id="p{i}">{pager}{_plan_part(r, f"p{i}-")}{pager}</section>')
    return _document(f"审读报告：{n}份计划", "\n".join(body))


def _short(report: "AuditReport") -> str:
    title = report.plan.title or "（无标题）"
    return title if len(title) <= 24 else title[:23] + "…"


def _counts_zh(report: "AuditReport") -> str:
    c = report.counts()
    return f"错误 {c['error']} · 警告 {c['warning']} · 提示 {c['info']}"


def _plan_part(report: "AuditReport", prefix: str) -> str:
    groups = group_findings(report.findings, report.plan.text)
    places = _places(report, groups)
    return "".join([
        _summary(report), "<h2>发现的问题</h2>", _finding_list(groups, places, prefix),
        "<h2>全文（问题处已标出编号）</h2>",
        f'<div class="doc">{_marked_text(report, groups, places, prefix)}</div>',
    ])


def group_findings(findings: list["Finding"], text: str = "") -> list[Group]:
    """Findings in report order, identical ones (code, severity, message, flagged words) together."""
    groups: dict[tuple, Group] = {}
    for f in findings:
        key = (f.code, f.severity, f.message, f.role, _words(f, text))
        if key not in groups:
            groups[key] = Group(len(groups) + 1)
        groups[key].findings.append(f)
    return list(groups.values())


def _words(f: "Finding", text: str) -> str:
    """What makes two findings of the same message the same: their flagged words when the
    span is short (a typo, a placeholder), else their place (never merged)."""
    if f.start is None or f.end is None:
        return ""
    if 0 < f.end - f.start <= INLINE_MAX and f.end <= len(text):
        return text[f.start:f.end]
    return f"@{f.start}:{f.end}"


def _summary(report: "AuditReport") -> str:
    plan, c = report.plan, report.counts()
    low = " low" if report.score < 80 else ""
    missing = "、".join(escape(ROLE_ZH.get(r, r)) for r in sorted(report.missing_roles)) or "无"
    rows = "".join(f"<tr><td>{escape(r['label'])}</td><td>{r['count']}</td>"
                   f"<td>-{r['points']:g}</td><td>{escape(r['rule'])}</td></tr>"
                   for r in report.breakdown)
    table = (f"<table><tr><th>扣分项</th><th>数量</th><th>扣分</th><th>规则</th></tr>{rows}</table>"
             if rows else "")
    notes = "".join(f'<p class="note">注意：{escape(_zh_only(w))}</p>' for w in report.warnings)
    parts = "".join(f'<li>{"✓" if r["present"] else "✗"} {escape(r["heading"])}：'
                    f'{escape(r["evidence"] or "未找到")}</li>'
                    for r in report.sections if r.get("tier") in ("required", "recommended"))
    parts = f'<ul class="parts">{parts}</ul>' if parts else ""
    themes = themes_zh(report.themes)
    return (f'<header><div class="score{low}">{report.score:g}</div>'
            f"<h1>{escape(plan.title or '（无标题）')}</h1>"
            f'<div class="meta">文档类型：{escape(doc_type_zh(report.profile))}'
            + (f" · 主题：{escape(themes)}" if themes else "")
            + f' · 错误 {c["error"]} · 警告 {c["warning"]} · 提示 {c["info"]} · 缺少的部分：{missing}</div>'
            f"<p>{escape(report.explain())}</p>{parts}{notes}{table}</header>")


def _zh_only(text: str) -> str:
    import re

    return re.sub(r"\s*[(（][A-Za-z][^()（）]*[)）]\s*$", "", text)


def _finding_list(groups: list[Group], places: dict, prefix: str) -> str:
    if not groups:
        return "<p>未发现问题。</p>"
    items = []
    for g in groups:
        f = g.first
        sev = escape(f.severity)
        spots = places.get(g.number, [])
        at = f"（第{f.line}行第{f.col}列）" if f.line is not None else ""
        links = "".join(f'<a href="#{prefix}m{g.number}-{k}">{"定位" + at if len(spots) == 1 else f"第{k}处"}</a>'
                        for k in range(1, len(spots) + 1))
        count = f'<span class="count">共{len(g.findings)}处</span>' if len(g.findings) > 1 else ""
        words = ""
        if f.code in ("typo", "placeholder") and f.data.get("wrong"):
            words = f"〔{escape(f.data['wrong'])}〕"
        sugg = "".join(f'<div class="sugg">参考：{escape(s.text)}</div>'
                       f'<div class="src">出处：{escape(s.describe_source())}</div>' for s in f.suggestions)
        where = "" if spots else '<span class="count">全文</span>'
        items.append(f'<li id="{prefix}f{g.number}"><a class="num {sev}" href="#{prefix}m{g.number}-1">'
                     f"{g.number}</a>"
                     f'<span class="sev">{escape(SEVERITY_ZH.get(f.severity, f.severity))}</span> '
                     f"{escape(f.message)}{words}{count}{where}"
                     f'<span class="places">{links}</span>{sugg}</li>')
    return '<ul class="findings">' + "".join(items) + "</ul>"


def _places(report: "AuditReport", groups: list[Group]) -> dict[int, list[tuple]]:
    """Group number → its places in the text: (kind, start, end, finding), kind ``mark``,
    ``flag`` or ``gap`` (a missing section, flagged where it would go)."""
    plan = report.plan
    text = plan.text
    taken: list[tuple[int, int]] = []
    out: dict[int, list[tuple]] = {}
    spanned = [(g, f) for g in groups for f in g.findings if f.start is not None]
    for g, f in sorted(spanned, key=lambda p: (max(p[1].end, p[1].start) - p[1].start, p[1].start)):
        s, e = f.start, max(f.end, f.start)
        short = 0 < e - s <= INLINE_MAX and "\n" not in text[s:e]
        if short and not any(a < e and s < b for a, b in taken):
            taken.append((s, e))
            out.setdefault(g.number, []).append(("mark", s, e, f))
        elif short:   # its words are marked already (two checks on one heading): the number goes beside
            out.setdefault(g.number, []).append(("flag", e, None, f))
        else:
            out.setdefault(g.number, []).append(("flag", _flag_at(plan, s, e), None, f))
    gaps = _gap_offsets(report, [g for g in groups if g.first.start is None])
    for number, at in gaps.items():
        out.setdefault(number, []).append(("gap", at, None, None))
    for spots in out.values():
        spots.sort(key=lambda p: p[1])
    return out


def _flag_at(plan, start: int, end: int) -> int:
    """Where a long finding's number goes: its first sentence, not the heading over it."""
    import bisect

    segs = plan.segments
    i = bisect.bisect_left([s.start for s in segs], start)
    for seg in segs[i:]:
        if seg.start >= end:
            break
        if seg.kind != "heading":
            return seg.start
    return start


def _gap_offsets(report: "AuditReport", groups: list[Group]) -> dict[int, int]:
    """Missing sections: the line where each would go (the profile's order), by group number."""
    wanted = {g.number: g.first.role for g in groups if g.first.code == "missing-section" and g.first.role}
    if not wanted:
        return {}
    try:
        from ..draft.layout import slots
        from ..labels import load_profile

        found = slots(report.plan, load_profile(report.profile), list(dict.fromkeys(wanted.values())))
    except Exception:  # noqa: BLE001 - a page must render even when the layout cannot be worked out
        return {n: 0 for n in wanted}
    at = {s.role: s.at for s in found}
    return {n: at.get(role, 0) for n, role in wanted.items()}


def _marked_text(report: "AuditReport", groups: list[Group], places: dict, prefix: str) -> str:
    plan = report.plan
    text = plan.text
    opens: dict[int, list[str]] = {}
    closes: dict[int, int] = {}
    points: dict[int, list[str]] = {}
    gaps: dict[int, list[str]] = {}
    for number, spots in places.items():
        for k, (kind, s, e, f) in enumerate(spots, 1):
            anchor = f"{prefix}m{number}-{k}"
            link = f"{prefix}f{number}"
            if kind == "gap":
                g = next(g for g in groups if g.number == number)
                gaps.setdefault(s, []).append(
                    f'<span class="gap" id="{anchor}"><a class="badge {escape(g.first.severity)}" '
                    f'href="#{link}">{number}</a> 此处缺少“{escape(g.first.data.get("heading") or role_zh(g.first.role))}”'
                    f"部分</span>")
                continue
            sev = escape(f.severity)
            badge = (f'<a class="badge {sev}" href="#{link}" title="{escape(f.message)}"'
                     f'{"" if kind == "mark" else f" id={chr(34)}{anchor}{chr(34)}"}>{number}</a>')
            if kind == "mark":
                opens.setdefault(s, []).append(f'<mark class="{sev}" id="{anchor}" title="{escape(f.message)}">')
                closes[e] = closes.get(e, 0) + 1
                points.setdefault(e, []).append((number, badge))
            else:
                points.setdefault(s, []).append((number, badge))
    heads = _heading_lines(plan)
    lines, start = [], 0
    for line_end in [i for i, c in enumerate(text) if c == "\n"] + [len(text)]:
        lines.append((start, line_end))
        start = line_end + 1
    out = []
    for a, b in lines:
        for html in gaps.pop(a, []):
            out.append(html)
        cuts = sorted({a, b} | {c for c in (*opens, *closes, *points) if a <= c <= b})
        body = []
        for x, y in zip(cuts, cuts[1:] + [None]):
            body.append("</mark>" * closes.get(x, 0))
            body.extend(html for _, html in sorted(points.get(x, []), key=lambda p: p[0]))
            if y is not None:
                body.extend(opens.get(x, []))
                body.append(escape(text[x:y]))
        cls = heads.get(a, "")
        content = "".join(body)
        if not text[a:b].strip() and "<" not in content:
            continue
        out.append(f'<p class="{cls}">{content}</p>' if cls else f"<p>{content}</p>")
    for rest in gaps.values():
        out.extend(rest)
    return "\n".join(out)


def _heading_lines(plan) -> dict[int, str]:
    """Line start → CSS class, for the title and for headings that stand on a line of their own."""
    out = {}
    if plan.title:
        pos = plan.text.find(plan.title)
        first = min((s.heading_start for s in plan.sections), default=len(plan.text))
        if 0 <= pos < first:
            out[plan.text.rfind("\n", 0, pos) + 1] = "title"
    for sec in plan.walk():
        line = plan.text.rfind("\n", 0, sec.heading_start) + 1
        if not plan.text[line:sec.heading_start].strip() and not sec.inline:
            out.setdefault(line, f"h{min(sec.level, 4)}")
    return out
