"""Unfilled template slots: __社区, 20__年, ××街道, XX单位, ＿＿, 【单位名称】, “×”工程.

Each pattern is written so that ordinary text does not match it: a single
× between numbers is multiplication (2×3), a Roman XX before 世纪 is a
number, 【…】 holds a slot only when it names what to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Finding

_UNIT = r"(?:年|月|日|号|时|分|社区|街道|村|镇|乡|县|区|市|省|单位|同志|名|人|户|个|项|次|万元|元|期|届|部队)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # blanks of underscores: 20__年, __月__日, ____万元, __社区
    ("blank", re.compile(r"(?:\d{1,4})?[_＿]{2,}(?:" + _UNIT + r"(?:[_＿]{2,}" + _UNIT + r")*)?")),
    # runs of × / Ｘ and a Latin XX standing for a name: ××街道, XX单位, XXX
    ("cross", re.compile(r"(?<![0-9０-９A-Za-z])(?:×{2,}|Ｘ{2,}|[Xx]{2,3}(?![A-Za-z]))(?!世纪)")),
    # a single × as a slot: “×”工程, 第×条, ×月×日, ×社区 (never 2×3 or 长×宽)
    ("cross", re.compile(r"(?<=[“\"‘「])×(?=[”\"’」])|(?<=第)×(?=[条款章节届期批项次])|(?<![0-9０-９A-Za-z)）\s×])×(?=[月日年号]|社区|街道|村|镇|单位)")),
    # drafting markers left for the writer: 【待补充：本社区的量化工作目标】
    ("marker", re.compile(r"【\s*待(?:补充|填写|完善|定)[：:][^【】\n]{1,60}】")),
    # bracketed slot names: 【单位名称】, 【负责人】, 【联系人】, 〔填写〕
    ("bracket", re.compile(r"[【〔\[]\s*[^【】〔〕\[\]\n]{0,10}?(?:名称|姓名|负责人|联系人|联系电话|电话|日期|"
                           r"时间|地址|数量|金额|填写|请填|待定|待补)\s*[】〕\]]")),
]


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    text: str
    kind: str


def find_placeholders(text: str) -> list[Placeholder]:
    """Every unfilled slot in ``text``, in text order, non-overlapping."""
    found = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append(Placeholder(m.start(), m.end(), m.group(), kind))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[Placeholder] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out


def placeholder_findings(text: str) -> list[Finding]:
    """The ``placeholder`` findings of ``text``."""
    return [Finding("placeholder", "error", f"“{p.text}”是未填写的模板占位符，请填入实际内容。",
                    p.start, p.end, data={"text": p.text, "kind": p.kind})
            for p in find_placeholders(text)]
