"""Small pure normalisation functions.

Each function takes the text and returns *edits* ``(start, end, replacement,
reason)`` over that same text; :func:`plantext.clean.clean_text` applies them
all at once and records each as a :class:`~plantext.document.Removal`, so
every cleaned offset maps back to the input.
"""

from __future__ import annotations

import re

Edit = tuple[int, int, str, str]

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028\u2029\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_LINE_EDGE_WS = re.compile(r"^[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=\r?$)", re.M)
_BLANK_RUN = re.compile(r"\n(?:[ \t\u3000\xa0]*\n){2,}")
_FLAT_BREAK = re.compile(r"[ \t\xa0]*\u3000{2,}[ \t\xa0]*")
_CRLF = re.compile(r"\r\n?")

# marker spellings that authors mix up, mapped to one form (used for comparison,
# never to rewrite the plan text: Section.marker stays as written)
_MARKER_VARIANTS = [
    (re.compile(r"^\(([一二三四五六七八九十]+)\)"), r"（\1）"),
    (re.compile(r"^\((\d+)\)"), r"（\1）"),
    (re.compile(r"^(\d+)[．、]"), r"\1."),
    (re.compile(r"^([一二三四五六七八九十]+)[．.]"), r"\1、"),
]


def invisible_chars(text: str) -> list[Edit]:
    """Zero-width characters, BOMs and control characters (tabs and newlines kept)."""
    return [(m.start(), m.end(), "", "invisible characters") for m in _INVISIBLE.finditer(text)]


#: half of a UTF-16 pair standing alone: not text, and not encodable as UTF-8
SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogates(text: str) -> list[Edit]:
    """Lone UTF-16 surrogates (input decoded with ``surrogateescape``) to U+FFFD: they are
    not text, cannot be written as UTF-8 (cache, parquet) and crash the feature hashing."""
    return [(m.start(), m.end(), "\ufffd", "invalid characters (lone surrogates)")
            for m in SURROGATE.finditer(text)]


#: pinyin ruby flattened into the text by a copy (内(nèi)容, 权(quán)): a toned syllable in
#: brackets straight after a Chinese character
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def ruby_pinyin(text: str) -> list[Edit]:
    """Pinyin readings left in brackets after characters (ruby annotations of a web page)."""
    return [(m.start(), m.end(), "", "pinyin annotations") for m in _RUBY.finditer(text)]


def line_breaks(text: str) -> list[Edit]:
    """Windows and old Mac line ends to ``\\n``."""
    return [(m.start(), m.end(), "\n", "line ends") for m in _CRLF.finditer(text) if m.group() != "\n"]


def edge_whitespace(text: str) -> list[Edit]:
    """Indentation (``　　``) and trailing spaces of every line."""
    return [(m.start(), m.end(), "", "indentation and trailing spaces")
            for m in _LINE_EDGE_WS.finditer(text) if m.end() > m.start()]


def blank_runs(text: str) -> list[Edit]:
    """Runs of several blank lines become one blank line."""
    return [(m.start(), m.end(), "\n\n", "repeated blank lines") for m in _BLANK_RUN.finditer(text)]


def flattened_paragraphs(text: str) -> list[Edit]:
    """``　　`` separators inside a long line become line breaks.

    Some copies flatten a whole report into one line, with the paragraph
    indents as the only trace of the paragraphs.
    """
    edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        if len(line) > 200:
            for m in _FLAT_BREAK.finditer(line):
                if m.start() > 0 and m.end() < len(line):
                    edits.append((pos + m.start(), pos + m.end(), "\n", "paragraphs flattened into one line"))
        pos += len(line) + 1
    return edits


def normalize_marker(marker: str) -> str:
    """One spelling per marker: ``(一)`` → ``（一）``, ``1、``/``1．`` → ``1.``, ``一.`` → ``一、``."""
    out = marker.strip()
    for pattern, repl in _MARKER_VARIANTS:
        out = pattern.sub(repl, out)
    return out


def normalize_width(text: str) -> str:
    """Full-width ASCII letters and digits to half-width (for matching, not for the plan text)."""
    return text.translate(_WIDTH)


_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
