"""The ``sm`` models: hashed n-gram/word/context features with linear classifiers.

Both follow the scikit-learn estimator contract: ``__init__`` only stores
parameters, ``fit`` returns ``self``, learned state ends in ``_``. Weights
are saved as ``weights.npz`` (float16) plus ``labels.json``; no pickle.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any, Sequence

import numpy as np

from ..document import ROLES, Plan
from .doc_context import DocContext, fit_context
from .features import (FEATURES_VERSION, N_FEATURES, SUPPORTED_VERSIONS, fit_idf, hash_tokens, linear_scores,
                       theme_tokens, tfidf, unit_tokens, version)
from .params import ParamsMixin
from .smoothing import fit_transitions, posteriors
from .units import Unit, apply_roles, apply_themes, merge_docs, merge_wrapped, plan_units

MAX_THEMES = 3


def _linear_fit(x, y, c: float, seed: int, class_weight=None):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight, random_state=seed)
    clf.fit(x, y)
    return clf


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class RoleModelSM(ParamsMixin):
    """Paragraph roles from a logistic regression, smoothed over the document by an HMM.

    Classes are weighted inversely to their frequency (``balance=1``): rare
    roles (a background section, a safeguard section written like actions)
    are otherwise swamped by the many measure paragraphs.
    """

    kind = "roles-sm"

    def __init__(self, C: float = 20.0, transition_weight: float = 0.7, prior_power: float = 0.5,
                 balance: float = 1.0, seed: int = 0):
        self.C = C
        self.balance = balance
        self.transition_weight = transition_weight
        self.prior_power = prior_power
        self.seed = seed

    # -- training ----------------------------------------------------------
    def fit(self, docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence[str | None]]) -> "RoleModelSM":
        """Fit on documents (unit sequences) and their roles; ``None`` labels are skipped."""
        docs, labels = merge_docs(docs, labels)
        toks, y = _labelled_rows(docs, labels)
        labels = [[r for r in seq if r is not None] for seq in labels]
        counts = hash_tokens(toks)
        self.idf_ = fit_idf(counts)
        classes, n_c = np.unique(y, return_counts=True)
        weights = {c: (len(y) / (len(classes) * n)) ** self.balance for c, n in zip(classes, n_c)}
        clf = _linear_fit(tfidf(counts, self.idf_), y, self.C, self.seed, class_weight=weights)
        self.classes_ = [str(c) for c in clf.classes_]
        self.coef_ = clf.coef_.astype(np.float32)
        self.intercept_ = clf.intercept_.astype(np.float32)
        index = {c: i for i, c in enumerate(self.classes_)}
        seqs = [[index[r] for r in seq] for seq in labels]
        self.log_start_, self.log_trans_ = fit_transitions(seqs, len(self.classes_))
        counts_y = np.bincount([index[r] for r in y], minlength=len(self.classes_)) + 1.0
        self.prior_ = counts_y / counts_y.sum()
        return self

    # -- prediction --------------------------------------------------------
    def unit_proba(self, units: Sequence[Unit], *, use_headings: bool = True) -> np.ndarray:
        """P(role | paragraph) before smoothing, columns in ``classes_`` order."""
        with version(getattr(self, "features_version_", FEATURES_VERSION)):
            return self._unit_proba(units, use_headings=use_headings)

    def _unit_proba(self, units: Sequence[Unit], *, use_headings: bool) -> np.ndarray:
        if not units:
            return np.zeros((0, len(self.classes_)))
        if use_headings and hasattr(units, "counts"):
            x = tfidf(units.counts("roles"), self.idf_)
        else:
            x = tfidf(hash_tokens(_tokens(units, use_headings)), self.idf_)
        z = linear_scores(x, self.coef_, self) + self.intercept_
        if self.coef_.ndim == 2 and self.coef_.shape[0] == 1:  # binary edge case
            p1 = 1.0 / (1.0 + np.exp(-z.ravel()))
            return np.column_stack([1 - p1, p1])
        return _softmax(z)

    def predict_proba(self, units: Sequence[Unit], *, smooth: bool = True,
                      use_headings: bool = True) -> np.ndarray:
        """Posterior role probabilities of one document's paragraphs.

        The lines of a hard-wrapped paragraph are judged together, as one
        paragraph, and share its probabilities.
        """
        merged, where = merge_wrapped(units)
        probs = self._merged_proba(merged, smooth=smooth, use_headings=use_headings)
        return probs[where] if merged is not units else probs

    def proba_before_and_after_smoothing(self, units: Sequence[Unit]) -> tuple[np.ndarray, np.ndarray]:
        """``predict_proba(units, smooth=False)`` and ``predict_proba(units)``, the features read once."""
        merged, where = merge_wrapped(units)
        raw = self.unit_proba(merged)
        smooth = self._smooth(merged, raw)
        return (raw[where], smooth[where]) if merged is not units else (raw, smooth)

    def _merged_proba(self, units: Sequence[Unit], *, smooth: bool, use_headings: bool) -> np.ndarray:
        probs = self.unit_proba(units, use_headings=use_headings)
        return self._smooth(units, probs) if smooth else probs

    def _smooth(self, units: Sequence[Unit], probs: np.ndarray) -> np.ndarray:
        if len(units) == 0:
            return probs
        index = {c: i for i, c in enumerate(self.classes_)}
        fixed = [index.get(u.fixed_role) if u.fixed_role else None for u in units]
        prior = self.prior_ ** self.prior_power if self.prior_power else None
        return posteriors(probs, self.log_start_, self.log_trans_, prior, fixed, self.transition_weight)

    def predict(self, units: Sequence[Unit], **kw) -> list[str]:
        probs = self.predict_proba(units, **kw)
        return [self.classes_[i] for i in probs.argmax(axis=1)] if len(units) else []

    def label(self, plan: Plan, units: Sequence[Unit] | None = None) -> Plan:
        """Give every segment that no heading decided the model's role and score."""
        units = plan_units(plan) if units is None else units
        if units:
            apply_roles(units, self.predict_proba(units), self.classes_)
        return plan

    # -- persistence -------------------------------------------------------
    def save(self, folder: pathlib.Path, prefix: str = "") -> None:
        _save_linear(self, folder, prefix, log_start=self.log_start_, log_trans=self.log_trans_, prior=self.prior_)

    @classmethod
    def load(cls, folder: pathlib.Path, meta: dict[str, Any] | None = None,
             prefix: str = "") -> "RoleModelSM":
        model, w = _load_linear(cls, folder, prefix)
        model.log_start_, model.log_trans_, model.prior_ = w["log_start"], w["log_trans"], w["prior"]
        return model

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"C": self.C, "transition_weight": self.transition_weight,
                "prior_power": self.prior_power, "balance": self.balance, "seed": self.seed}


