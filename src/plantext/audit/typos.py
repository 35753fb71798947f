"""Typos in official drafts: a confusion set, general rules and a character language model.

The confusion set (``data/confusions.json``) holds literal wrong → right pairs
from public lists of common misspellings (idioms mostly), with guards, and
context pairs. :mod:`.typo_rules` holds rules of the written language
(repeats, doubled punctuation, 的/地/得, dates, usage pairs).
:mod:`.typo_lm` finds the rest in context with the trained character LM
(:mod:`.typo_model`). Precision comes first: every rule is written so that
correct text does not match it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..document import Finding
from .typo_types import Typo

CONFUSION_FILE = "confusions.json"
_CLAUSE_START = "。；！？，,：:\n“"


@dataclass(frozen=True)
class _Pair:
    wrong: str
    right: str
    kind: str
    not_before: str = ""
    not_after: str = ""


@dataclass(frozen=True)
class ConfusionSet:
    """The decoded confusion set: literal pairs, context pairs and patterns."""

    pairs: tuple[_Pair, ...]
    context: tuple[dict, ...]
    patterns: tuple[tuple[str, re.Pattern[str], str, str], ...]
    literal: re.Pattern[str] | None

    @property
    def words(self) -> dict[str, str]:
        """wrong → right for every literal and context pair."""
        out = {p.wrong: p.right for p in self.pairs}
        out.update({c["wrong"]: c["right"] for c in self.context})
        return out


@cache
def load_confusions() -> ConfusionSet:
    """The built-in confusion set (read once)."""
    raw = json.loads((resources.files("plantext") / "data" / CONFUSION_FILE)
                     .read_text(encoding="utf-8"))
    return parse_confusions(raw)


def parse_confusions(raw: dict) -> ConfusionSet:
    """Build a :class:`ConfusionSet` from a decoded confusions document."""
    pairs = tuple(_Pair(p["wrong"], p["right"], p.get("kind", ""), p.get("not_before", ""),
                        p.get("not_after", "")) for p in raw.get("pairs", []))
    words = sorted({p.wrong for p in pairs}, key=len, reverse=True)
    literal = re.compile("|".join(map(re.escape, words))) if words else None
    patterns = tuple((p["id"], re.compile(p["regex"]), p["right"], p["message"])
                     for p in raw.get("patterns", []))
    return ConfusionSet(pairs, tuple(raw.get("context", [])), patterns, literal)


def find_typos(text: str, *, generalise: bool = True, confusions: ConfusionSet | None = None,
               vocabulary: frozenset[str] = frozenset(), model=None) -> list[Typo]:
    """Every suspected typo in ``text``, in text order, non-overlapping.

    ``generalise=False`` keeps only the confusion set and the rules.
    ``vocabulary`` holds words known to be right here (names, local terms)
    that the language model must not touch. ``model`` is a
    :class:`~.typo_model.TypoModel` (default: the trained ``typos-lm``; the
    LM check is skipped with a warning when none is trained).
    """
    from .typo_rules import rule_typos

    if generalise and model is None:
        from .typo_model import default_model

        model = default_model()
        if model is None:
            import warnings

            from ..errors import PlanTextWarning

            warnings.warn("no typo model is trained (plantext train typos): the typo check uses "
                          "its rules and confusion set only", PlanTextWarning, stacklevel=2)
    cs = confusions or load_confusions()
    found = _literal(text, cs) + _context(text, cs) + _patterns(text, cs) + rule_typos(text, model)
    if generalise and model is not None:
        from .typo_lm import lm_typos

        taken = [(t.start, t.end) for t in found]
        found += [t for t in lm_typos(text, model, vocabulary=vocabulary)
                  if not any(a < t.end and t.start < b for a, b in taken)]
    return _non_overlapping(found)


def _literal(text: str, cs: ConfusionSet) -> list[Typo]:
    if cs.literal is None:
        return []
    by_wrong = {p.wrong: p for p in cs.pairs}
    out = []
    for m in cs.literal.finditer(text):
        p = by_wrong[m.group()]
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (before and before in p.not_before) or (after and after in p.not_after):
            continue
        out.append(Typo(m.start(), m.end(), p.wrong, p.right, f"confusion:{p.kind}"))
    return out


def _context(text: str, cs: ConfusionSet) -> list[Typo]:
    out = []
    for rule in cs.context:
        wrong = rule["wrong"]
        after = re.compile(rule["after"]) if "after" in rule else None
        doc_wide = any(word in text for word in rule.get("doc_near", ()))
        for m in re.finditer(re.escape(wrong), text):
            a, b = m.span()
            if rule.get("clause_start") and a and text[a - 1] not in _CLAUSE_START:
                continue
            if after is not None and not after.match(text, b):
                continue
            if "near" in rule and not doc_wide:
                w = rule.get("window", 8)
                around = text[max(0, a - w):a] + "\0" + text[b:b + w]
                if not any(word in around for word in rule["near"]):
                    continue
            out.append(Typo(a, b, wrong, rule["right"], f"context:{rule.get('kind', '')}"))
    return out


def _patterns(text: str, cs: ConfusionSet) -> list[Typo]:
    out = []
    for rule_id, rx, right, message in cs.patterns:
        for m in rx.finditer(text):
            if m.end() <= m.start() or _broken_line(text, m.start()):
                continue
            fixed = right.format(m.group(0), *m.groups())
            out.append(Typo(m.start(), m.end(), m.group(0), fixed, f"pattern:{rule_id}",
                            message.format(wrong=m.group(0), right=fixed)))
    return out


def _broken_line(text: str, start: int) -> bool:
    """True when ``start`` opens a line that continues a hard-wrapped long line."""
    if start == 0 or text[start - 1] != "\n":
        return False
    prev = text[max(0, start - 400):start].rstrip().rsplit("\n", 1)[-1].strip()
    return len(prev) > 20 and prev[-1] not in "。；！？：:；.!?”"


def _non_overlapping(typos: list[Typo]) -> list[Typo]:
    typos = sorted(typos, key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Typo] = []
    for t in typos:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def typo_findings(text: str, *, generalise: bool = True,
                  vocabulary: frozenset[str] = frozenset()) -> list[Finding]:
    """The ``typo`` findings of ``text``."""
    out = []
    for t in find_typos(text, generalise=generalise, vocabulary=vocabulary):
        msg = t.message or f"“{t.wrong}”疑为错别字，应为“{t.right}”。"
        out.append(Finding("typo", "warning", msg, t.start, t.end,
                           data={"wrong": t.wrong, "right": t.right, "rule": t.rule}))
    return out
