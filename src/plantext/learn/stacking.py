"""A combiner fitted on held-out predictions: stacking the parts of a role model.

A model built from parts (the trf role model: BiGRU heads and an ``sm``
model, before and after its sequence smoothing) can combine them with one
fixed weight, or learn how far to trust each part for each role. The
:class:`Stacker` is a multinomial logistic regression over the parts'
log-probabilities. It must be fitted on predictions for documents the parts
did not train on, which cross-validation provides for free (see
:func:`plantext.learn.train.cross_validate`): rows of the held-out gold
documents, headings kept and stripped.

Roles the held-out documents never show (the dev gold has no ``schedule``)
keep the base probability the parts gave them; the stacker only
redistributes the mass of the roles it has seen.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

FLOOR = 1e-6


def log_features(parts: Sequence[np.ndarray | None]) -> np.ndarray:
    """The stacker's input: the log-probabilities of each part side by side (missing parts skipped)."""
    return np.hstack([np.log(np.clip(p, FLOOR, 1.0)) for p in parts if p is not None])


class Stacker:
    """Multinomial logistic regression over log-probabilities, L2-regularised (``C``)."""

    def __init__(self, C: float = 0.1, seed: int = 0):
        self.C = C
        self.seed = seed

    def fit(self, x: np.ndarray, y: Sequence[int], n_classes: int) -> "Stacker":
        """Fit on rows ``x`` with class indices ``y`` (out of ``n_classes``)."""
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, dtype=int)
        self.n_classes_ = n_classes
        self.seen_ = np.unique(y)
        if len(self.seen_) < 2:
            self.coef_ = np.zeros((len(self.seen_), x.shape[1]))
            self.intercept_ = np.zeros(len(self.seen_))
            return self
        clf = LogisticRegression(C=self.C, max_iter=5000, random_state=self.seed).fit(x, y)
        self.coef_, self.intercept_ = clf.coef_, clf.intercept_
        return self

    def predict_proba(self, x: np.ndarray, base: np.ndarray) -> np.ndarray:
        """Probabilities over all ``n_classes``: the seen roles share the mass ``base`` gives them,
        as the regression divides it; unseen roles keep ``base``."""
        if not len(x):
            return base
        z = x @ self.coef_.T + self.intercept_
        z = np.exp(z - z.max(axis=1, keepdims=True))
        z /= z.sum(axis=1, keepdims=True)
        out = base.copy()
        mass = base[:, self.seen_].sum(axis=1, keepdims=True)
        out[:, self.seen_] = z * mass
        return out / out.sum(axis=1, keepdims=True)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"coef": self.coef_, "intercept": self.intercept_, "seen": self.seen_,
                "n_classes": np.array([self.n_classes_])}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], C: float = 0.1) -> "Stacker":
        s = cls(C=C)
        s.coef_ = np.asarray(arrays["coef"], dtype=np.float64)
        s.intercept_ = np.asarray(arrays["intercept"], dtype=np.float64)
        s.seen_ = np.asarray(arrays["seen"], dtype=int)
        s.n_classes_ = int(np.asarray(arrays["n_classes"]).ravel()[0])
        return s
