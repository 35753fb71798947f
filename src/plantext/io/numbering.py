"""Word automatic list numbering, rendered as the markers Word shows.

Many Chinese drafts number their headings through list styles, so the
``一、`` / ``（一）`` / ``1.`` a reader sees is not in the text. This module
reads ``numbering.xml`` and the styles' ``numPr``, keeps the counters in
document order and renders each numbered paragraph's marker.

Counters belong to the abstract numbering definition, as in Word: two
``w:num`` sharing one ``w:abstractNum`` continue each other's count, and a
``w:num`` with a ``startOverride`` restarts the level when first used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_BULLET_FORMATS = frozenset(("bullet", "none"))


def _val(element, tag: str, default=None):
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val", default) if child is not None else default


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class Level:
    """One ``w:lvl``: how a level counts and what it shows."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None      # lvlRestart; None = after any shallower level
    legal: bool = False              # isLgl: show all levels as decimals
    suffix: str = "tab"

    @classmethod
    def from_xml(cls, lvl) -> "Level":
        restart = _val(lvl, "lvlRestart")
        return cls(start=_int(_val(lvl, "start"), 1),
                   fmt=_val(lvl, "numFmt", "decimal"),
                   text=_val(lvl, "lvlText", ""),
                   restart=None if restart is None else _int(restart, 0),
                   legal=lvl.find(W + "isLgl") is not None,
                   suffix=_val(lvl, "suff", "tab"))


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)   # ilvl -> startOverride
    levels: dict[int, Level] = field(default_factory=dict)    # ilvl -> lvlOverride/lvl


class Numbering:
    """Numbering definitions of one document, and the running counters."""

    def __init__(self, numbering_xml=None, styles_xml=None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}             # abstract id -> numStyleLink style id
        self.nums: dict[str, _Num] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.style_levels: dict[str, tuple[str, int]] = {}   # lvl/pStyle -> (abstract, ilvl)
        self._counters: dict[str, dict[int, int]] = {}
        self._seen: set[str] = set()
        if numbering_xml is not None:
            self._read_numbering(numbering_xml)
        if styles_xml is not None:
            self._read_styles(styles_xml)

    def _read_numbering(self, root) -> None:
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                levels[ilvl] = Level.from_xml(lvl)
                pstyle = _val(lvl, "pStyle")
                if pstyle:
                    self.style_levels[pstyle] = (aid, ilvl)
            self.abstracts[aid] = levels
            link = _val(abstract, "numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.iter(W + "num"):
            entry = _Num(abstract=_val(num, "abstractNumId", ""))
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    entry.overrides[ilvl] = _int(start, 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    entry.levels[ilvl] = Level.from_xml(lvl)
            self.nums[num.get(W + "numId")] = entry

    def _read_styles(self, root) -> None:
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            parent = _val(style, "basedOn")
            if parent:
                self.style_parent[sid] = parent
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                ilvl = _val(numpr, "ilvl")
                self.style_num[sid] = (_val(numpr, "numId"), None if ilvl is None else _int(ilvl, 0))

    def resolve(self, ppr, style_id: str | None) -> tuple[str, int] | None:
        """``(numId, ilvl)`` of a paragraph, from its own numPr or its style chain."""
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
        ilvl = None if ilvl is None else _int(ilvl, 0)
        seen, sid = set(), style_id
        while (num_id is None or ilvl is None) and sid and sid not in seen:
            seen.add(sid)
            s_num, s_ilvl = self.style_num.get(sid, (None, None))
            num_id = num_id if num_id is not None else s_num
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            if ilvl is None and num_id is not None and sid in self.style_levels:
                ilvl = self.style_levels[sid][1]
            sid = self.style_parent.get(sid)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, ilvl or 0

    def _abstract_of(self, num_id: str) -> str:
        """The abstract definition that holds the levels (following numStyleLink)."""
        aid = self.nums[num_id].abstract
        link = self.links.get(aid)
        if link and not self.abstracts.get(aid):
            linked = self.style_num.get(link, (None, None))[0]
            if linked in self.nums:
                return self.nums[linked].abstract
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The level definition in force for ``num_id`` at ``ilvl``."""
        own = self.nums[num_id].levels.get(ilvl)
        return own or self.abstracts.get(self._abstract_of(num_id), {}).get(ilvl)

    def next_marker(self, num_id: str, ilvl: int) -> str:
        """Advance the counters for one paragraph and return its marker ("" for bullets)."""
        aid = self._abstract_of(num_id)
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._seen:
            self._seen.add(num_id)
            for lvl_no, start in self.nums[num_id].overrides.items():
                counters[lvl_no] = start - 1
        level = self.level(num_id, ilvl) or Level()
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = (self.level(num_id, deeper) or Level()).restart
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        if level.fmt in _BULLET_FORMATS and "%" not in level.text:
            return ""
        def render(match):
            return self._render(num_id, int(match.group(1)) - 1, counters, level.legal)

        return _PLACEHOLDER.sub(render, level.text)

    def _render(self, num_id: str, lvl_no: int, counters: dict[int, int], legal: bool) -> str:
        level = self.level(num_id, lvl_no) or Level()
        value = counters.get(lvl_no, level.start)
        return format_number(value, "decimal" if legal else level.fmt)


def format_number(value: int, fmt: str) -> str:
    """``value`` written in the Word number format ``fmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "ideographDigital"):
        return chinese_counting(value) if fmt != "ideographDigital" else \
            "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt == "chineseLegalSimplified":
        return chinese_counting(value, _LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _TRADITIONAL if fmt == "ideographTraditional" else _ZODIAC
        return cycle[value - 1] if 1 <= value <= len(cycle) else str(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(value)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else str(value)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def chinese_counting(value: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (below 10000; else decimal)."""
    if not 0 < value < 10000:
        return str(value)
    out, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = value // power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        if not (power == 10 and digit == 1 and not out and digits is _DIGITS):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def _enclosed(value: int) -> str:
    if 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if 21 <= value <= 35:
        return chr(0x3251 + value - 21)
    if 36 <= value <= 50:
        return chr(0x32B1 + value - 36)
    return str(value)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                            (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)
