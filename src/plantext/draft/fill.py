"""Filling a section: phrasings retrieved for a role and themes, checked, adapted and traced.

:class:`Filler` asks :func:`plantext.suggest.suggest` for candidates, drops
those that hold a template slot, a suspected typo, or repeat a phrasing
already used, adapts the rest (:class:`~plantext.draft.substitute.Adapter`)
and keeps where each came from. A slot no candidate can fill becomes an
explicit ``【待补充：…】`` marker.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..errors import PlanTextError
from .sources import gazetteer, source_info
from .coherence import fits_level, mark_figures, out_of_date
from .substitute import Adapter

log = logging.getLogger(__name__)

MARKER = "【待补充：{what}】"
NEAR_COPY = 0.45         # char-bigram Jaccard at which a candidate repeats a used phrasing
MIN_CJK, MAX_CHARS = 10, 160
#: phrasings of a role that read best first (by document type where it matters)
PREFER = {
    "preamble": re.compile(r"(为|根据|按照|结合).{2,80}(制定|特制定|如下)"),
    "goal": None,   # measurable goals first: see Filler.pick
    "schedule": re.compile(r"第[一二三四五六]阶段|[一二三四五六七八九十\d]{1,2}月|阶段"),
}
DOC_PREFER = {("work_summary", "preamble"): re.compile(r"现将|总结如下|以来|一年来|回顾"),
              ("gov_work_report", "preamble"): re.compile(r"报告|审议|各位代表")}
#: openings that lean on a sentence before them (其中…, 对此…, 同时…): never taken alone
_ANAPHORA = re.compile(r"^(?:其中|其|这|此|该|上述|以上|对此|为此|但|而且|而|并且|并|也|还|因此|所以|"
                       r"另外|此外|同时|然而|不过|期间)")
_INLINE_LIST = re.compile(r"[：:；;]\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)]|[①-⑳])")
_LEADS = "0123456789０１２３４５６７８９%％倍万亿元个年月日"   # would read as a quantity after 1.
#: what a marker asks for, by role ({unit}: 本社区 …, {theme}: a theme name)
WANTED = {
    "preamble": "制定本{doc}的目的和依据",
    "preamble:work_summary": "{unit}全年工作的总体情况（总结开头）",
    "review": "{unit}{theme}工作的主要成效和存在的问题",
    "guiding": "{unit}的指导思想和基本原则", "goal": "{unit}的量化工作目标",
    "measure": "{theme}方面的具体工作措施", "safeguard": "组织领导、经费保障等保障措施",
    "schedule": "实施步骤和时间节点", "assessment": "考核评估和奖惩办法",
    "problems": "{unit}工作中存在的主要问题和不足",
    "requirement": "对各责任单位的工作要求",
}
#: roles whose phrasings carry the plan's subject (the rest organise and secure it)
CONTENT_ROLES = frozenset({"preamble", "review", "guiding", "goal", "measure"})
#: themes of how work is organised, acceptable in any plan's safeguards and requirements
ORGANISING_THEMES = frozenset({"party", "governance", "government"})
SUMMARY_TYPES = frozenset({"work_summary"})
REVIEWING_TYPES = frozenset({"work_summary", "gov_work_report"})
#: what a sentence naming a problem or shortcoming says
PROBLEM_CUE = re.compile(r"(存在|仍有|仍然|还有|还不|尚未|尚不|不够|不足|短板|薄弱|差距|滞后|不平衡|不充分|跟不上|老化|"
                         r"难以|困难|缓慢|顾虑|不符|延期|问题)")
#: openings that announce another document type than the one drafted
WRONG_VOICE = {
    ("summary", "preamble"): re.compile(r"制定本|安排如下|要点如下|方案如下|计划如下|特制定|现就.{0,20}提出"),
    (None, "preamble"): re.compile(r"总结如下|现将.{0,30}(总结|汇报|报告)|回顾.{0,6}(一年|全年)"),
}
_RUN_IN = re.compile(r"^(?:[一二三四五六七八九十][是要][，,：:]?|"
                     r"(?:首先|其次|再次|最后|此外|另外|同时)[，,]|——)\s*")
_STAGE = re.compile(r"第([一二三四五六])阶段|([一二三四五六七八九十]{1,2}|\d{1,2})月")


@dataclass
class Filled:
    """One filled slot: adapted text, its source and its text before adaptation."""

    text: str
    source: str = ""         # "<doc id>#<path>"; "" for a marker
    original: str = ""
    role: str = ""
    themes: tuple[str, ...] = ()
    marker: bool = False


def tidy(text: str) -> str:
    """A phrasing as a sentence of its own: no run-in enumerator or marker, a full stop."""
    from ..suggest.entries import strip_marker

    out = _RUN_IN.sub("", strip_marker(text)).strip()
    if not out:
        return ""
    if out[-1] in "；;，,、：:":
        out = out[:-1] + "。"
    elif out[-1] not in "。！？!?" and not out.endswith(("。”", "！”", "？”")):
        out += "。"
    return out


class Filler:
    """Retrieves, checks and adapts phrasings; remembers what it used."""

    def __init__(self, adapter: Adapter, *, corpus: Any = None, doc_type: str = "work_plan",
                 unit_word: str = "本单位", tier: str | None = None,
                 themes: Iterable[str] | None = None):
        from ..suggest import get_index

        self.corpus = get_index(corpus)   # a missing or unreadable corpus fails here, loudly
        self.adapter, self.doc_type, self.unit_word = adapter, doc_type, unit_word
        self.tier = tier                  # the plan's administrative tier (coherence.TIERS)
        self.themes = frozenset(themes or ())    # the plan's subject; empty: any
        self.adapter.known = self.adapter.known or gazetteer(self.corpus)
        self._used: list[frozenset[str]] = []
        self._cache: dict[tuple, list] = {}

    # -- public ---------------------------------------------------------------
    def pick(self, role: str, themes: list[str] | None, n: int, *, mixed: bool = True,
             numbered: bool = False, strict: bool = False) -> list[Filled]:
        """Up to ``n`` phrasings of ``role``; with ``mixed``, taken in turn from each theme.

        ``numbered`` phrasings follow an item marker (1.), so none may open with
        a number or a counter that would read as a quantity (1.年初 …).
        """
        groups = [[t] for t in themes] if (themes and mixed) else [themes or None]
        pool = 60 if role == "preamble" else max(40, 8 * n)   # room for the coherence filters
        lists = [self._ranked(role, g, pool, strict) for g in groups]
        out: list[Filled] = []
        cursors = [0] * len(lists)
        while len(out) < n and any(c < len(l) for c, l in zip(cursors, lists)):
            for j, cands in enumerate(lists):
                while cursors[j] < len(cands) and len(out) < n:
                    got = self._accept(cands[cursors[j]], role, numbered)
                    cursors[j] += 1
                    if got is not None:
                        out.append(got)
                        break
        return sorted(out, key=_stage_key) if role == "schedule" else out

    def pick_matching(self, role: str, themes: list[str] | None, n: int,
                      pattern: re.Pattern[str]) -> list[Filled]:
        """Up to ``n`` phrasings of ``role`` whose text matches ``pattern`` (问题 in a review …)."""
        out: list[Filled] = []
        for hit in self._candidates(role, themes or None, max(40, 8 * n)):
            if len(out) >= n:
                break
            if pattern.search(hit.text):
                got = self._accept(hit, role)
                if got is not None:
                    out.append(got)
        return out

    def avoid(self, texts) -> None:
        """Never pick a phrasing that nearly repeats one of ``texts`` (a draft's own sentences)."""
        from ..suggest.tokens import char_bigrams

        self._used.extend(char_bigrams(t) for t in texts)

    def on_subject(self, hit, role: str) -> bool:
        """True when ``hit`` is about the plan's themes.

        Content roles take phrasings whose most prominent theme is one of the
        plan's; the sections that secure the plan (safeguard, schedule …) may
        also be about no theme or about how the work is organised.
        """
        if not self.themes:
            return True
        found = [t for t in hit.themes if t and t != "none"]
        if not found:
            return role not in CONTENT_ROLES or role == "guiding"
        if role == "preamble":          # an opening names the whole subject, not a part of it
            return self.themes <= set(found)
        if role in CONTENT_ROLES and found[0] not in self.themes:
            return False
        return set(found) <= self.themes | ORGANISING_THEMES

    def in_voice(self, text: str, role: str) -> bool:
        """False for an opening that announces another kind of document (安排如下 in a summary)."""
        if self.doc_type == "gov_work_report":
            return True             # a report both reviews and plans
        kind = "summary" if self.doc_type in SUMMARY_TYPES else None
        rx = WRONG_VOICE.get((kind, role))
        return not (rx and rx.search(text))

    def marker(self, role: str, theme: str | None = None) -> Filled:
        """The explicit 【待补充：…】 marker for a slot the corpus cannot fill."""
        from .substitute import doc_word

        name = theme_name(theme) if theme else ""
        wanted = WANTED.get(f"{role}:{self.doc_type}") or WANTED.get(role, "相关内容")
        what = wanted.format(unit=self.unit_word, theme=name, doc=doc_word(self.doc_type))
        return Filled(MARKER.format(what=what), role=role, themes=(theme,) if theme else (),
                      marker=True)

    # -- internals ------------------------------------------------------------
    def _ranked(self, role: str, themes: list[str] | None, pool: int,
                strict: bool = False) -> list:
        """Candidates of ``role``, the preferred wording first (only it, when ``strict``)."""
        from ..audit.role_cues import _PREAMBLE

        cands = self._candidates(role, themes, pool)
        if role == "preamble":           # only openings the audit reads as a preamble
            cands = [c for c in cands if _PREAMBLE.search(c.text)]
        if role == "goal":   # measurable first, and among those the dated (no vague-goal finding)
            return sorted(cands, key=lambda c: (not measurable(c.text), not dated(c.text)))
        if role == "schedule":           # the steps of one plan, not first stages of several
            cands = _one_source(cands)
        if role == "review" and self.doc_type in REVIEWING_TYPES:  # problems are said apart
            cands = [c for c in cands if not PROBLEM_CUE.search(c.text)]
        prefer = self.preferred(role)
        if prefer is None:
            return cands
        if strict:
            return [c for c in cands if prefer.search(c.text)]
        return sorted(cands, key=lambda c: not prefer.search(c.text))

    def preferred(self, role: str) -> re.Pattern[str] | None:
        """The wording that reads best for ``role`` in this document type."""
        return DOC_PREFER.get((self.doc_type, role), PREFER.get(role))

    def _candidates(self, role: str, themes: list[str] | None, pool: int) -> list:
        from ..suggest import suggest

        key = (role, tuple(themes or ()), pool)
        if key not in self._cache:
            try:
                hits = suggest(role=role, theme=themes, k=pool, corpus=self.corpus)
                self._cache[key] = list(hits)
            except PlanTextError as exc:
                log.info("no phrasings for %s/%s: %s", role, themes, exc)
                self._cache[key] = []
        return self._cache[key]

    def _accept(self, hit, role: str, numbered: bool = False) -> Filled | None:
        from ..audit.placeholders import find_placeholders
        from ..audit.typos import find_typos
        from ..suggest.filters import cjk_count, has_placeholder
        from ..suggest.tokens import char_bigrams, jaccard

        raw = hit.text
        text = tidy(raw)
        if (not text or _ANAPHORA.match(text) or _INLINE_LIST.search(text)
                or has_placeholder(raw) or find_placeholders(raw)):
            return None
        if not self.on_subject(hit, role) or not self.in_voice(text, role):
            return None
        doc_id = hit.source.split("#", 1)[0]
        source = source_info(doc_id, self.corpus)
        if not fits_level(text, self.tier, source_level=source.level, source_names=source.names):
            return None
        if out_of_date(text, self.adapter.year):
            return None
        adapted = self.adapter.adapt(text, source)
        if (not fits_level(adapted, self.tier, word=self.adapter.level)
                or self.adapter.foreign_stems(adapted, source)):
            return None
        adapted = mark_figures(adapted)
        probe = adapted.replace(self.adapter.unit, "") if self.adapter.unit else adapted
        if find_placeholders(probe) or has_placeholder(probe):
            return None
        if not MIN_CJK <= cjk_count(adapted) or len(adapted) > MAX_CHARS:
            return None
        if numbered and adapted[0] in _LEADS:
            return None
        names = frozenset(w for w in (self.adapter.unit, self.adapter.base) if w)
        if find_typos(adapted, vocabulary=names):
            return None
        grams = char_bigrams(adapted)
        if any(jaccard(grams, g) >= NEAR_COPY for g in self._used):
            return None
        self._used.append(grams)
        return Filled(adapted, hit.source, raw, role, tuple(hit.themes))


def measurable(text: str) -> bool:
    """True when ``text`` holds a measurable indicator (a number, a rate, a zero target …)."""
    from ..audit.goals import _MEASURABLE, extract_indicators

    return any(i.kind in _MEASURABLE for i in extract_indicators(text))


def dated(text: str) -> bool:
    """True when ``text`` names when a target is due (到2025年底, 年内 …)."""
    from ..audit.goals import _TIME, extract_indicators

    return any(i.kind in _TIME for i in extract_indicators(text))


def _one_source(cands: list) -> list:
    """The candidates of the best-ranked candidate's document first, when it has two or more."""
    if not cands:
        return cands
    doc = cands[0].source.split("#", 1)[0]
    same = [c for c in cands if c.source.split("#", 1)[0] == doc]
    return same if len(same) >= 2 else cands


def theme_name(code: str) -> str:
    """The theme's Chinese name (精神文明与道德建设 for civility)."""
    from ..labels import load_taxonomy

    tax = load_taxonomy()
    return tax[code].zh if code in tax else code


def _stage_key(f: Filled) -> int:
    from ..outline.markers import cn_to_int

    m = _STAGE.search(f.text)
    if not m:
        return 99
    if m.group(1):
        return (cn_to_int(m.group(1)) or 0) * 100
    raw = m.group(2)
    return 1000 + (int(raw) if raw.isdigit() else (cn_to_int(raw) or 0))
