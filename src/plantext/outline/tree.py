"""Levels per marker style, the section tree, and numbering checks.

Levels are inferred per document from the order in which marker styles
appear: the first style seen is level 1, a new style below it level 2, and
a style seen again returns to its level (deeper levels close). A style more
senior than every open one (一、 after stray （一） items) restarts at level 1.
"""

from __future__ import annotations

from ..document import NumberingIssue, Section
from .headings import HeadingInfo
from .markers import RANK, int_to_cn


def assign_levels(headings: list[HeadingInfo]) -> list[int]:
    """The outline level of each heading, in order."""
    stack: list[str] = []
    seen: dict[str, int] = {}
    levels = []
    for h in headings:
        st = h.style
        if st in stack:
            level = stack.index(st) + 1
            del stack[level:]
        elif seen.get(st) == 1:
            level = 1
            stack[:] = [st]
        elif stack and RANK[st] <= RANK["cn_dun"] and st != "plain" and all(RANK[st] < RANK[s] for s in stack):
            stack[:] = [st]
            level = 1
        elif st == "plain":
            stack[:] = [st]
            level = 1
        else:
            stack.append(st)
            level = len(stack)
        seen[st] = level
        levels.append(level)
    return levels


def build_sections(text: str, headings: list[HeadingInfo], levels: list[int],
                   spans: list[tuple[int, int]], end: int, closers: list[int] = ()) -> list[Section]:
    """The section tree; a section spans from its heading to the next heading at its level or above.

    ``closers`` are offsets (titles of further plans on a page) that close every open section.
    """
    roots: list[Section] = []
    stack: list[Section] = []
    pending = sorted(closers)
    for h, level in zip(headings, levels):
        p0, _ = spans[h.para]
        while pending and pending[0] <= p0:
            cut = pending.pop(0)
            while stack:
                stack.pop().end = cut
        marker = h.marker.text if h.marker else ""
        sec = Section(marker=marker, level=level, title=text[h.title_start:h.title_end],
                      start=p0, end=end, style=h.style, number=h.number,
                      heading_start=p0, heading_end=h.head_end, inline=h.inline)
        while stack and stack[-1].level >= level:
            stack.pop().end = p0
        key = h.marker.path_key if h.marker else sec.title[:8]
        sec.path = (stack[-1].path + "/" if stack else "") + key
        (stack[-1].children if stack else roots).append(sec)
        stack.append(sec)
    for cut in pending[:1]:
        while stack:
            stack.pop().end = cut
    _trim_ends(text, roots)
    return roots


def _trim_ends(text: str, sections: list[Section]) -> None:
    for sec in sections:
        while sec.end > sec.start and text[sec.end - 1] in " \t\n\u3000\xa0":
            sec.end -= 1
        _trim_ends(text, sec.children)


def numbering_issues(sections: list[Section], headings_variants: dict[int, str]) -> list[NumberingIssue]:
    """Gaps, repeats and mixed styles among siblings; children with no parent level."""
    issues: list[NumberingIssue] = []
    _check_siblings(sections, issues, headings_variants, parent=None)
    return issues


def _check_siblings(siblings: list[Section], issues: list[NumberingIssue],
                    variants: dict[int, str], parent: Section | None) -> None:
    by_style: dict[str, list[Section]] = {}
    for s in siblings:
        if s.number is not None:
            by_style.setdefault(s.style, []).append(s)
    for style, secs in by_style.items():
        prev = None
        for s in secs:
            if prev is not None:
                if s.number == prev.number:
                    issues.append(NumberingIssue(
                        "numbering-repeat", s.heading_start, s.heading_end,
                        f"编号“{s.marker}”与上一条重复。", _show(style, prev.number + 1), s.marker))
                elif s.number > prev.number + 1:
                    missing = "、".join(_show(style, n) for n in range(prev.number + 1, s.number))
                    issues.append(NumberingIssue(
                        "numbering-gap", s.heading_start, s.heading_end,
                        f"编号不连续：“{prev.marker}”之后是“{s.marker}”，缺少{missing}。",
                        _show(style, prev.number + 1), s.marker))
                elif s.number < prev.number:
                    issues.append(NumberingIssue(
                        "numbering-order", s.heading_start, s.heading_end,
                        f"编号“{s.marker}”排在“{prev.marker}”之后，顺序颠倒。",
                        _show(style, prev.number + 1), s.marker))
            prev = s
        vs = {variants.get(s.heading_start, "") for s in secs}
        if len(vs) > 1:
            first = secs[0]
            issues.append(NumberingIssue(
                "mixed-style", first.heading_start, secs[-1].heading_end,
                "同一层级的编号写法不统一（" + "、".join(sorted(s.marker for s in
                                                        _one_per_variant(secs, variants))) + "）。",
                first.marker, ""))
    if parent is None and siblings and siblings[0].level == 1:
        pass
    for s in siblings:
        _check_siblings(s.children, issues, variants, parent=s)


def orphan_issues(sections: list[Section]) -> list[NumberingIssue]:
    """Top-level sections whose style is more junior than a later top-level style."""
    issues = []
    top_ranks = [(RANK.get(s.style, 99), s) for s in sections if s.style != "plain"]
    if not top_ranks:
        return issues
    senior = min(r for r, _ in top_ranks)
    for r, s in top_ranks:
        if r > senior:
            issues.append(NumberingIssue(
                "orphan-level", s.heading_start, s.heading_end,
                f"“{s.marker}{s.title[:12]}”缺少上一级标题，层级不完整。", "", s.marker))
    return issues


def _one_per_variant(secs: list[Section], variants: dict[int, str]) -> list[Section]:
    seen: dict[str, Section] = {}
    for s in secs:
        seen.setdefault(variants.get(s.heading_start, ""), s)
    return list(seen.values())


def _show(style: str, n: int) -> str:
    if style == "cn_dun":
        return f"{int_to_cn(n)}、"
    if style == "cn_paren":
        return f"（{int_to_cn(n)}）"
    if style in ("ar_paren", "ar_rparen"):
        return f"（{n}）"
    if style == "circled":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[n - 1] if 0 < n <= 20 else str(n)
    if style in ("chapter", "jie", "tiao"):
        return f"第{int_to_cn(n)}" + {"chapter": "章", "jie": "节", "tiao": "条"}[style]
    return f"{n}."