class ThemeModelSM(ParamsMixin):
    """Multi-label themes: one logistic regression per theme, thresholds calibrated by CV."""

    kind = "themes-sm"

    def __init__(self, C: float = 8.0, seed: int = 0, folds: int = 3, max_themes: int = MAX_THEMES,
                 context: bool = True):
        self.C = C
        self.seed = seed
        self.folds = folds
        self.max_themes = max_themes
        self.context = context

    def fit(self, docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence[list[str] | None]]) -> "ThemeModelSM":
        """Fit on documents and each unit's theme list; ``None`` labels are skipped."""
        docs, labels = merge_docs(docs, labels)
        toks, ys = _labelled_rows(docs, labels)
        toks = [theme_tokens(t) for t in toks]
        ys = [[c for c in s if c != "none"] for s in ys]
        self.classes_ = sorted({c for s in ys for c in s})
        counts = hash_tokens(toks)
        self.idf_ = fit_idf(counts)
        x = tfidf(counts, self.idf_)
        dense = [self._dense(units) for units in docs]
        if dense and dense[0] is not None:
            import scipy.sparse as sp

            rows = np.vstack([d[[j for j, s in enumerate(seq) if s is not None]] for d, seq in zip(dense, labels)])
            x = sp.hstack([x, sp.csr_matrix(rows)]).tocsr()
        y = np.array([[c in s for c in self.classes_] for s in ys], dtype=np.int8)
        doc_of = np.array([i for i, seq in enumerate(labels) for s in seq if s is not None])
        self.thresholds_, oof = self._calibrate(x, y, doc_of)
        self.coef_, self.intercept_ = self._fit_all(x, y)
        self.context_ = (fit_context(oof / self.thresholds_, y, doc_of, docs, labels, self.classes_,
                                     self.max_themes, self.folds) if self.context else None)
        return self

    def _fit_all(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        coefs, inters = [], []
        for j in range(y.shape[1]):
            if y[:, j].min() == y[:, j].max():
                coefs.append(np.zeros(x.shape[1], np.float32))
                inters.append(-10.0 if y[0, j] == 0 else 10.0)
                continue
            clf = _linear_fit(x, y[:, j], self.C, self.seed)
            coefs.append(clf.coef_[0].astype(np.float32))
            inters.append(float(clf.intercept_[0]))
        return np.vstack(coefs), np.array(inters, dtype=np.float32)

    def _calibrate(self, x, y, doc_of) -> tuple[np.ndarray, np.ndarray]:
        """Per-theme thresholds maximising F1 on out-of-fold (document-grouped) scores, and those scores."""
        n_docs = int(doc_of.max()) + 1 if len(doc_of) else 0
        if n_docs < self.folds:
            return np.full(y.shape[1], 0.4, dtype=np.float32), np.zeros(y.shape, dtype=np.float32)
        rng = np.random.default_rng(self.seed)
        fold_of_doc = rng.permutation(n_docs) % self.folds
        fold = fold_of_doc[doc_of.astype(int)]
        oof = np.zeros(y.shape, dtype=np.float32)
        for f in range(self.folds):
            tr, te = fold != f, fold == f
            coef, inter = self._fit_all(x[tr], y[tr])
            oof[te] = _sigmoid(np.asarray(x[te] @ coef.T) + inter)
        grid = np.arange(0.15, 0.8, 0.025)
        th = []
        for j in range(y.shape[1]):
            f1s = [_f1(y[:, j], oof[:, j] >= g) for g in grid]
            th.append(grid[int(np.argmax(f1s))])
        return np.array(th, dtype=np.float32), oof

    def scores(self, units: Sequence[Unit]) -> np.ndarray:
        """Per-theme probabilities; the lines of a wrapped paragraph share the paragraph's.

        With the document-context stage these are its probabilities, which read
        each paragraph's first-stage scores beside the whole document's.
        """
        s = self.first_stage(units)
        if getattr(self, "context_", None) is not None and len(s):
            with version(getattr(self, "features_version_", FEATURES_VERSION)):   # its keyword hits
                return self.context_.proba_units(s / self.thresholds_, units)
        return s

    def first_stage(self, units: Sequence[Unit]) -> np.ndarray:
        """Per-theme probabilities of the paragraph model alone, before the document-context stage."""
        merged, where = merge_wrapped(units)
        s = self._scores(merged)
        return s[where] if merged is not units else s

    def ratios(self, s: np.ndarray) -> np.ndarray:
        """``scores`` over the threshold each must reach (1 = just chosen)."""
        if getattr(self, "context_", None) is not None:
            return s / self.context_.threshold_
        return s / self.thresholds_

    def _scores(self, units: Sequence[Unit]) -> np.ndarray:
        if not units:
            return np.zeros((0, len(self.classes_)))
        with version(getattr(self, "features_version_", FEATURES_VERSION)):
            return self._scores_of(units)

    def _scores_of(self, units: Sequence[Unit]) -> np.ndarray:
        counts = units.counts("themes") if hasattr(units, "counts") else \
            hash_tokens([theme_tokens(t) for t in _tokens(units, True)])
        x = tfidf(counts, self.idf_)
        z = linear_scores(x, self.coef_, self) + self.intercept_
        dense = self._dense(units)
        if dense is not None:
            z += dense @ self.coef_[:, x.shape[1]:].T
        return _sigmoid(z)

    def _dense(self, units: Sequence[Unit]) -> np.ndarray | None:
        """Dense columns read beside the n-gram features, one row per unit (none here;
        the ``trf`` model adds paragraph embeddings)."""
        return None

    def predict(self, units: Sequence[Unit]) -> list[list[str]]:
        return [self._pick(s)[0] for s in self.scores(units)]

    def _pick(self, s: np.ndarray) -> tuple[list[str], dict[str, float]]:
        return pick_themes(self.classes_, s, self.ratios(s), self.max_themes)

    def label(self, plan: Plan, units: Sequence[Unit] | None = None) -> Plan:
        units = plan_units(plan) if units is None else units
        apply_themes(plan, units, [self._pick(s) for s in self.scores(units)], self.classes_)
        return plan

    def save(self, folder: pathlib.Path, prefix: str = "") -> None:
        ctx = self.context_.to_arrays() if getattr(self, "context_", None) is not None else {}
        _save_linear(self, folder, prefix, thresholds=self.thresholds_, **ctx)

    @classmethod
    def load(cls, folder: pathlib.Path, meta: dict[str, Any] | None = None,
             prefix: str = "") -> "ThemeModelSM":
        model, w = _load_linear(cls, folder, prefix)
        model.thresholds_ = w["thresholds"]
        model.context_ = (DocContext.from_arrays(w, model.max_themes, model.classes_)
                          if model.context and "ctx_coef" in w else None)
        return model

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"C": self.C, "seed": self.seed, "folds": self.folds, "max_themes": self.max_themes,
                "context": self.context}


