"""Zero-shot themes for a user's own taxonomy: no training data, only the labels.

A user who brings a taxonomy (``load_taxonomy(path)``) has names,
descriptions and keywords but no annotated paragraphs, so no theme model can
be trained. :class:`ZeroShotThemer` scores each paragraph against each theme
from two sources of evidence:

* **keyword prior** (always): hits of the theme's keywords, sub-code
  keywords and names (the Chinese name and its parts: 基层治理与自治 →
  基层治理, 自治) in the paragraph, and, at :data:`HEADING_WEIGHT`, in its
  nearest heading; longest match first, without overlaps. A hit weighs more
  when the term is longer (``min(len, 4) / 2``: one character 0.5, four or
  more 2.0) and rarer in the taxonomy (divided by the number of themes that
  list it). The summed evidence ``E`` becomes ``1 - exp(-E)``: one
  specific two-character keyword gives 0.63, two give 0.86. A paragraph
  that shows any evidence also gets :data:`DOC_PRIOR` times the theme's
  share of the plan (the mean of that score over its paragraphs, in
  [0, 1]) added to its evidence: a plan is usually about one or two
  themes, and its paragraphs are read in that light; a paragraph with no
  hit at all stays without a theme.
* **embedding similarity** (optional, torch): cosine similarity between the
  paragraph (``query:``, cached in the shared :class:`~.trf.EmbeddingStore`)
  and one passage per theme built from its name, description and keywords,
  plus a passage for ``none`` (the taxonomy's own ``none`` entry, or
  :data:`NONE_PASSAGE`); the nearest heading's similarity is mixed in at
  :data:`HEADING_WEIGHT`. The similarities are rescaled per paragraph as a
  softmax with temperature :data:`TEMPERATURE` over the themes *and*
  ``none``, divided by its largest value: the best class gets 1, the others
  ``exp(-gap / T)``. ``none`` competing as a class is what lets the
  embeddings say "no theme" for a taxonomy of any size.

The combined score is ``KEYWORD_SHARE * keywords + (1 - KEYWORD_SHARE) *
embeddings`` (keywords alone without embeddings). A theme is picked when

1. its combined score is at least :data:`THRESHOLD` (0.5): with keywords
   alone that is evidence of about one specific keyword (E >= ln 2). With
   embeddings (at most 0.3 of the score) a theme still needs keyword
   evidence (E >= 0.34, e.g. a keyword in the heading), so the embeddings
   re-rank and confirm weak keyword evidence rather than invent themes:
   alone, they tell "none" from a theme too poorly (micro-F1 0.42 on the
   team corpus, against 0.71 for keywords); and
2. it is within :data:`MARGIN` of the best theme (score >= 0.8 x best):
   further themes must be comparable in prominence to the first (labels.md:
   tag what the passage is about, ordered by prominence, not every word it
   mentions);

at most ``max_themes``, best first; ``["none"]`` when no theme passes, with
``theme_scores["none"] = 1 - best``. The rules are fixed; the weights
(:data:`HEADING_WEIGHT`, :data:`DOC_PRIOR`, :data:`KEYWORD_SHARE`), the
temperature and the margin were set on the team corpus
``corpora/community-v1`` only, never on the held-out gold.
"""

from __future__ import annotations

import os
import re
from typing import Any, Sequence

import numpy as np

from ..document import Plan
from ..errors import InputError, PlanTextError, error
from ..labels.taxonomy import NONE_CODE, Taxonomy, Theme, as_taxonomy
from .units import Unit, apply_themes, plan_units

HEADING_WEIGHT = 0.5      # a hit in the nearest heading counts half a hit in the text
MAX_HITS = 3              # hits of one term counted at most this often per paragraph
DOC_PRIOR = 4.0           # weight of the plan's topic share added to a paragraph's evidence
THRESHOLD = 0.5
MARGIN = 0.8
KEYWORD_SHARE = 0.7       # weight of the keyword prior when embeddings are used
TEMPERATURE = 0.04        # softmax temperature over cosine similarities
MAX_CHARS = 200           # characters of a paragraph that are embedded (as in .trf)
NONE_PASSAGE = "没有具体工作任务：号召、程序性文字、组织领导、工作要求、时间安排、日期、署名。"
_NAME_SPLIT = re.compile(r"[与和及、/]")


