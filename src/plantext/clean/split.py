"""Splitting a page that holds several plans into one span per plan.

Template sites put several variants of a plan on one page, each under the
same title with a running number: 工作计划(一)/(二)/(三), 【篇一】…, 范文一….
A title line counts when its stem recurs with consecutive numbers.
"""

from __future__ import annotations

import re

from ..outline.markers import cn_to_int

_SUFFIX = re.compile(r"^(?P<stem>.{2,40}?)\s*[（(【\[]?\s*(?:篇|范文|第)?(?P<n>[一二三四五六七八九十]{1,2}|\d{1,2})\s*(?:篇)?[）)】\]]$")
_PREFIX = re.compile(r"^[【\[]?\s*(?:篇|范文|第)(?P<n>[一二三四五六七八九十]{1,2}|\d{1,2})(?:篇)?\s*[】\]:：]?\s*(?P<stem>.{0,40})$")
# a title numbered at its end without brackets: 社区工作计划 篇一, 社区工作计划范文二
_TAIL = re.compile(r"^(?P<stem>.{2,40}?)\s*(?:篇|范文)(?P<n>[一二三四五六七八九十]{1,2}|\d{1,2})$")
_PUNCT = re.compile(r"[。；！？，,]")
# 第一章/第二节/第三部分 … number the parts of one plan, never plans: only 第N篇 does
_PART = re.compile(r"^[【\[]?\s*第\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*(?:章|节|条|款|部分|项|阶段|批)")


def _candidate(line: str) -> tuple[str, int] | None:
    if len(line) > 50 or _PUNCT.search(line) or _PART.match(line):
        return None
    for pattern in (_SUFFIX, _PREFIX, _TAIL):
        m = pattern.match(line)
        if m:
            raw = m.group("n")
            n = int(raw) if raw.isdigit() else cn_to_int(raw)
            stem = m.group("stem").strip() if pattern is not _PREFIX else "篇"
            if n is not None:
                return stem, n
    return None


def plan_starts(text: str, *, ignore: set[int] = frozenset()) -> list[tuple[int, int]]:
    """``(line_start, line_end)`` of each plan title on a multi-plan page; [] for a single plan."""
    pos = 0
    found: list[tuple[int, int, str, int]] = []
    for line in text.split("\n"):
        t = line.strip(" \t\u3000\xa0")
        if t and pos not in ignore:
            c = _candidate(t)
            if c:
                lead = len(line) - len(line.lstrip(" \t\u3000\xa0"))
                found.append((pos + lead, pos + lead + len(t), c[0], c[1]))
        pos += len(line) + 1
    by_stem: dict[str, list[tuple[int, int, str, int]]] = {}
    for f in found:
        by_stem.setdefault(f[2], []).append(f)
    best: list[tuple[int, int]] = []
    for stem, hits in by_stem.items():
        run = _consecutive(hits)
        if len(run) >= 2 and len(run) > len(best):
            best = [(a, b) for a, b, _, _ in run]
    return best


def _consecutive(hits):
    """The longest run of hits numbered 1, 2, 3 … in reading order."""
    run = []
    for h in hits:
        if h[3] == len(run) + 1:
            run.append(h)
    return run
