"""Paragraphs, sentences and run-in items, as spans over a text.

All functions here are linear in the length of their input: they scan
characters or use regexes without nested quantifiers.
"""

from __future__ import annotations

import re

WS = " \t\r\u3000\xa0\u200b\ufeff"
SENT_END = "。！？!?；;"
_OPEN = "“‘「『（(《〈【[{"
_CLOSE = "”’」』）)》〉】]}"
_CLOSERS = set(_CLOSE) | {'"', "'"}
MAX_SEGMENT = 2000  # a "sentence" longer than this is cut into chunks
_SPECIAL = re.compile("[" + re.escape(_OPEN + _CLOSE + SENT_END) + "]")

# 　　 (two or more ideographic spaces) inside a line separates paragraphs in
# texts whose line breaks were flattened (national reports), as do runs of
# ordinary spaces of 4 or more followed by an ideographic indent.
_FLAT_BREAK = re.compile(r"[ \t\xa0]*\u3000{2,}[ \t\xa0]*|[ \t\xa0]{4,}\u3000+")

# run-in enumerations: 一是… 二是…, 首先… 其次…, 第一，… 第二，…, 一要… 二要…
_RUNIN = re.compile(
    r"(?:(?<=^)|(?<=[。；;！？!?，,：:\s]))"
    r"(?P<m>(?:[一二三四五六七八九十]{1,2}(?:是|要|抓|靠))"
    r"|(?:第[一二三四五六七八九十]{1,2}[，,、])"
    r"|(?:首先|其次|再次|然后|最后|此外|另外)(?=[，,]))"
)


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of ``text[start:end]``, whitespace trimmed.

    A paragraph is a line; a line holding paragraphs flattened with 　　
    separators yields one span per piece.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        piece_start = pos
        if line_end - pos > 40:
            for m in _FLAT_BREAK.finditer(text, pos, line_end):
                if m.start() > pos:
                    _add_trimmed(text, piece_start, m.start(), spans)
                    piece_start = m.end()
        _add_trimmed(text, piece_start, line_end, spans)
        pos = line_end + 1
    return spans


def _add_trimmed(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a] in WS:
        a += 1
    while b > a and text[b - 1] in WS:
        b -= 1
    if b > a:
        out.append((a, b))


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``: split after 。！？；, quotes and brackets respected.

    A closing quote or bracket right after the terminator stays with the
    sentence; a terminator inside brackets or quotes does not split.
    """
    spans: list[tuple[int, int]] = []
    depth = 0
    s = start
    search = _SPECIAL.search
    i = start
    while (m := search(text, i, end)) is not None:    # only brackets, quotes and terminators matter
        i = m.start()
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and i > s and text[i - 1] in SENT_END and c in "”’」』":
                _add_chunked(text, s, i + 1, spans)
                s = i = i + 1
                continue
        elif depth == 0:                               # a terminator
            j = i + 1
            while j < end and (text[j] in _CLOSERS or text[j] in SENT_END):
                j += 1
            _add_chunked(text, s, j, spans)
            s = i = j
            continue
        i += 1
    if s < end:
        _add_chunked(text, s, end, spans)
    if depth and len(spans) == 1 and end - start > 400:
        # an unbalanced bracket swallowed everything: split ignoring brackets
        return _split_flat(text, start, end)
    return spans


def _split_flat(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in re.finditer(f"[{SENT_END}]+[{''.join(_CLOSERS)}]*", text[start:end]):
        e = start + m.end()
        _add_chunked(text, s, e, spans)
        s = e
    if s < end:
        _add_chunked(text, s, end, spans)
    return spans


def _add_chunked(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a] in WS:
        a += 1
    while b > a and text[b - 1] in WS:
        b -= 1
    while b - a > MAX_SEGMENT:
        cut = a + MAX_SEGMENT
        comma = max(text.rfind("，", a + MAX_SEGMENT // 2, cut), text.rfind(",", a + MAX_SEGMENT // 2, cut))
        if comma > a:
            cut = comma + 1
        out.append((a, cut))
        a = cut
    if b > a:
        out.append((a, b))


def runin_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where run-in items (一是…, 首先…, 第一，…) begin in ``text[start:end]``.

    Only sequences count: at least two markers of the same family, the first
    one being 一/首先/第一, so that a lone "一是" in prose does not start items.
    """
    found = [(m.start("m"), m.group("m")) for m in _RUNIN.finditer(text, start, end)]
    if len(found) < 2:
        return []
    families: dict[str, list[tuple[int, str]]] = {}
    for pos, word in found:
        families.setdefault(_family(word), []).append((pos, word))
    best: list[int] = []
    for fam, hits in families.items():
        if len(hits) < 2 or not _is_first(hits[0][1]):
            continue
        if len(hits) > len(best):
            best = [p for p, _ in hits]
    return best


def _family(word: str) -> str:
    if word[-1] in "是要抓靠":
        return "shi" + word[-1]
    if word.startswith("第"):
        return "di"
    return "order"


def _is_first(word: str) -> bool:
    return word.startswith(("一", "首先", "第一"))
