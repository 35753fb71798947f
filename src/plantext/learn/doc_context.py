"""Second-stage themes: a paragraph's theme scores read together with its document's.

A plan on one subject (an elderly-care technology plan, a courts plan) carries its
subject on paragraphs that do not name it, and the team corpus and the gold tag it
there. A paragraph model cannot see that. ``DocContext`` re-scores every
(paragraph, theme) pair from a handful of numbers: the paragraph's own score for
the theme, the theme's mean score and share over the rest of the document, whether
it is the document's first or second theme, whether the paragraph and how many
of the others name one of the theme's taxonomy keywords (a direct path for the
keyword prior, which the paragraph model reads as one feature among thousands),
and whether the document is a government work report (which covers every area
and has no single subject).

It is fitted on out-of-fold first-stage scores of the training documents, so it
learns how far to trust the document over the paragraph without seeing the
paragraph model's in-sample confidence. Eleven weights and a threshold: saved as
plain arrays next to the model that uses it.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

N_FEATURES = 11
N_FEATURES_V1 = 9   # a stage saved before the keyword features reads them with weight 0
_CAP = 3.0


def is_report(units: Sequence) -> bool:
    """A government work report covers every area: no single subject runs through it."""
    return bool(len(units)) and units[0].doc_type == "gov_work_report"


def keyword_hits(units: Sequence, classes: Sequence[str]) -> np.ndarray:
    """(units × themes) 1 where a unit's text names one of the theme's taxonomy keywords."""
    from .features import unit_keywords

    col = {"kw:" + c: j for j, c in enumerate(classes)}
    out = np.zeros((len(units), len(classes)))
    for i, toks in enumerate(unit_keywords(units)):
        for tok in toks:
            j = col.get(tok)
            if j is not None:
                out[i, j] = 1.0
    return out


def context_features(ratio: np.ndarray, report: bool, kw: np.ndarray | None = None) -> np.ndarray:
    """Features of every (unit, theme) pair of one document, row-major (unit, theme).

    ``ratio`` is (units × themes): first-stage score over its calibrated threshold;
    ``kw`` (same shape) the units' taxonomy keyword hits.
    """
    n, k = ratio.shape
    if n == 0:
        return np.zeros((0, N_FEATURES), dtype=np.float32)
    r = np.minimum(ratio, _CAP)
    hit = (ratio >= 1.0).astype(np.float64)
    others = max(n - 1, 1)
    mean_rest = (r.sum(0)[None, :] - r) / others
    share_rest = (hit.sum(0)[None, :] - hit) / others
    rank = (-r.sum(0)).argsort().argsort()
    log_r = np.log(np.clip(ratio, 1e-3, None))
    rep = float(report)
    kw = np.zeros((n, k)) if kw is None else np.asarray(kw, dtype=np.float64)
    cols = [
        log_r,
        mean_rest,
        share_rest,
        np.broadcast_to((rank == 0).astype(np.float64), (n, k)),
        np.broadcast_to((rank == 1).astype(np.float64), (n, k)),
        np.broadcast_to((ratio.max(1) >= 1.0).astype(np.float64)[:, None], (n, k)),
        np.full((n, k), rep),
        rep * mean_rest,
        log_r - log_r.max(1, keepdims=True),
        kw,
        (kw.sum(0)[None, :] - kw) / others,
    ]
    return np.stack(cols, axis=-1).reshape(n * k, N_FEATURES).astype(np.float32)


class DocContext:
    """Logistic re-scoring of first-stage theme ratios with document-level features.

    ``classes`` are the theme codes of the ratios' columns: the stage reads
    their taxonomy keywords in the units' text (none without them).
    """

    def __init__(self, C: float = 1.0, max_themes: int = 3, classes: Sequence[str] = ()):
        self.C = C
        self.max_themes = max_themes
        self.classes = list(classes)

    def keywords(self, units: Sequence) -> np.ndarray | None:
        """The units' keyword hits for this stage's themes (``None`` without theme codes)."""
        return keyword_hits(units, self.classes) if self.classes else None

    def fit(self, ratios: Sequence[np.ndarray], ys: Sequence[np.ndarray], reports: Sequence[bool],
            kws: Sequence[np.ndarray | None] | None = None) -> "DocContext":
        """``ratios[d]``, ``ys[d]`` (units × themes, 0/1) and keyword hits ``kws[d]`` of each training document."""
        from sklearn.linear_model import LogisticRegression

        kws = [None] * len(ratios) if kws is None else kws
        x = np.vstack([context_features(r, rep, kw) for r, rep, kw in zip(ratios, reports, kws)])
        y = np.concatenate([np.asarray(t).ravel() for t in ys])
        clf = LogisticRegression(C=self.C, max_iter=3000).fit(x, y)
        self.coef_ = clf.coef_[0].astype(np.float32)
        self.intercept_ = float(clf.intercept_[0])
        k = ratios[0].shape[1]
        p = self._proba(x).reshape(-1, k)
        self.threshold_ = _best_threshold(p, y.reshape(-1, k), self.max_themes)
        return self

    def _proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ self.coef_ + self.intercept_)))

    def proba(self, ratio: np.ndarray, report: bool, kw: np.ndarray | None = None) -> np.ndarray:
        """Second-stage probabilities (units × themes) of one document."""
        if not len(ratio):
            return np.zeros_like(ratio)
        return self._proba(context_features(ratio, report, kw)).reshape(ratio.shape)

    def proba_units(self, ratio: np.ndarray, units: Sequence) -> np.ndarray:
        """Second-stage probabilities of one document's units, from each unit's first-stage ratios.

        The lines of a hard-wrapped paragraph share their paragraph's ratios; the
        stage reads each paragraph once (not once per line, which would weigh long
        wrapped paragraphs more in the document's means) and its lines share the result.
        """
        from .units import merge_wrapped

        merged, where = merge_wrapped(units)
        if merged is units:
            return self.proba(ratio, is_report(units), self.keywords(units))
        first = np.unique(np.asarray(where), return_index=True)[1]
        return self.proba(ratio[first], is_report(merged), self.keywords(merged))[where]

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {"ctx_coef": self.coef_, "ctx_intercept": np.float32(self.intercept_),
                "ctx_threshold": np.float32(self.threshold_)}

    @classmethod
    def from_arrays(cls, arrays, max_themes: int = 3, classes: Sequence[str] = ()) -> "DocContext":
        ctx = cls(max_themes=max_themes, classes=classes)
        coef = np.asarray(arrays["ctx_coef"], dtype=np.float32)
        if len(coef) not in (N_FEATURES, N_FEATURES_V1):
            from ..errors import ModelError, error

            raise error(ModelError, "E011", path="weights.npz",
                        reason=f"its document-context stage has {len(coef)} weights, this plantext reads {N_FEATURES}")
        ctx.coef_ = np.pad(coef, (0, N_FEATURES - len(coef)))
        ctx.intercept_ = float(arrays["ctx_intercept"])
        ctx.threshold_ = float(arrays["ctx_threshold"])
        return ctx


def fit_context(ratio: np.ndarray, y: np.ndarray, doc_of: np.ndarray, docs: Sequence[Sequence],
                labels: Sequence[Sequence], classes: Sequence[str], max_themes: int,
                min_docs: int) -> DocContext | None:
    """The stage fitted on out-of-fold ratios of the training rows (``doc_of``: each row's document).

    Rows are the labelled units of ``docs`` in order (``labels`` ``None`` where a
    unit has none). ``None`` when fewer than ``min_docs`` documents or one class.
    """
    if not len(doc_of) or len(np.unique(doc_of)) < min_docs or y.min() == y.max():
        return None
    which = np.unique(doc_of)
    idx = [np.flatnonzero(doc_of == d) for d in which]
    ctx = DocContext(max_themes=max_themes, classes=classes)
    labelled = [[u for u, s in zip(docs[d], labels[d]) if s is not None] for d in which]
    return ctx.fit([ratio[i] for i in idx], [y[i] for i in idx], [is_report(u) for u in labelled],
                   [ctx.keywords(u) for u in labelled])


def _best_threshold(p: np.ndarray, y: np.ndarray, max_themes: int) -> float:
    """The cut on second-stage probabilities with the best micro-F1 (at most ``max_themes`` per unit)."""
    top = np.argsort(-p, axis=1)[:, :max_themes]
    in_top = np.zeros(p.shape, dtype=bool)
    np.put_along_axis(in_top, top, True, axis=1)
    best, best_th = -1.0, 0.5
    for th in np.arange(0.2, 0.71, 0.05):
        pred = in_top & (p >= th)
        tp = float(np.sum(pred & (y == 1)))
        fp = float(np.sum(pred & (y == 0)))
        fn = float(np.sum(~pred & (y == 1)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best:
            best, best_th = f1, float(round(th, 2))
    return best_th