def pick_themes(classes: Sequence[str], scores: np.ndarray, ratio: np.ndarray,
                max_themes: int = MAX_THEMES) -> tuple[list[str], dict[str, float]]:
    """Themes whose ``ratio`` (score over threshold) reaches 1, best first, at most ``max_themes``.

    Returns the themes (``["none"]`` when none passes) and every code's score,
    with ``none`` scored 1 - the best ratio (capped at 1).
    """
    order = np.argsort(-ratio)
    chosen = [classes[j] for j in order[:max_themes] if ratio[j] >= 1.0]
    out = {c: float(v) for c, v in zip(classes, scores)}
    out["none"] = float(1.0 - min(1.0, ratio.max() if len(ratio) else 0.0) * (1 - 1e-6))
    return (chosen or ["none"]), out


def _tokens(units: Sequence[Unit], use_headings: bool) -> list[list[str]]:
    cached = getattr(units, "tokens", None)
    return cached(use_headings) if callable(cached) else unit_tokens(units, use_headings=use_headings)


def _labelled_rows(docs, labels) -> tuple[list[list[str]], list]:
    """Token lists and labels of every labelled unit; tokens see all neighbours."""
    toks, ys = [], []
    for units, seq in zip(docs, labels):
        for t, y in zip(_tokens(units, True), seq):
            if y is not None:
                toks.append(t)
                ys.append(y)
    return toks, ys


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum((y == 1) & pred))
    fp = float(np.sum((y == 0) & pred))
    fn = float(np.sum((y == 1) & ~pred))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _save_linear(model, folder: pathlib.Path, prefix: str, info: dict[str, Any] | None = None,
                 **arrays: np.ndarray) -> None:
    """``weights.npz`` (idf and coefficients as float16, intercepts, the model's own ``arrays``)
    and ``labels.json`` (codes, parameters, features version, the model's own ``info``) of a linear model."""
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / f"{prefix}weights.npz", idf=model.idf_.astype(np.float16),
                        coef=model.coef_.astype(np.float16), intercept=model.intercept_, **arrays)
    (folder / f"{prefix}labels.json").write_text(json.dumps(
        {"classes": model.classes_, "params": model.get_params(), "features_version": FEATURES_VERSION,
         **(info or {})}, ensure_ascii=False, indent=1), encoding="utf-8")


