"""Cleaning: page furniture out, whitespace normalised, every change recorded.

:func:`clean_text` returns the cleaned text, the removals (with reasons and
spans in the input) and an :class:`~plantext.document.OffsetMap` from the
cleaned text back to the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import OffsetMap, Removal
from .furniture import furniture_lines
from .lines import lone_markers, page_debris, wrapped_lines
from .normalize import (blank_runs, edge_whitespace, flattened_paragraphs, invisible_chars,
                        line_breaks, lone_surrogates, normalize_marker, normalize_width, ruby_pinyin)
from .split import plan_starts

__all__ = ["CleanResult", "clean_text", "furniture_lines", "plan_starts", "normalize_marker",
           "normalize_width", "apply_edits"]

NORMALISERS = (line_breaks, invisible_chars, lone_surrogates, ruby_pinyin, flattened_paragraphs, edge_whitespace)


@dataclass
class CleanResult:
    text: str
    offset_map: OffsetMap
    removals: list[Removal]
    warnings: list[str] = field(default_factory=list)


def apply_edits(text: str, edits: list[tuple[int, int, str, str]]) -> tuple[str, OffsetMap, list[Removal]]:
    """Apply non-overlapping edits (the earliest-starting wins an overlap)."""
    kept: list[tuple[int, int, str, str]] = []
    last_end = 0
    for e in sorted(edits, key=lambda e: (e[0], -e[1])):
        if e[0] >= last_end:
            kept.append(e)
            last_end = max(last_end, e[1])
    parts, pos = [], 0
    for start, end, repl, _ in kept:
        parts.append(text[pos:start])
        parts.append(repl)
        pos = end
    parts.append(text[pos:])
    omap = OffsetMap.from_edits(len(text), [(a, b, r) for a, b, r, _ in kept])
    removals = [Removal(a, b, reason, text[a:b], r) for a, b, r, reason in kept]
    return "".join(parts), omap, removals


def clean_text(text: str) -> CleanResult:
    """Clean ``text``: furniture lines dropped, whitespace normalised, all changes recorded.

    A text in traditional script is first converted to simplified, character for
    character (:mod:`plantext.clean.script`): the cleaned text is simplified, its
    offset map still leads into ``text`` as given, each removal's text is the
    source's, and a warning says so.
    """
    from .script import is_traditional, script_warning, to_simplified

    if not is_traditional(text):
        return _clean(text)
    simple, changed = to_simplified(text)
    result = _clean(simple)           # same length: offsets into simple are offsets into text
    for r in result.removals:
        r.text = text[r.start:r.end]
    result.warnings.append(script_warning(changed))
    return result


def _clean(text: str) -> CleanResult:
    edits = []
    furniture = furniture_lines(text)
    edits.extend(wrapped_lines(text, {a for a, _, _ in furniture}))
    edits.extend(lone_markers(text))
    edits.extend(page_debris(text, {a for a, _, _ in furniture}))
    for a, b, reason in furniture:
        nl = text.find("\n", b)
        line_start = text.rfind("\n", 0, a) + 1
        edits.append((line_start, len(text) if nl == -1 else nl + 1, "", f"page furniture: {reason}"))
    for fn in NORMALISERS:
        edits.extend(fn(text))
    once, omap1, removals = apply_edits(text, edits)
    # blank-line runs only show once furniture lines are gone: a second, mapped pass
    runs = blank_runs(once)
    stripped_ends = [(0, len(once) - len(once.lstrip("\n")), "", "leading blank lines")]
    tail = len(once.rstrip("\n \t\u3000"))
    stripped_ends.append((tail, len(once), "", "trailing blank lines"))
    second = [e for e in runs + stripped_ends if e[1] > e[0]]
    if not second:
        return CleanResult(once, omap1, removals)
    final, omap2, removals2 = apply_edits(once, second)
    ends = [r.end for r in removals]       # first-pass removals: sorted, non-overlapping
    mapped = [piece for r in removals2 for piece in _in_source(r, omap1, removals, ends, text)]
    composed = omap1.through(omap2)
    removals = sorted(removals + mapped, key=lambda r: (r.start, r.end))
    return CleanResult(final, composed, removals)


def _in_source(r: Removal, omap: OffsetMap, first: list[Removal], ends: list[int],
               source: str) -> list[Removal]:
    """A second-pass removal (over the once-cleaned text) as spans of the source.

    Its source span may hold what the first pass already removed (a page-number line
    between two blank lines): those characters stay with their first removal, and
    this one is reported as the pieces around them, so that no character is counted
    twice and every removal's text is the source under its span. Its replacement goes
    with the last piece.
    """
    from bisect import bisect_right

    lo, hi = omap(r.start), omap(r.end)
    pieces, pos = [], lo
    for f in first[bisect_right(ends, lo):]:   # the first removal that ends after lo, onwards
        if f.start >= hi:
            break
        if f.start > pos:
            pieces.append((pos, f.start))
        pos = max(pos, f.end)
    if pos < hi:
        pieces.append((pos, hi))
    if not pieces:
        return [Removal(lo, lo, r.reason, "", r.replacement)] if r.replacement else []
    return [Removal(a, b, r.reason, source[a:b], r.replacement if k == len(pieces) - 1 else "")
            for k, (a, b) in enumerate(pieces)]
