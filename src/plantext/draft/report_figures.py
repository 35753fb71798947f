"""A report's goals agree with its review: one indicator, one unit, a goal not below what was done.

A 政府工作报告 reviews last year (新签约亿元以上项目43个，竣工投产28个) and sets
this year's goals. Phrasings drawn from different plans give figures for the
same indicator that contradict each other (竣工投产项目5个). An indicator is
read as the words before a figure (竣工投产, 竣工投产项目); a goal figure for an
indicator the review already gave must be in the same unit and not lower,
otherwise the goal's figure becomes a 【待补充】 marker for the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .coherence import _AMOUNT, _MAGNITUDE, _PEOPLE

_BREAK = re.compile(r"[，。；：、,;:！？（）()\s“”]|【[^】]*】|\d")
#: words around an indicator that say how it moves, not what it is
_VERBS = re.compile(r"^(?:全年|今年|去年|上年|年内|累计|共计|共|其中|力争|确保|新增|新|实现|完成|达到|达|"
                    r"增加到|提高到|提升到|突破|超过|不少于|不低于|以上|分别)+|"
                    r"(?:达到|达|为|增加到|提高到|提升到|突破|超过|不少于|不低于|分别|共|累计|完成|实现)+$")
MIN_LABEL = 2
SAME_LABEL = 0.5    # char-bigram Jaccard of two labels naming one indicator


@dataclass(frozen=True)
class Indicator:
    label: str
    value: float
    unit: str           # 元, 个, 家, 人 … (money in 元 whatever its magnitude)
    start: int          # the number's span in the text
    end: int
    kind: str           # money, count


def indicators(text: str) -> list[Indicator]:
    """Each absolute figure of ``text`` with the words before it that name its indicator."""
    out = []
    for rx, kind in ((_AMOUNT, "money"), (_PEOPLE, "count")):
        for m in rx.finditer(text):
            if text[m.end():m.end() + 1] in ("%", "％"):
                continue
            label = _label(text, m.start())
            if len(label) < MIN_LABEL:
                continue
            value = float(m.group(1)) * _MAGNITUDE[m.group(2)]
            out.append(Indicator(label, value, m.group(3), m.start(), m.start() + len(m.group(1)),
                                 kind))
    return sorted(out, key=lambda i: i.start)


def _label(text: str, pos: int) -> str:
    start = pos
    while start > 0 and not _BREAK.match(text[start - 1]):
        start -= 1
        if pos - start >= 14:
            break
    label = text[start:pos]
    prev = None
    while prev != label:
        prev, label = label, _VERBS.sub("", label)
    return label


def same_indicator(a: str, b: str) -> bool:
    """True when labels ``a`` and ``b`` name one indicator (one within the other, or most words shared)."""
    if a in b or b in a:
        return True
    ga = {a[i:i + 2] for i in range(len(a) - 1)}
    gb = {b[i:i + 2] for i in range(len(b) - 1)}
    return bool(ga and gb) and len(ga & gb) / len(ga | gb) >= SAME_LABEL


def conflicts(goal: str, review: list[Indicator]) -> list[tuple[Indicator, Indicator]]:
    """(goal figure, review figure) pairs for one indicator whose unit differs or goal < review."""
    out = []
    for g in indicators(goal):
        for r in review:
            if same_indicator(g.label, r.label) and (g.unit != r.unit or g.value < r.value):
                out.append((g, r))
                break
    return out


def fix_goal(goal: str, review: list[Indicator]) -> str:
    """``goal`` with every figure that contradicts ``review`` replaced by a 【待补充】 marker."""
    bad = conflicts(goal, review)
    for g, _ in sorted(bad, key=lambda p: -p[0].start):
        what = "金额" if g.kind == "money" else "数量"
        goal = goal[:g.start] + f"【待补充：{what}】" + goal[g.end:]
    return goal
