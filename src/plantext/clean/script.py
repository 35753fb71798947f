"""Traditional script: detected cheaply, read through OpenCC's conversion to simplified.

The models, the heading and doc-type rules and the taxonomy are written for
simplified script. A text in traditional script (社區雙擁工作計劃) is converted
to simplified before anything reads it, character for character: OpenCC's
traditional-to-simplified tables map every phrase to one of the same length,
and a run whose conversion would change its length is left as written, so
every offset of the converted text is an offset of the text as given.

Detection needs no converter: the share of the text's Chinese characters that
belong to a list of frequent traditional-only characters
(``data/traditional_chars.txt``). The converter (``opencc``, pure Python) is
loaded only for a text that passes, once per process.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

#: a text is traditional when at least this share of its Chinese characters …
MIN_SHARE = 0.03
#: … and at least this many of them are frequent traditional-only characters
MIN_HITS = 5

_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@functools.lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    """The frequent traditional-only characters that detection counts."""
    raw = resources.files("plantext").joinpath("data/traditional_chars.txt").read_text(encoding="utf-8")
    return frozenset("".join(l.strip() for l in raw.splitlines() if l.strip() and not l.startswith("#")))


def traditional_share(text: str) -> tuple[int, int]:
    """``(hits, han)``: traditional-only characters and Chinese characters in ``text``."""
    han = _HAN.subn("", text)[1]                  # counted in C, no list of characters
    hits = len(_traditional_pattern().findall(text))
    return hits, han


@functools.lru_cache(maxsize=1)
def _traditional_pattern() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(traditional_chars())) + "]")


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional script (a quoted name or two is not enough)."""
    hits, han = traditional_share(text)
    return hits >= MIN_HITS and hits >= MIN_SHARE * han


@functools.lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC      # opencc-python-reimplemented: ~4 ms, ~1 MB to load

    return OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, int]:
    """``text`` in simplified script, of the same length, and the number of characters changed.

    The whole text is converted at once; should that change its length or any
    character outside the runs of Chinese characters, each run is converted on
    its own instead, and a run whose conversion changes its length stays as written.
    """
    convert = _converter().convert
    out = convert(text)
    if not _aligned(text, out):
        out = _by_run(text, convert)
    return out, sum(1 for x, y in zip(text, out) if x != y)


def _aligned(text: str, out: str) -> bool:
    """Same length, the same runs of Chinese characters at the same places, the same text between."""
    return (len(out) == len(text)
            and [m.span() for m in _HAN_RUN.finditer(text)] == [m.span() for m in _HAN_RUN.finditer(out)]
            and _HAN_RUN.sub("", text) == _HAN_RUN.sub("", out))


def _by_run(text: str, convert) -> str:
    parts, pos = [], 0
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        conv = convert(run)
        if len(conv) == len(run) and conv != run:
            parts += [text[pos:m.start()], conv]
            pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)


def script_warning(changed: int) -> str:
    """The warning a plan read through the conversion carries."""
    return (f"文本为繁体字，已转换为简体字后分析（改动{changed}个字）；"
            "所有位置仍指向原文。 (The text is in traditional script: it was read through a "
            f"conversion to simplified, {changed} characters changed; offsets still point "
            "into the text as given.)")


def unconverted_warning() -> str:
    """The warning of a traditional-script plan parsed with ``clean=False``."""
    return ("文本为繁体字；clean=False 时不转换，文种、标题和主题可能识别不准，"
            "用 clean=True 可先转为简体再分析。 (The text is in traditional script and clean=False "
            "keeps it as given: doc type, title and themes may be off; clean=True reads it "
            "through a conversion to simplified.)")