class ZeroShotThemer:
    """Themes of paragraphs from a taxonomy's names, descriptions and keywords alone.

    ``use_embeddings``: ``"auto"`` uses the encoder when torch and
    transformers are importable and it loads, ``False`` never, ``True``
    requires it (:class:`~plantext.errors.DependencyError` otherwise).
    ``encoder`` defaults to :func:`plantext.learn.encoder.get_encoder`.
    """

    kind = "themes-zero-shot"

    def __init__(self, taxonomy: Taxonomy | str | os.PathLike, *, encoder=None, use_embeddings: bool | str = "auto",
                 max_themes: int = 3):
        if use_embeddings not in (True, False, "auto"):
            raise error(InputError, "E009", what="use_embeddings", value=use_embeddings,
                        choices="True, False, 'auto'")
        self.taxonomy = as_taxonomy(taxonomy)
        self.encoder = encoder
        self.use_embeddings = use_embeddings
        self.max_themes = max_themes
        self.classes_ = list(self.taxonomy.codes)
        self.terms_ = _terms(self.taxonomy, self.classes_)
        self._pattern = _alternation(self.terms_)
        self._theme_vectors: np.ndarray | None = None
        self._store = None
        self._default_encoder = False
        self.embeddings_ = self._init_embeddings() if use_embeddings else False

    @property
    def name(self) -> str:
        return f"zero-shot:{self.taxonomy.name}"

    # -- keyword prior -------------------------------------------------------
    def keyword_scores(self, units: Sequence[Unit]) -> np.ndarray:
        """Keyword evidence per unit and theme, in [0, 1)."""
        index = {c: j for j, c in enumerate(self.classes_)}
        out = np.zeros((len(units), len(self.classes_)), dtype=np.float64)
        for i, u in enumerate(units):
            head = _nearest_heading(u)
            for text, scale in ((u.text, 1.0), (head, HEADING_WEIGHT)):
                for term, count in self._hits(text).items():
                    weight, codes = self.terms_[term]
                    for code in codes:
                        out[i, index[code]] += scale * weight * min(count, MAX_HITS)
        if len(units) > 1:  # the plan's topic, for paragraphs that show some evidence
            has_any = out.sum(axis=1, keepdims=True) > 0
            topic = (1.0 - np.exp(-out)).mean(axis=0, keepdims=True)
            out = out + DOC_PRIOR * topic * has_any
        return 1.0 - np.exp(-out)

    def _hits(self, text: str) -> dict[str, int]:
        """Terms found in ``text``, longest match first, without overlaps."""
        found: dict[str, int] = {}
        if self._pattern is None:
            return found
        for m in self._pattern.finditer(text):
            found[m.group()] = found.get(m.group(), 0) + 1
        return found

    # -- embeddings ----------------------------------------------------------
    def _init_embeddings(self) -> bool:
        try:
            from .encoder import _require

            _require("zero-shot theme embeddings")
            if self.encoder is None:
                from .encoder import get_encoder

                self.encoder = get_encoder()
                self._default_encoder = True
        except PlanTextError:
            if self.use_embeddings is True:
                raise
            return False
        return True

    def theme_passages(self) -> list[str]:
        """The passage each theme is embedded as (themes in order, then ``none``)."""
        passages = [theme_passage(self.taxonomy[c]) for c in self.classes_]
        none = self.taxonomy.themes.get(NONE_CODE)
        passages.append(theme_passage(none) if none is not None and none.description else NONE_PASSAGE)
        return passages

    def embedding_scores(self, units: Sequence[Unit]) -> np.ndarray:
        """Per unit, theme similarity rescaled to (0, 1]: the best of themes and none gets 1."""
        if self._theme_vectors is None:
            self._theme_vectors = self.encoder.encode(self.theme_passages(), kind="passage")
        store = self._embedding_store()
        texts = store.embed([u.text[:MAX_CHARS] for u in units])
        heads = store.embed([_nearest_heading(u)[:60] for u in units])
        sims = texts @ self._theme_vectors.T
        has_head = np.abs(heads).sum(axis=1) > 0
        sims[has_head] = (sims[has_head] + HEADING_WEIGHT * (heads[has_head] @ self._theme_vectors.T)) \
            / (1 + HEADING_WEIGHT)
        rel = np.exp((sims - sims.max(axis=1, keepdims=True)) / TEMPERATURE)
        return rel[:, :-1]

    def _embedding_store(self):
        """The shared store when the default encoder is in use (vectors shared with trf)."""
        if self._store is None:
            from .trf import EmbeddingStore

            self._store = EmbeddingStore.shared(self.encoder.name) if self._default_encoder \
                else EmbeddingStore(self.encoder)   # the default encoder's form (float32), vectors shared
        return self._store

    # -- combination -----------------------------------------------------------
    def scores(self, units: Sequence[Unit]) -> np.ndarray:
        """Combined scores in [0, 1], one row per unit, columns in ``classes_`` order."""
        if not units:
            return np.zeros((0, len(self.classes_)))
        kw = self.keyword_scores(units)
        if not self.embeddings_:
            return kw
        return KEYWORD_SHARE * kw + (1 - KEYWORD_SHARE) * self.embedding_scores(units)

    def pick(self, s: np.ndarray) -> tuple[list[str], dict[str, float]]:
        """(themes, scores) of one unit by the fixed threshold-and-margin rule."""
        order = np.argsort(-s, kind="stable")
        best = float(s[order[0]]) if len(s) else 0.0
        chosen = [self.classes_[j] for j in order[:self.max_themes]
                  if s[j] >= THRESHOLD and s[j] >= MARGIN * best]
        scores = {c: float(v) for c, v in zip(self.classes_, s)}
        scores[NONE_CODE] = float(1.0 - best)
        return (chosen or [NONE_CODE]), scores

    def predict(self, units: Sequence[Unit]) -> list[list[str]]:
        return [self.pick(s)[0] for s in self.scores(units)]

    def label(self, plan: Plan, units: Sequence[Unit] | None = None) -> Plan:
        """Give every paragraph's segments its themes and a score for every code and ``none``."""
        units = plan_units(plan) if units is None else units
        apply_themes(plan, units, [self.pick(s) for s in self.scores(units)], self.classes_)
        return plan

    def get_params(self) -> dict[str, Any]:
        return {"taxonomy": self.taxonomy.name, "use_embeddings": self.use_embeddings,
                "max_themes": self.max_themes}


