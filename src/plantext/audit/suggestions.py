"""Phrasing suggestions for a missing section, matched to the plan's main themes.

The suggestion engine (:func:`plantext.suggest.suggest`) is used when it is
importable; otherwise, or when it cannot serve, a small fallback retrieves
sentences of that role from the team corpus annotations and ranks them by
theme overlap.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import pathlib
import re
from functools import lru_cache
from typing import Any

from ..document import Plan, Suggestion
from ..errors import PlanTextError

log = logging.getLogger(__name__)
_SENT = re.compile(r"[^。；！？\n]+[。；！？]?")


def main_themes(plan: Plan, n: int = 3) -> list[str]:
    """The plan's most frequent themes among its segments (keywords when unlabelled)."""
    counts: collections.Counter[str] = collections.Counter()
    for seg in plan.segments:
        for k, theme in enumerate(seg.themes[:3]):
            if theme != "none":
                counts[theme] += 1.0 / (k + 1)
    if not counts:
        from ..labels import load_taxonomy

        for word, codes in load_taxonomy().keyword_index().items():
            hits = plan.text.count(word)
            for code in codes:
                if hits and code != "none":
                    counts[code] += hits
    return [t for t, _ in counts.most_common(n)]


def suggestions_for(role: str, themes: list[str], *, corpus: Any = None, k: int = 3,
                    engine: str = "auto", problems: list[str] | None = None,
                    topic: str | None = None) -> list[Suggestion]:
    """Up to ``k`` phrasings for ``role`` about ``themes``.

    ``topic`` (the plan's title) ranks wording on the plan's own subject and
    genre first (中秋游园活动方案 → activity wording). Nothing the audit itself
    would flag (a placeholder, a typo) is ever offered. ``engine`` is ``"auto"``
    (the suggest module, else the fallback), ``"suggest"`` or ``"fallback"``.
    When nothing can be suggested because the engine failed (no corpus …), its
    reason is appended to ``problems``.
    """
    out: list[Suggestion] = []
    failed: list[str] = []
    if engine in ("auto", "suggest"):
        out = clean_suggestions(_engine(role, themes, corpus, k * 4, failed, topic))[:k]
    if len(out) < k and engine in ("auto", "fallback"):
        seen = {s.text for s in out}
        out += [s for s in clean_suggestions(fallback_suggestions(role, themes, corpus=corpus, k=k * 4))
                if s.text not in seen][:k - len(out)]
    if not out and problems is not None:
        problems += failed
    return out[:k]


def clean_suggestions(hits: list[Suggestion]) -> list[Suggestion]:
    """``hits`` without those holding anything the audit flags: a placeholder or a typo."""
    from .placeholders import find_placeholders
    from .typos import typo_findings

    return [h for h in hits if not find_placeholders(h.text) and not typo_findings(h.text)]


def _engine(role: str, themes: list[str], corpus: Any, k: int, failed: list[str],
            topic: str | None = None) -> list[Suggestion]:
    try:
        from ..suggest import suggest
    except ImportError:
        return []
    try:
        hits: list[Suggestion] = []
        if topic:
            hits = list(suggest(topic, role=role, theme=themes or None, k=k, corpus=corpus,
                                mode="sparse", guess_role=False))
        if len(hits) < k:
            seen = {h.text for h in hits}
            hits += [h for h in suggest(role=role, theme=themes or None, k=k, corpus=corpus, mode="sparse")
                     if h.text not in seen]
        return hits[:k]
    except (PlanTextError, TypeError, OSError) as exc:
        log.info("suggest() could not serve %s/%s: %s", role, themes, exc)
        failed.append(str(exc))
        return []


def fallback_suggestions(role: str, themes: list[str], *, corpus: Any = None,
                         k: int = 3) -> list[Suggestion]:
    """Sentences of ``role`` from an annotated corpus folder, best theme match first."""
    folder = _corpus_dir(corpus)
    if folder is None:
        return []
    weight = {t: 1.0 / (i + 1) for i, t in enumerate(themes)}
    scored = []
    for text, ents_themes, source in _entries(str(folder)).get(role, ()):
        overlap = sum(weight.get(t, 0.0) for t in ents_themes)
        fit = 0.2 if 15 <= len(text) <= 90 else 0.0
        scored.append((overlap + fit, text, ents_themes, source))
    scored.sort(key=lambda r: (-r[0], r[3]))
    out, seen = [], set()
    for score, text, ts, source in scored:
        if text in seen:
            continue
        seen.add(text)
        out.append(Suggestion(text, round(score, 4), role, list(ts), source))
        if len(out) == k:
            break
    return out


def _corpus_dir(corpus: Any) -> pathlib.Path | None:
    if isinstance(corpus, (str, os.PathLike)):
        path = pathlib.Path(corpus)
    else:
        from ..resources import team_corpus_dir

        path = team_corpus_dir()
    return path if (path / "annotations").is_dir() else None


@lru_cache(maxsize=4)
def _entries(folder: str) -> dict[str, list[tuple[str, tuple[str, ...], str]]]:
    """role → [(sentence, themes, source)] from the annotations of ``folder``."""
    from .placeholders import find_placeholders
    from .typos import find_typos

    root = pathlib.Path(folder)
    by_role: dict[str, list] = collections.defaultdict(list)
    for ann in sorted((root / "annotations").glob("*.json")):
        doc = json.loads(ann.read_text(encoding="utf-8"))
        path = root / "docs" / (ann.stem + ".txt")
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        heads = {h["line"] for h in doc.get("headings", []) if not h.get("inline")}
        for para in doc.get("paragraphs", []):
            line = para.get("line", -1)
            if line in heads or not 0 <= line < len(lines):
                continue
            themes = tuple(t for t in para.get("themes", []) if t != "none")
            for m in _SENT.finditer(lines[line].strip()):
                text = m.group().strip()
                if 12 <= len(text) <= 120 and not find_placeholders(text) \
                        and not find_typos(text, generalise=False):
                    by_role[para["role"]].append((text, themes, f"{ann.stem}#{line}"))
    return dict(by_role)
