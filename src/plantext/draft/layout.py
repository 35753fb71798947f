"""Where a section goes in an existing plan, how it is numbered, and how the plan is laid out.

Offsets here are of two kinds: *plan* offsets index ``plan.text`` (the
cleaned text) and *source* offsets index the text as given
(``plan.source_text``), which completion edits so that nothing of the
user's text changes but the inserted sections and the top-level markers.
"""

from __future__ import annotations

import bisect
import collections
import re
from dataclasses import dataclass

from ..document import Plan, Section
from ..labels import Profile
from .blocks import is_signature
from .scaffold import DEFAULT_MARKERS, Numbering

_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")


@dataclass
class Slot:
    """A place to insert a section: before plan offset ``at`` (a line start or the text end)."""

    role: str
    at: int
    after: int | None   # index of the top-level section it follows (None: before them all)


def source_text(plan: Plan) -> str:
    """The text completion edits: the input as given when known, else ``plan.text``.

    A plan cut from a page of several (``parse_many``) is edited in its place on the page:
    its source text is the whole page, and its offsets map into it.
    """
    return plan.source_text if _on_source(plan) else plan.text


def source_offset(plan: Plan, offset: int) -> int:
    """``plan.source_offset`` into :func:`source_text`."""
    return plan.source_offset(offset) if _on_source(plan) else offset


def _on_source(plan: Plan) -> bool:
    return plan.source_text is not None


def numbered_tops(plan: Plan) -> list[Section]:
    """The top-level sections of the plan's main numbering style (一、二、… as a rule)."""
    styles = collections.Counter(s.style for s in plan.sections if s.number is not None)
    if not styles:
        return []
    main = styles.most_common(1)[0][0]
    return [s for s in plan.sections if s.style == main and s.number is not None]


def numbering_of(plan: Plan) -> Numbering:
    """Marker samples per level as the plan writes them (一、 （一） 1. （1） where it has none)."""
    samples = list(DEFAULT_MARKERS)
    tops = numbered_tops(plan)
    if tops:
        samples[0] = tops[0].marker
    level = [c for s in tops for c in s.children]
    for depth in (1, 2, 3):
        markers = collections.Counter(c.marker for c in level if c.number is not None)
        if markers:
            sample = next(c.marker for c in level if c.number is not None
                          and c.marker == markers.most_common(1)[0][0])
            samples[depth] = sample
        level = [g for c in level for g in c.children]
    return Numbering(tuple(samples))


def slots(plan: Plan, profile: Profile, roles: list[str]) -> list[Slot]:
    """Where each missing role's section goes.

    After the last top-level section whose role comes before it in the
    profile's order; failing that, before the first whose role comes after
    it; failing that, roles before the measures open the plan and the others
    close it. A section titled without a role word takes its segments' role.
    """
    tops = numbered_tops(plan) or list(plan.sections)
    order = {r: i for i, r in enumerate(profile.order)}
    ranks = [order.get(section_role(plan, s, order)) for s in tops]
    out = []
    for role in roles:
        if role == "preamble":
            out.append(Slot(role, next_line(plan.text, preamble_at(plan)), None))
            continue
        mine = order[role]
        before = [i for i, r in enumerate(ranks) if r is not None and r < mine]
        after = [i for i, r in enumerate(ranks) if r is not None and r > mine]
        early = mine < order.get("measure", len(order))
        if before:
            out.append(_after(plan, tops, role, before[-1]))
        elif tops and (after or early) and (after[0] if after else 0) > 0:
            out.append(_after(plan, tops, role, after[0] - 1))
        elif tops and (after or early):
            first = line_start(plan.text, tops[0].heading_start)
            out.append(Slot(role, next_line(plan.text, first), None))
        elif tops:
            out.append(_after(plan, tops, role, len(tops) - 1))
        else:
            out.append(Slot(role, next_line(plan.text, content_end(plan, None)), None))
    return out


def _after(plan: Plan, tops: list[Section], role: str, i: int) -> Slot:
    at = content_end(plan, tops[i]) if i == len(tops) - 1 else tops[i].end
    return Slot(role, next_line(plan.text, at), i)


def section_role(plan: Plan, sec: Section, order: dict[str, int]) -> str | None:
    """The section's role, or its sentences' most common role when its title names none."""
    if sec.role in order:
        return sec.role
    counts = collections.Counter(s.role for s in plan.segments_in(sec)
                                 if s.kind != "heading" and s.role in order)
    return counts.most_common(1)[0][0] if counts else None


def preamble_at(plan: Plan) -> int:
    """Just after the title (the start of the first paragraph after it), else the text start."""
    first = min((s.heading_start for s in plan.sections), default=len(plan.text))
    if plan.title:
        pos = plan.text.find(plan.title)
        if 0 <= pos < first:
            nl = plan.text.find("\n", pos + len(plan.title))
            return len(plan.text) if nl == -1 else nl + 1
    return 0


def content_end(plan: Plan, section: Section | None) -> int:
    """The end of ``section`` (or the plan) before a closing signature and date."""
    lo = section.start if section is not None else 0
    hi = section.end if section is not None else len(plan.text)
    at = hi
    for a, b in reversed([p for p in plan.paragraphs if lo <= p[0] < hi]):
        line = plan.text[a:b].strip()
        if not line:
            continue
        if not is_signature(line) or (section is not None and a <= section.heading_start):
            break
        at = a
    return at


def next_line(text: str, pos: int) -> int:
    """The start of the first non-blank line at or after ``pos`` (or the text end)."""
    pos = min(max(pos, 0), len(text))
    if 0 < pos < len(text) and text[pos - 1] != "\n":
        nl = text.find("\n", pos)
        pos = len(text) if nl == -1 else nl + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        if text[pos:end].strip():
            break
        pos = end + 1 if nl != -1 else len(text)
    return min(pos, len(text))


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def to_source(plan: Plan, at: int) -> int:
    """The source line start (or source end) that plan offset ``at`` stands for."""
    src = source_text(plan)
    if at >= len(plan.text):
        if not plan.text:
            return len(src)
        end = source_offset(plan, len(plan.text) - 1) + 1
        nl = src.find("\n", end)
        return len(src) if nl == -1 else nl + 1
    return line_start(src, source_offset(plan, at))


def plan_offset(plan: Plan, src: int) -> int:
    """The first plan offset whose source offset is at or after ``src`` (source_offset inverted)."""
    if plan.offset_map is None:
        return min(src, len(plan.text))
    keys = range(len(plan.text) + 1)
    return bisect.bisect_left(keys, src, key=plan.source_offset)


@dataclass
class Style:
    """How the plan lays out paragraphs: the separator between them and the body indent."""

    sep: str = "\n"
    indent: str = ""

    @classmethod
    def of(cls, text: str) -> "Style":
        lines = [l for l in text.split("\n") if l.strip()]
        blank = text.count("\n\n") >= 0.5 * max(1, len(lines) - 1)
        indents = collections.Counter(re.match(r"[ \u3000]*", l).group() for l in lines)
        indent, n = indents.most_common(1)[0] if indents else ("", 0)
        return cls("\n\n" if blank else "\n", indent if n >= 0.5 * len(lines) else "")


def plan_year(plan: Plan) -> int | None:
    """The year a plan is for: from its meta, its title, else its opening lines."""
    year = plan.meta.get("year")
    if isinstance(year, int):
        return year
    for text in (plan.title or "", plan.text[:300]):
        found = _YEAR.findall(text)
        if found:
            return int(found[0])
    return None