def theme_passage(theme: Theme) -> str:
    """Name, description and keywords of a theme as one passage to embed."""
    desc = theme.description.get("zh") or theme.description.get("en") or ""
    words = list(dict.fromkeys(list(theme.keywords) + [w for s in theme.subcodes for w in s.keywords]))
    parts = [theme.zh, desc, "、".join(words[:30])]
    return "：".join(p for p in parts if p)


def _terms(taxonomy: Taxonomy, codes: Sequence[str]) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Every term → (its weight, the themes it signals)."""
    by_term: dict[str, list[str]] = {}
    for code in codes:
        theme = taxonomy[code]
        words = list(theme.keywords) + [theme.zh] + _name_parts(theme.zh)
        for sub in theme.subcodes:
            words += list(sub.keywords) + [sub.zh]
        for w in dict.fromkeys(w.strip() for w in words):
            if w and code not in by_term.setdefault(w, []):
                by_term[w].append(code)
    return {t: (min(len(t), 4) / 2 / len(cs), tuple(cs)) for t, cs in by_term.items()}


def _name_parts(zh: str) -> list[str]:
    """Parts of a compound name (基层治理与自治 → 基层治理, 自治) of two or more characters."""
    parts = [p.strip() for p in _NAME_SPLIT.split(zh)]
    return [p for p in parts if len(p) >= 2 and p != zh] if len(parts) > 1 else []


def _alternation(terms) -> re.Pattern | None:
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t))))


def _nearest_heading(u: Unit) -> str:
    if not u.headings:
        return ""
    if u.kind == "heading":
        return u.headings[-2] if len(u.headings) > 1 else ""
    return u.headings[-1]
