"""Unfilled template slots: __社区, 20XX年, 2023年  月  日, ××街道, 张**, 活动地点：(empty) ….

The patterns are data (``data/placeholders.json``: kind, regular expression,
the message staff read, and a note on what each catches and leaves alone).
Each is written so that ordinary text does not match it: a single × between
numbers is multiplication (2×3), a Roman XX before 世纪 is a number, 20 年
with one space is PDF spacing, 王某某 is an anonymised person. Two kinds need
a look around the hit, done here: a masked name is not the end of **bold**
markup, and a field label at the end of its line is empty only when the next
line does not carry its value.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from ..document import Finding


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    text: str
    kind: str
    message: str = ""


@dataclass(frozen=True)
class _Row:
    kind: str
    rx: re.Pattern[str]
    message: str


@functools.lru_cache(maxsize=1)
def _table() -> tuple[tuple[_Row, ...], re.Pattern[str]]:
    raw = resources.files("plantext").joinpath("data/placeholders.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    defs = data["defs"]

    def expand(rx: str) -> str:
        return re.sub(r"\{([A-Z_]+)\}", lambda m: defs[m.group(1)] if m.group(1) in defs else m.group(), rx)

    rows = tuple(_Row(p["kind"], re.compile(expand(p["regex"])), p["message"]) for p in data["patterns"])
    return rows, re.compile(f"(?:{defs['LABEL']})")


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """``(kind, compiled pattern)`` for every row of the table, in order."""
    return [(r.kind, r.rx) for r in _table()[0]]


def find_placeholders(text: str) -> list[Placeholder]:
    """Every unfilled slot in ``text``, in text order, non-overlapping."""
    rows, label = _table()
    found = []
    for row in rows:
        for m in row.rx.finditer(text):
            hit = _accept(row, m, text, label)
            if hit is not None and hit.end > hit.start:
                found.append(hit)
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[Placeholder] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out


def _accept(row: _Row, m: re.Match[str], text: str, label: re.Pattern[str]) -> Placeholder | None:
    if row.kind == "name":
        if _closes_bold(text, m.start() + 1):
            return None
        return Placeholder(m.start(), m.end(), m.group(), row.kind, row.message.format(text=m.group()))
    if row.kind == "field":
        name = re.sub(r"[ \u3000\xa0]", "", m.group("label"))
        if not label.fullmatch(name):
            return None
        if m.end() == _line_end(text, m.end()) and _value_follows(text, m.end(), label):
            return None
        a = m.start("label")
        b = m.end("blank") if m.group("blank").strip(" \u3000\xa0") else m.start("blank")
        return Placeholder(a, b, text[a:b], row.kind, row.message.format(label=name))
    return Placeholder(m.start(), m.end(), m.group(), row.kind, row.message.format(text=m.group()))


def _closes_bold(text: str, pos: int) -> bool:
    """Whether the asterisks at ``pos`` close a **bold** span opened earlier on the line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text.count("**", line_start, pos) % 2 == 1 or text.count("＊＊", line_start, pos) % 2 == 1


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl


_TOP_HEADING = re.compile(r"[ \u3000\xa0]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+[章节部分])")
_FIELD_LINE = re.compile(r"[ \u3000\xa0]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．])?[ \u3000\xa0]*"
                         r"(?P<label>[\u4e00-\u9fff](?:[ \u3000\xa0]?[\u4e00-\u9fff]){1,5})[ \u3000\xa0]*[：:]")


def _value_follows(text: str, pos: int, label: re.Pattern[str]) -> bool:
    """Whether the next non-empty line after ``pos`` carries the field's value (时间：⏎3月2日).

    It does not when there is none, when it is another field (地点：…) or a
    top-level heading (二、…), or a sentence of several clauses (演练前检查通道；演练中…。):
    a field's value is a name, a date, a place or a short list.
    """
    rest = text[pos:pos + 400].lstrip(" \u3000\xa0\n")
    if not rest:
        return False
    line = rest.split("\n", 1)[0].strip()
    if _TOP_HEADING.match(rest) or "；" in line or ";" in line or \
            line.endswith("。") and "，" in line and len(line) > 30:
        return False
    m = _FIELD_LINE.match(rest)
    if m and label.fullmatch(re.sub(r"[ \u3000\xa0]", "", m.group("label"))):
        return False
    return True


def placeholder_findings(text: str) -> list[Finding]:
    """The ``placeholder`` findings of ``text``."""
    return [Finding("placeholder", "error", p.message, p.start, p.end,
                    data={"text": p.text, "kind": p.kind})
            for p in find_placeholders(text)]
