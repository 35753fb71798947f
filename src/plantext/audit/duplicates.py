"""Duplicated and near-duplicated sentences (character bigram Jaccard ≥ 0.85)."""

from __future__ import annotations

import re

from ..document import Finding, Plan

MIN_CHARS = 12
THRESHOLD = 0.85
_PUNCT = re.compile(r"[\s，。；：、！？,.;:!?“”‘’\"'（）()《》【】—\-0-9一二三四五六七八九十]+")


def _grams(text: str) -> frozenset[str]:
    core = _PUNCT.sub("", text)
    return frozenset(core[i:i + 2] for i in range(len(core) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


#: an item's owner and deadline written as a note of its own (〔责任部门：…，完成时间：…〕,
#: 责任单位：…): lists repeat them item after item on purpose
_ITEM_NOTE = re.compile(r"^[〔【\[（(]?\s*(?:牵头|责任|配合|承办)(?:部门|单位|领导|人)\s*[:：]")


def duplicate_findings(plan: Plan) -> list[Finding]:
    """One ``duplicate-sentence`` finding for each sentence that repeats an earlier one."""
    items = []
    for seg in plan.segments:
        if seg.kind == "heading" or len(_PUNCT.sub("", seg.text)) < MIN_CHARS \
                or _ITEM_NOTE.match(seg.text.strip()):
            continue
        items.append((seg, _grams(seg.text)))
    out, taken = [], set()
    for j, (seg, g) in enumerate(items):
        for i in range(j):
            first, f = items[i]
            if i in taken or not (0.85 * len(f) <= len(g) <= len(f) / 0.85):
                continue
            score = jaccard(f, g)
            if score >= THRESHOLD:
                same = "重复" if score == 1.0 else "几乎重复"
                out.append(Finding("duplicate-sentence", "warning",
                                   f"这句话与前文{same}（相似度{score:.0%}）：建议删去或合并。",
                                   seg.start, seg.end,
                                   data={"first_start": first.start, "first_end": first.end,
                                         "similarity": round(score, 3)}))
                taken.add(j)
                break
    return out
