"""Lines that belong together: hard-wrapped paragraphs, and a marker alone on its line.

Text extracted from PDF (and fixed-width files) breaks each paragraph into
lines of about the same width; text copied from some pages puts an outline
marker on a line of its own (``一、`` ⏎ ``工作目标``). Both are joined here,
in the text itself, so that every consumer (outline, models, audit,
suggestion index) reads paragraphs: each join is an edit over the text
(the line break and the spaces around it, removed), reported as a removal.

A text counts as hard-wrapped only when most of its full-width lines end
mid-sentence: a document with one paragraph per line ends nearly all of its
long lines with 。, and is left alone.
"""

from __future__ import annotations

import re

from .furniture import furniture_lines

Edit = tuple[int, int, str, str]

FINAL = tuple("。！？；：…”’」』!?;:")
SHORT = 0.75          # a line under this share of a full line ends its paragraph
MIN_LINES = 6         # fewer lines than this: no width to measure
NEAR_FULL = 0.9       # a line at least this share of a full line is evidence of wrapping when it
MIN_OPEN = 3          # ends mid-sentence: at least this many such lines, at least half of the
MIN_OPEN_SHARE = 0.5  # near-full lines, and near-full lines at least a quarter of all lines,
MIN_FULL_SHARE = 0.25  # for a text to count as hard-wrapped
MIN_WIDTH = 12        # characters: a full line is at least this wide

_CN = "一二三四五六七八九十"
# a line that opens an item or a heading of its own never continues the line above
ITEM_START = re.compile(
    rf"\s*(?:[{_CN}]+\s*[、．.]|[（(]\s*[{_CN}]+\s*[）)]|[0-9０-９]{{1,3}}\s*[、.．)）](?![0-9])"
    rf"|[（(]\s*[0-9０-９]{{1,3}}\s*[）)]|[\u2460-\u2473]|第[{_CN}0-9]+[章节条部分篇]|附件|[•●■◆▪]"
    rf"|[{_CN}]{{1,2}}[是要](?=\S)|——|[-－]\s|[【\[]?(?:篇|范文)\s*(?:[{_CN}]{{1,2}}|[0-9]{{1,2}}))")
_TITLE_END = re.compile(r"(计划|方案|要点|意见|通知|报告|总结|办法|细则|决定|规划)[)）]?$")
_LONE_MARKER = re.compile(rf"(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]|[0-9]{{1,2}}[、.．]|[（(][0-9]{{1,2}}[）)]"
                          rf"|[\u2460-\u2473]|第[{_CN}]{{1,3}}[章节])")
_STYLE_NUM = re.compile(rf"[（(]?(?P<n>[{_CN}]{{1,3}}|[0-9]{{1,2}}|[\u2460-\u2473])")
_WS = " \t\r\u3000\xa0"


def _width(text: str) -> float:
    """Display width: ASCII counts half a CJK character."""
    return len(text) - sum(1 for ch in text if ch < "\x80") / 2


def _content_lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, stripped)`` of every line (blank lines with an empty ``stripped``)."""
    out, pos = [], 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(_WS))
        stripped = line.strip(_WS)
        out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return out


def wrapped_lines(text: str, furniture: set[int] | None = None) -> list[Edit]:
    """Joins of the lines of hard-wrapped paragraphs (none when the text is not hard-wrapped)."""
    if furniture is None:
        furniture = {a for a, _, _ in furniture_lines(text)}
    lines = [(a, b, s) for a, b, s in _content_lines(text) if a not in furniture]
    widths = sorted(_width(s) for _, _, s in lines if s)
    if len(widths) < MIN_LINES:
        return []
    full = max(MIN_WIDTH, widths[int(0.9 * (len(widths) - 1))])
    near = [s for _, _, s in lines if s and _width(s) >= NEAR_FULL * full]
    open_ = sum(1 for s in near if not s.endswith(FINAL))
    if open_ < MIN_OPEN or open_ < MIN_OPEN_SHARE * len(near) or len(near) < MIN_FULL_SHARE * len(widths):
        return []
    edits: list[Edit] = []
    for (a, b, s), (_, _, nxt) in zip(lines, lines[1:]):   # blank lines stay: paragraph breaks
        if not s or not nxt or _width(s) < SHORT * full or s.endswith(FINAL) or _TITLE_END.search(s):
            continue
        if ITEM_START.match(nxt) or _ends_with_heading(s):
            continue
        glue = " " if s[-1].isascii() and s[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum() else ""
        nl = text.index("\n", b)
        edits.append((b, nl + 1, glue, "hard-wrapped lines joined"))
    return edits


_STOP = re.compile(r"[。；！？!?;]")


def _ends_with_heading(line: str) -> bool:
    """Whether the line closes with a heading run in after its last sentence (…建设。（三）推广工程)."""
    last = None
    for last in _STOP.finditer(line):
        pass
    return last is not None and bool(ITEM_START.match(line, last.end()))


def lone_markers(text: str) -> list[Edit]:
    """Joins of an outline marker alone on its line (``一、``) to the title on the next line.

    Only when the marker continues its numbering (the first of its kind, or one
    more than the last line-opening marker of the same kind): a stray ``2、`` left
    by a page break mid-sentence is not a marker.
    """
    from ..outline.markers import find_marker

    last: dict[str, int] = {}
    edits: list[Edit] = []
    lines = _content_lines(text)
    for k, (a, b, s) in enumerate(lines):
        if not s:
            continue
        if _LONE_MARKER.fullmatch(s):
            style, number = _style_number(text, a, s)
            nxt = next(((c, t) for c, _, t in lines[k + 1:k + 4] if t), None)
            if style is None or nxt is None or ITEM_START.match(nxt[1]) or len(nxt[1]) > 40 \
                    or number != last.get(style, 0) + 1:
                continue
            last[style] = number
            edits.append((b, nxt[0], "", "outline marker alone on its line joined to its title"))
            continue
        m = find_marker(text, a)
        if m is not None and m.number is not None:
            last[m.style] = m.number
    return edits


def _style_number(text: str, a: int, s: str) -> tuple[str | None, int | None]:
    """The marker style and number of a lone marker ``s`` (read as if a title followed it)."""
    from ..outline.markers import find_marker

    m = find_marker(s + "标题", 0)
    return (m.style, m.number) if m is not None else (None, None)
