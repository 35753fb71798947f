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
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import PlanTextError
from .sources import gazetteer, source_info
from .coherence import fits_level, mark_figures, out_of_date
from .substitute import Adapter

log = logging.getLogger(__name__)

MARKER = "【待补充：{what}】"
NEAR_COPY = 0.45         # char-bigram Jaccard at which a candidate repeats a used phrasing
#: a candidate says what a used phrasing says when their e5 cosine is at least NEAR_SAME and
#: they share words (char-bigram Jaccard ≥ SHARED); chosen on the grid_eval drafts, where
#: e5 puts unrelated sentences of one subject at 0.93-0.95 and restatements at 0.94-0.97
NEAR_SAME, SHARED = 0.94, 0.10
#: source vectors read the source's own names and years: a pair this close below NEAR_SAME
#: is decided on the vectors of the adapted texts
ADAPTED_MARGIN = 0.03
RUN_MIN = 2              # a source plan's run must give this many phrasings to be preferred
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
#: plans of one event (a day's activity, a drill): their sentences do not travel to other plans
EVENT_TYPES = frozenset({"activity_plan"})
#: roles whose figures are the tier's own: never taken from plans of another tier
TIER_BOUND_ROLES = frozenset({"goal", "review"})
REVIEWING_TYPES = frozenset({"work_summary", "gov_work_report"})
#: what a sentence naming a problem or shortcoming says
PROBLEM_CUE = re.compile(r"(存在|仍有|仍然|还有|还不|尚未|尚不|不够|不足|短板|薄弱|差距|滞后|不平衡|不充分|跟不上|老化|"
                         r"难以|困难|缓慢|顾虑|不符|延期|问题|有待|较为单一|比较单一|不高|不强|欠缺|偏低|偏弱)")
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
    grams: frozenset = field(default=frozenset(), repr=False, compare=False)
    vector: Any = field(default=None, repr=False, compare=False)   # the source's e5 vector


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
        from .pool import draft_index, tier_index

        self.corpus = draft_index(corpus)   # a missing or unreadable corpus fails here, loudly
        self.tiered = tier_index(self.corpus, tier) or self.corpus   # retrieval among the tier's plans
        self.adapter, self.doc_type, self.unit_word = adapter, doc_type, unit_word
        self.tier = tier                  # the plan's administrative tier (coherence.TIERS)
        self.themes = frozenset(themes or ())    # the plan's subject; empty: any
        self.adapter.known = self.adapter.known or gazetteer(self.corpus)
        self._used: list[frozenset[str]] = []
        self._vectors: list = []          # source vectors of the phrasings used (near-duplicates)
        self._texts: list[str] = []       # and their adapted texts
        self._encoded: dict[str, Any] = {}
        self._docs: list[str] = []        # source plans used so far, first first
        self._review: list = []           # the review's figures (report_figures.Indicator)
        self._cache: dict[tuple, list] = {}
        self._rows: dict[tuple[str, str], int] | None = None
        self._fits: dict[tuple, Filled | None] = {}
        self.goal_dates = False           # goals must name when (a plan whose title has no year)
        self._mains: dict[str, str] | None = None

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

        texts = list(texts)
        self._used.extend(char_bigrams(t) for t in texts)
        self._vectors.extend([None] * len(texts))
        self._texts.extend(texts)

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
        if role == "preamble":           # only openings the audit reads as a preamble, the anchors' first
            cands = [c for c in cands if _PREAMBLE.search(c.text)]
            cands = sorted(cands, key=lambda c: c.source.split("#", 1)[0] not in self._docs)
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
            hits: list = []
            for index in dict.fromkeys((self.tiered, self.corpus)):   # the tier's plans first
                try:
                    hits = list(suggest(role=role, theme=themes, k=pool, corpus=index))
                except PlanTextError as exc:
                    log.info("no phrasings for %s/%s: %s", role, themes, exc)
                if hits:
                    break
            self._cache[key] = hits
        return self._cache[key]

    def _accept(self, hit, role: str, numbered: bool = False) -> Filled | None:
        got = self._fit(hit, role, numbered)
        if got is None or self._near(got):
            return None
        self._commit(got)
        return got

    def _fit(self, hit, role: str, numbered: bool = False) -> Filled | None:
        """``hit`` checked and adapted for this plan (not yet used), or None when it does not fit."""
        key = (hit.source, hit.text, role, numbered, len(self._review))
        if key not in self._fits:
            self._fits[key] = self._check(hit, role, numbered)
        return self._fits[key]

    def _check(self, hit, role: str, numbered: bool) -> Filled | None:
        from ..audit.placeholders import find_placeholders
        from ..audit.typos import find_typos
        from ..suggest.filters import cjk_count, has_placeholder
        from ..suggest.tokens import char_bigrams
        from .context import context_bound

        raw = hit.text
        text = tidy(raw)
        source_type = getattr(hit, "doc_type", None)
        if source_type in EVENT_TYPES and self.doc_type not in EVENT_TYPES:
            return None          # an activity plan's sentences belong to its one event
        if (not text or _ANAPHORA.match(text) or _INLINE_LIST.search(text)
                or has_placeholder(raw) or find_placeholders(raw)):
            return None
        if not self.on_subject(hit, role) or not self.in_voice(text, role):
            return None
        if context_bound(text, self.themes, self.adapter.year):
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
        if role == "goal" and self._review:
            from .report_figures import fix_goal

            adapted = fix_goal(adapted, self._review)
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
        return Filled(adapted, hit.source, raw, role, tuple(hit.themes),
                      grams=char_bigrams(adapted), vector=self._vector(hit))

    def _near(self, got: Filled, also: Iterable[Filled] = ()) -> bool:
        """True when ``got`` repeats a phrasing used (or one of ``also``) in other words."""
        from ..suggest.tokens import jaccard

        also = list(also)
        used = list(zip(self._used, self._vectors, self._texts)) + [(f.grams, f.vector, f.text)
                                                                     for f in also]
        for grams, vector, text in used:
            shared = jaccard(got.grams, grams)
            cos = float(vector @ got.vector) if vector is not None and got.vector is not None else 0.0
            if shared >= SHARED and NEAR_SAME - ADAPTED_MARGIN <= cos < NEAR_SAME:
                cos = self._adapted_cosine(got.text, text)
            if repeats(cos, shared):
                return True
        return False

    def _adapted_cosine(self, a: str, b: str) -> float:
        """e5 cosine of two adapted phrasings (encoded once each, when the encoder is there)."""
        from ..suggest.dense import encode_passages, encoder_or_reason

        encoder, _ = encoder_or_reason()
        if encoder is None:
            return 0.0
        for t in (a, b):
            if t not in self._encoded:
                self._encoded[t] = encode_passages(encoder, [t])[0]
        return float(self._encoded[a] @ self._encoded[b])

    def _commit(self, got: Filled) -> None:
        self._used.append(got.grams)
        self._vectors.append(got.vector)
        self._texts.append(got.text)
        doc = got.source.split("#", 1)[0]
        if doc and doc not in self._docs:
            self._docs.append(doc)
        if got.role == "review":
            from .report_figures import indicators

            self._review.extend(indicators(got.text))

    def _vector(self, hit):
        """The unit e5 vector of ``hit``'s source phrasing, when the index has vectors."""
        if self.corpus.dense is None:
            return None
        if self._rows is None:
            self._rows = {(e.source, e.text): i for i, e in enumerate(self.corpus.entries)}
        row = self._rows.get((hit.source, hit.text))
        return None if row is None else self.corpus.dense[row]

    # -- runs from one source plan ----------------------------------------------
    def pick_run(self, role: str, themes: list[str] | None, n: int, *, numbered: bool = False,
                 per_theme: bool = False) -> list[Filled]:
        """Up to ``n`` phrasings of ``role``, a run in document order from ONE source plan.

        The plan is chosen among those of the draft's tier that give at least
        :data:`RUN_MIN` fitting phrasings, preferring a plan the draft already
        draws on, of the draft's own level word (村 for a 村), about the
        section's theme and of the same document type; when one plan gives
        fewer than ``n``, the next one continues. ``per_theme``: one run per
        theme, taken in turn (the goals of a plan on two subjects).
        """
        if per_theme and themes and len(themes) > 1:
            share, out = -(-n // len(themes)), []
            for theme in themes:
                out += self.pick_run(role, [theme], min(share, n - len(out)), numbered=numbered)
            return out
        out: list[Filled] = []
        indexes = [self.tiered] if role in TIER_BOUND_ROLES else [self.tiered, self.corpus]
        for index in dict.fromkeys(indexes):
            docs = self._doc_rows(index, role, themes)
            tried: set[str] = set()
            while len(out) < n:
                best = None
                for doc, rows in docs.items():
                    if doc in tried:
                        continue
                    got = self._trial(index, rows, role, themes, n - len(out), numbered, out)
                    if not got:
                        continue
                    key = self._doc_key(doc, got, role, themes, index.entries[rows[0]], n)
                    if best is None or key > best[0]:
                        best = (key, doc, got)
                if best is None:
                    break
                tried.add(best[1])
                for f in best[2]:
                    self._commit(f)
                out += best[2]
            if out:
                break
        return out

    def _doc_rows(self, index, role: str, themes: list[str] | None) -> dict[str, list[int]]:
        """Rows of ``index`` with ``role`` and one of ``themes``, by source plan in document order."""
        key = ("rows", id(index), role, tuple(themes or ()))
        if key not in self._cache:
            import numpy as np

            mask = index.mask([role], themes or ())
            docs: dict[str, list[int]] = {}
            for i in np.flatnonzero(mask):
                docs.setdefault(index.entries[i].doc_id, []).append(int(i))
            self._cache[key] = docs
        return self._cache[key]

    def _trial(self, index, rows: list[int], role: str, themes: list[str] | None, n: int,
               numbered: bool, before: list[Filled]) -> list[Filled]:
        """What one plan's rows give, in order: fitting, not repeating each other or ``before``."""
        got: list[Filled] = []
        one = themes[0] if themes and len(themes) == 1 else None
        for i in rows:
            entry = index.entries[i]
            found = [t for t in entry.themes if t and t != "none"]
            if one and role in ("measure", "review", "goal") and (not found or found[0] != one):
                continue
            if (role == "review" and self.doc_type in REVIEWING_TYPES
                    and PROBLEM_CUE.search(entry.text)):
                continue
            f = self._fit(entry, role, numbered)
            if f is not None and not self._near(f, before + got):
                got.append(f)
                if len(got) == n:
                    break
        return got

    def _doc_key(self, doc: str, got: list[Filled], role: str, themes: list[str] | None,
                 entry, n: int) -> tuple:
        info = source_info(doc, self.corpus)
        main = self._main_theme(doc)
        on_theme = bool(themes) and main in themes
        goal_ok = role != "goal" or (any(measurable(f.text) for f in got)
                                     and (not self.goal_dates or any(dated(f.text) for f in got)))
        return (min(len(got), RUN_MIN), goal_ok, doc in self._docs,
                bool(info.level) and info.level == self.adapter.level, on_theme,
                min(len(got), n), entry.doc_type == self.doc_type, entry.year or 0, doc)

    def anchor(self, themes: list[str], roles: Iterable[str]) -> list[str]:
        """Per theme, the source plan of the draft's tier the draft leans on first.

        Of the tier's plans led by the theme (not event plans, unless the draft
        is one), the plan of the draft's own type, then the one with most of
        ``roles`` (the draft's sections) and most phrasings on the theme. Its
        sections are preferred wherever it gives enough (:meth:`pick_run`).
        """
        wanted = set(roles)
        stats: dict[str, list] = {}
        for e in self.tiered.entries:
            if e.doc_type in EVENT_TYPES and self.doc_type not in EVENT_TYPES:
                continue
            st = stats.setdefault(e.doc_id, [e.doc_type, set(), 0])
            if e.role in wanted:
                st[1].add(e.role)
            found = [t for t in e.themes if t and t != "none"]
            if found and found[0] == self._main_theme(e.doc_id):
                st[2] += 1
        for theme in themes:
            docs = [d for d in stats if self._main_theme(d) == theme]
            if docs:
                best = max(docs, key=lambda d: (stats[d][0] == self.doc_type, len(stats[d][1]),
                                                stats[d][2], d))
                if best not in self._docs:
                    self._docs.append(best)
        return list(self._docs)

    def _main_theme(self, doc: str) -> str | None:
        """The theme most of a source plan's content phrasings lead with."""
        if self._mains is None:
            from collections import Counter

            counts: dict[str, Counter] = {}
            for e in self.corpus.entries:
                found = [t for t in e.themes if t and t != "none"]
                if found and e.role in CONTENT_ROLES:
                    counts.setdefault(e.doc_id, Counter())[found[0]] += 1
            self._mains = {d: c.most_common(1)[0][0] for d, c in counts.items()}
        return self._mains.get(doc)


def repeats(cosine: float, shared: float) -> bool:
    """True when two phrasings say the same thing: nearly the same words, or the same
    meaning (e5 ``cosine``) in partly the same words (char-bigram Jaccard ``shared``)."""
    return shared >= NEAR_COPY or (cosine >= NEAR_SAME and shared >= SHARED)


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
