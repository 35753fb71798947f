"""Paragraph units: what the role and theme models read and label.

Gold annotations label lines (paragraphs), so the models work on paragraphs
too: each unit is one paragraph of the plan with its context (the headings
above it, its neighbours, its place in the document), and its label is
given to every segment of the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from ..clean.normalize import SURROGATE
from ..document import Plan, Section, Segment
from ..labels.scores import SURE_RULE


@dataclass
class Unit:
    """One paragraph of a plan, with the context the models use."""

    para: int
    start: int
    end: int
    text: str
    kind: str                 # heading, body, title, furniture
    headings: list[str]       # titles of the enclosing sections, outermost first
    style: str = ""
    level: int = 0
    inline: bool = False
    position: float = 0.0     # 0 at the plan's start, 1 at its end
    fixed_role: str | None = None   # decided by a heading that names a role, or a sure rule
    fixed_score: float = 0.0
    doc_type: str = "other"
    segments: list[Segment] = field(default_factory=list, repr=False)


class UnitList(list):
    """The units of one document; caches their feature tokens (they depend on neighbours)."""

    def parts(self, use_headings: bool = True) -> list[tuple[list[str], list[str]]]:
        from .features import current_version, unit_token_parts

        cache = self.__dict__.setdefault("_parts", {})
        key = (use_headings, current_version())
        if key not in cache:
            cache[key] = unit_token_parts(self, use_headings=use_headings)
        return cache[key]

    def tokens(self, use_headings: bool = True) -> list[list[str]]:
        """Feature tokens of every unit (cached: they depend on the neighbours)."""
        return [a + b for a, b in self.parts(use_headings)]

    def counts(self, part: str):
        """Hashed token counts: ``"themes"`` (content tokens) or ``"roles"`` (all tokens).

        The role matrix is the theme matrix plus the context-only tokens, so each
        token is hashed once even when both models read the units.
        """
        from .features import current_version, hash_tokens

        v = current_version()
        cache = self.__dict__.setdefault("_counts", {})
        if (part, v) not in cache and v == 4 and len(self):
            from .doc_counts import document_counts

            built = document_counts(self)    # the same matrices, computed over the whole document
            if built is not None:
                cache[("themes", v)], cache[("roles", v)] = built
        if (part, v) not in cache:
            parts = self.parts(True)
            if ("themes", v) not in cache:
                cache[("themes", v)] = hash_tokens([a for a, _ in parts])
            if part == "roles":
                cache[("roles", v)] = cache[("themes", v)] + hash_tokens([b for _, b in parts])
        return cache[(part, v)]


def plan_units(plan: Plan) -> "UnitList":
    """The units of ``plan`` in reading order (furniture and the title excluded)."""
    by_para: dict[int, list[Segment]] = {}
    for seg in plan.segments:
        by_para.setdefault(seg.paragraph, []).append(seg)
    n = max(len(plan.text), 1)
    chains = heading_chains(plan)
    text = plan.text
    if SURROGATE.search(text):   # lone surrogates (surrogateescape input) crash the feature hashing
        text = SURROGATE.sub("\ufffd", text)
        chains = {k: [SURROGATE.sub("\ufffd", h) for h in v] for k, v in chains.items()}
    units = UnitList()
    for para, segs in sorted(by_para.items()):
        first = segs[0]
        if first.role_from == "furniture" or \
                first.role_from == "rule" and first.kind == "heading" and first.section is None:
            continue      # page furniture and the title (a heading of no section)
        start, end = segs[0].start, segs[-1].end
        sec = first.section
        is_heading = first.kind == "heading" and sec is not None and sec.heading_start == start
        unit = Unit(para=para, start=start, end=end, text=text[start:end],
                    kind="heading" if is_heading else "body",
                    headings=chains.get(id(sec), []) if sec is not None else [],
                    style=sec.style if sec else "", level=sec.level if sec else 0,
                    inline=bool(is_heading and sec.inline), position=start / n,
                    doc_type=plan.doc_type, segments=segs)
        decided = [s for s in segs if s.role_from == "heading" or
                   s.role_from == "rule" and s.role_score >= SURE_RULE]
        if decided:
            unit.fixed_role, unit.fixed_score = decided[0].role, decided[0].role_score
        units.append(unit)
    return units


_SENTENCE_END = "。！？!?；;：:"
_TITLE_END = re.compile(r"(计划|方案|要点|意见|通知|报告|总结|办法|细则|决定|规划)[)）]?\s*$")
MIN_WRAP = 12   # characters: shorter lines (names, dates, signatures) never wrap
_ITEM_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、是要]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳]|——|─|-|•|第[一二三四五六七八九十\d]+)")


def continuation_groups(units: Sequence[Unit]) -> list[int]:
    """For each unit, the index of the first unit of its paragraph as written.

    Hard-wrapped text (PDF extracts, fixed-width files) breaks one paragraph
    over several lines of about the same width, and most of a document's
    lines are then that wide. A body line continues the body line before it
    when that one is about full width (at least 0.75 × the median line, and
    :data:`MIN_WRAP` characters), does not end a sentence and is not a title
    (…工作要点), and the line itself does not start an item of its own.
    """
    body = sorted(len(u.text.strip()) for u in units if u.kind == "body")
    width = max(MIN_WRAP, 0.75 * body[len(body) // 2]) if body else MIN_WRAP
    out: list[int] = []
    for i, u in enumerate(units):
        prev = units[i - 1] if i else None
        if (prev is not None and prev.kind == "body" and u.kind == "body"
                and len(prev.text.strip()) >= width
                and prev.text.rstrip()[-1:] not in _SENTENCE_END
                and not _TITLE_END.search(prev.text)
                and not _ITEM_START.match(u.text)):
            out.append(out[-1])
        else:
            out.append(i)
    return out


def merge_wrapped(units: Sequence[Unit]) -> tuple[Sequence[Unit], list[int]]:
    """Join the lines of hard-wrapped paragraphs into one unit each.

    Returns the merged units and, for every input unit, the index of the
    merged unit it went into. Text without wrapped lines comes back as it is.
    """
    cached = getattr(units, "__dict__", {}).get("_merged")
    if cached is not None:   # both models ask: the merged units (and their features) are built once
        return cached
    groups = continuation_groups(units)
    if all(g == i for i, g in enumerate(groups)):
        return _remember(units, (units, groups))
    firsts = sorted(set(groups))
    where = {g: j for j, g in enumerate(firsts)}
    merged = UnitList()
    for g in firsts:
        members = [u for u, h in zip(units, groups) if h == g]
        head = members[0]
        merged.append(replace(head, text="".join(m.text for m in members), end=members[-1].end,
                              segments=[s for m in members for s in m.segments]))
    # merged units are paragraphs already: merging them again (a model inside another model
    # does) must not re-measure the now longer lines and join more of them
    _remember(merged, (merged, list(range(len(merged)))))
    return _remember(units, (merged, [where[g] for g in groups]))


def _remember(units, result):
    if isinstance(units, UnitList):
        units.__dict__["_merged"] = result
    return result


def merge_labels(labels: Sequence, index: list[int], n: int) -> list:
    """Per merged unit, the first label (not None) of the units merged into it."""
    out: list = [None] * n
    for label, j in zip(labels, index):
        if out[j] is None:
            out[j] = label
    return out


def merge_docs(docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence]) -> tuple[list, list]:
    """Training documents with their wrapped lines joined, and the labels to match."""
    out_d, out_l = [], []
    for units, seq in zip(docs, labels):
        merged, where = merge_wrapped(units)
        out_d.append(merged)
        out_l.append(seq if merged is units else merge_labels(seq, where, len(merged)))
    return out_d, out_l


def heading_chains(plan: Plan) -> dict[int, list[str]]:
    """For every section (by id), the titles from the outermost ancestor down to it."""
    chains: dict[int, list[str]] = {}

    def visit(secs: list[Section], above: list[str]) -> None:
        for s in secs:
            chains[id(s)] = above + [s.title]
            visit(s.children, above + [s.title])

    visit(plan.sections, [])
    return chains


def apply_roles(units: Sequence[Unit], probs, classes: Sequence[str]) -> None:
    """Give each unit's segments the most probable role, unless a heading or a surer rule decided."""
    for u, p in zip(units, probs):
        k = int(p.argmax())
        for seg in u.segments:
            if seg.role_from in ("heading", "furniture") or u.fixed_role and seg.role_from == "rule":
                continue
            if seg.role_from == "rule" and seg.role_score >= p[k]:
                continue
            seg.role, seg.role_score, seg.role_from = classes[k], float(p[k]), "model"


def apply_themes(plan: Plan, units: Sequence[Unit], picks, classes: Sequence[str]) -> None:
    """Give each unit's segments its (themes, scores); segments of no unit get ``none``."""
    for u, (themes, scores) in zip(units, picks):
        for seg in u.segments:
            seg.themes, seg.theme_scores = list(themes), dict(scores)
    for seg in plan.segments:
        if not seg.theme_scores:
            seg.themes, seg.theme_scores = ["none"], {c: 0.0 for c in classes} | {"none": 1.0}
