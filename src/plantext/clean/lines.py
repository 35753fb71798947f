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

FINAL = tuple("。！？；：…”’」』!?;:.")
SHORT = 0.75          # a line under this share of a full line ends its paragraph
MIN_LINES = 6         # fewer lines than this: no width to measure
NEAR_FULL = 0.9       # a line at least this share of a full line is evidence of wrapping when it
MIN_OPEN = 5          # ends mid-sentence: at least this many such lines, at least half of the
MIN_OPEN_SHARE = 0.5  # near-full lines and a fifth of all lines, and near-full lines at least a
MIN_FULL_SHARE = 0.25  # quarter of all lines, for a text to count as hard-wrapped
MIN_OPEN_LINES = 0.2
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
_ANY_LONE = re.compile(rf"(?m)^[ \t\u3000\xa0]*{_LONE_MARKER.pattern}[ \t\r\u3000\xa0]*$")
_WS = " \t\r\u3000\xa0"


def _width(text: str) -> float:
    """Display width: ASCII counts half a CJK character."""
    return len(text) - len(text.encode("ascii", "ignore")) / 2


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
    """Joins of the lines of hard-wrapped paragraphs (none when the text is not hard-wrapped).

    A full line is as wide as the widest quarter of the lines (line widths vary:
    digits and Latin letters count half). Double-spaced extracts, where a blank line
    follows nearly every line, are read with those blank lines ignored: the join
    then removes the blank line too.
    """
    if furniture is None:
        furniture = {a for a, _, _ in furniture_lines(text)}
    lines = [(a, b, s) for a, b, s in _content_lines(text) if a not in furniture]
    widths = sorted(_width(s) for _, _, s in lines if s)
    if len(widths) < MIN_LINES:
        return []
    if _double_spaced(lines):
        lines = [line for line in lines if line[2]]
    full = max(MIN_WIDTH, widths[int(0.75 * (len(widths) - 1))])
    near = [s for _, _, s in lines if s and _width(s) >= NEAR_FULL * full]
    open_ = sum(1 for s in near if not s.endswith(FINAL))
    if open_ < MIN_OPEN or open_ < MIN_OPEN_SHARE * len(near) or len(near) < MIN_FULL_SHARE * len(widths) \
            or open_ < MIN_OPEN_LINES * len(widths):
        return []
    edits: list[Edit] = []
    for (a, b, s), (c, _, nxt) in zip(lines, lines[1:]):   # blank lines stay: paragraph breaks
        if not s or not nxt or _width(s) < SHORT * full or s.endswith(FINAL) or _TITLE_END.search(s):
            continue
        if ITEM_START.match(nxt) or _ends_with_heading(s):
            continue
        glue = " " if s[-1].isascii() and s[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum() else ""
        nl = text.index("\n", b)
        end = nl + 1
        if text[end:c].strip(_WS + "\n") == "":       # a double-spaced blank line goes too
            end = text.rfind("\n", 0, c) + 1
        edits.append((b, end, glue, "hard-wrapped lines joined"))
    return edits


def _double_spaced(lines: list[tuple[int, int, str]]) -> bool:
    """Whether a single blank line follows nearly every line (at least 80 %)."""
    filled = [k for k, line in enumerate(lines) if line[2]]
    if len(filled) < MIN_LINES:
        return False
    spaced = sum(1 for k in filled[:-1] if k + 2 < len(lines) and not lines[k + 1][2] and lines[k + 2][2])
    return spaced >= 0.8 * (len(filled) - 1)


_STOP = re.compile(r"[。；！？!?;]")
_CLOSER = re.compile(r"[）)]")


def _ends_with_heading(line: str) -> bool:
    """Whether the line closes with a heading run in after its last sentence or bracket
    (…建设。（三）推广工程, …负责)四、实施行动)."""
    for rx in (_STOP, _CLOSER):
        last = None
        for last in rx.finditer(line):
            pass
        if last is not None and ITEM_START.match(line, last.end()):
            return True
    return False


def lone_markers(text: str) -> list[Edit]:
    """Joins of an outline marker alone on its line (``一、``) to the title on the next line.

    Only when the marker continues its numbering (the first of its kind, or one
    more than the last line-opening marker of the same kind): a stray ``2、`` left
    by a page break mid-sentence is not a marker.
    """
    if not _ANY_LONE.search(text):
        return []
    from ..outline.markers import find_marker

    last: dict[str, int] = {}
    edits: list[Edit] = []
    lines = _content_lines(text)
    for k, (a, b, s) in enumerate(lines):
        if not s:
            continue
        if _LONE_MARKER.fullmatch(s):
            style, number = _style_number(s)
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


def _style_number(s: str) -> tuple[str | None, int | None]:
    """The marker style and number of a lone marker ``s`` (read as if a title followed it)."""
    from ..outline.markers import find_marker

    m = find_marker(s + "标题", 0)
    return (m.style, m.number) if m is not None else (None, None)


_ARABIC_START = re.compile(r"(?P<n>[0-9]{1,3})[、.．](?![0-9])")


def page_debris(text: str, furniture: set[int] | None = None) -> list[Edit]:
    """Page numbers left in copied text as list numbers: ``…开展禁`` ⏎ ``2、`` ⏎ ``毒宣传…`` or
    ``…设置禁`` ⏎ ``3、毒宣传栏…``.

    An Arabic number opening a line is debris when it breaks the numbering (neither
    1, nor one more than the last line-opening Arabic number, nor one more than a
    number in the line before) and the line before is body text (no marker of its own:
    a heading has no final stop either) that stops mid-sentence (on a Chinese
    character, no blank line between). The number goes, and the two halves of the
    sentence are joined again.
    """
    if furniture is None:
        furniture = {a for a, _, _ in furniture_lines(text)}
    lines = [(a, b, s) for a, b, s in _content_lines(text) if a not in furniture]
    last = 0
    prev: tuple[int, int, str] | None = None
    edits: list[Edit] = []
    for k, (a, b, s) in enumerate(lines):
        if not s:
            prev = None
            continue
        m = _ARABIC_START.match(s)
        if m is not None:
            n = int(m.group("n"))
            continues = n == 1 or n == last + 1 or (prev is not None and any(
                f"{n - 1}{p}" in prev[2] for p in "、.．"))
            if not continues and prev is not None and "\u4e00" <= prev[2][-1] <= "\u9fff" \
                    and not ITEM_START.match(prev[2]):
                rest = s[m.end():].lstrip(_WS)
                if rest:
                    end = a + m.end() + (len(s[m.end():]) - len(rest))
                else:
                    nxt = next(((c, t) for c, _, t in lines[k + 1:k + 2] if t), None)
                    if nxt is None:
                        prev = (a, b, s)
                        continue
                    end = nxt[0]
                edits.append((prev[1], end, "", "page number left in copied text"))
                prev = None if not rest else (a, b, s)
                continue
            last = n
        prev = (a, b, s)
    return edits
