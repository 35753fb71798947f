"""Outline markers: recognising 一、 （一） 1. （1） ① 第一章 … at a paragraph's start.

Each marker is reported with a *style* (which numbering family it belongs to;
the outline assigns levels per style), its numeric value, and its span. The
variants authors mix up — ``(一)``/``（一）``, ``1.``/``1．``/``1、`` — share a
style; the exact punctuation is kept as the marker's *variant* so that mixed
usage can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_CN = "[一二三四五六七八九十百零〇]"
_SP = r"[ \t\u3000\xa0]*"

# style -> canonical seniority (lower is more senior); used only to break ties
RANK = {"chapter": 0, "jie": 1, "cn_dun": 2, "tiao": 3, "cn_paren": 4, "ar_multi": 5,
        "ar_dot": 6, "ar_paren": 7, "circled": 8, "ar_rparen": 9, "box": 10, "plain": 2, "label": 11}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第({_CN}{{1,4}}|\d{{1,3}})章{_SP}")),
    ("jie", re.compile(rf"第({_CN}{{1,4}}|\d{{1,3}})节{_SP}")),
    ("tiao", re.compile(rf"第({_CN}{{1,4}}|\d{{1,3}})条{_SP}")),
    ("cn_dun", re.compile(rf"({_CN}{{1,3}})(?:、|[．.](?![\d一二三四五六七八九十])){_SP}")),
    ("cn_paren", re.compile(rf"[（(]{_SP}({_CN}{{1,3}}){_SP}[）)]{_SP}")),
    ("cn_paren", re.compile(rf"({_CN}{{1,3}})[）)]{_SP}")),          # 三）… with the ( lost
    ("ar_paren", re.compile(rf"[（(]{_SP}(\d{{1,2}}){_SP}[）)]{_SP}")),
    ("ar_multi", re.compile(rf"(\d{{1,2}}(?:[.．]\d{{1,2}}){{1,3}})(?![\d%％.．倍万亿元个年月日岁米亩吨公])(?:[ \t\u3000]+|(?=[\u4e00-\u9fff]))")),
    ("ar_dot", re.compile(rf"(\d{{1,2}})(?:[.．](?![\d%％])|、){_SP}")),
    ("circled", re.compile(rf"([{CIRCLED}]){_SP}")),
    ("ar_rparen", re.compile(rf"(\d{{1,2}})[）)]{_SP}")),
    ("box", re.compile(rf"(专栏){_SP}(\d{{1,2}}|{_CN}{{1,3}}){_SP}")),
]


@dataclass(frozen=True)
class Marker:
    """A marker found at ``text[start:end]`` (``end`` includes trailing spaces)."""

    style: str
    number: int | None
    start: int
    end: int
    text: str          # as written, without trailing spaces: "（一）", "1、", "第三章"
    variant: str = ""  # the punctuation form: "、", ".", "．", "()", "（）" …

    @property
    def path_key(self) -> str:
        """The marker as it appears in a section path: 三, （一）, 1, ①."""
        t = self.text
        if self.style in ("cn_dun", "ar_dot"):
            return t[:-1]
        if self.style in ("cn_paren", "ar_paren", "ar_rparen"):
            inner = t.strip("（）() ")
            return f"（{inner}）"
        if self.style == "box":
            return t.replace(" ", "").replace("\u3000", "")
        return t


def cn_to_int(s: str) -> int | None:
    """Chinese numeral to int: 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    if not s:
        return None
    if all(c in CN_DIGITS for c in s):
        value = 0
        for c in s:
            value = value * 10 + CN_DIGITS[c]
        return value
    total, digit = 0, 0
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_UNITS:
            total += (digit or 1) * CN_UNITS[c]
            digit = 0
        else:
            return None
    return total + digit


def int_to_cn(n: int) -> str:
    """int to Chinese numeral as used in markers: 3 → 三, 12 → 十二, 20 → 二十."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _number(style: str, raw: str) -> int | None:
    if style == "circled":
        return CIRCLED.index(raw) + 1
    if style == "ar_multi":
        return int(re.split(r"[.．]", raw)[-1])
    if raw.isdigit():
        return int(raw)
    return cn_to_int(raw)


def find_marker(text: str, pos: int = 0) -> Marker | None:
    """The outline marker starting at ``text[pos]``, or None.

    Only markers followed by text count; numbers that are quantities or dates
    (1.5倍, 2023年, 3.2%) are not markers.
    """
    for style, pattern in _PATTERNS:
        m = pattern.match(text, pos)
        if not m:
            continue
        end = m.end()
        if end >= len(text) or text[end] in "\n":
            if style not in ("cn_dun", "cn_paren", "chapter", "jie"):
                return None
        raw = m.group(2) if style == "box" else m.group(1)
        number = _number(style, raw)
        if number is None or number > 99:
            return None
        written = text[m.start():end].rstrip(" \t\u3000\xa0")
        if style == "ar_dot" and _looks_like_quantity(text, end):
            return None
        variant = re.sub(r"[\d一二三四五六七八九十百零〇①-⑳专栏第章节条 \u3000]", "", written)
        return Marker(style, number, m.start(), end, written, variant)
    return None


def _looks_like_quantity(text: str, end: int) -> bool:
    """1、 or 2. followed by a unit or counter is a quantity, not a marker."""
    nxt = text[end:end + 1]
    return nxt in ("%", "％", "倍", "万", "亿", "元", "个", "年", "月", "日")