def _load_linear(cls, folder: pathlib.Path, prefix: str) -> tuple[Any, dict[str, np.ndarray]]:
    """A linear model with its parameters, codes and weights set, and the rest of ``weights.npz``."""
    from ..errors import ModelError, error

    info = json.loads((folder / f"{prefix}labels.json").read_text(encoding="utf-8"))
    try:
        model = cls(**info["params"])
    except TypeError:
        raise error(ModelError, "E011", path=folder,
                    reason=f"its settings {sorted(info['params'])} are not those of this {cls.kind} model") from None
    with np.load(folder / f"{prefix}weights.npz", allow_pickle=False) as w:
        arrays = {k: w[k] for k in w.files}
    model.idf_ = arrays.pop("idf").astype(np.float32)
    model.coef_ = arrays.pop("coef").astype(np.float32)
    model.intercept_ = arrays.pop("intercept")
    model.classes_ = info["classes"]
    _check_width(model.idf_, folder, info.get("features_version"))
    model.features_version_ = info.get("features_version")
    return model, arrays


def _check_width(idf: np.ndarray, folder: pathlib.Path, version: int | None) -> None:
    from ..errors import ModelError, error

    if idf.shape[0] != N_FEATURES:
        raise error(ModelError, "E011", path=folder,
                    reason=f"it hashes {idf.shape[0]} features, this plantext {N_FEATURES}")
    if version not in SUPPORTED_VERSIONS:
        raise error(ModelError, "E011", path=folder,
                    reason=f"it was trained on features version {version}, this plantext reads versions "
                           f"{', '.join(map(str, SUPPORTED_VERSIONS))}")


ROLE_CODES = ROLES
