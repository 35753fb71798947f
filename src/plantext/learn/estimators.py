"""scikit-learn estimators over the ``sm`` models, for users who train on their own labels.

>>> from plantext.learn.estimators import RoleClassifier, ThemeClassifier
>>> clf = RoleClassifier(C=10).fit(texts, roles)            # doctest: +SKIP
>>> clf.predict(["加强组织领导，明确责任分工。"])             # doctest: +SKIP
>>> from sklearn.model_selection import cross_val_score
>>> cross_val_score(RoleClassifier(), frame, frame["role"])  # doctest: +SKIP

``X`` is a list of paragraph texts (each its own document) or a DataFrame with
a ``text`` column and, optionally, ``doc_id`` (rows of one document, in
reading order: the role model smooths over a document), ``headings`` (the
headings a paragraph stands under, outermost first: a list, or one string
joined by `` / ``) and ``doc_type``. ``fit`` trains the same models that
``plantext train`` writes (:class:`~plantext.learn.sm.RoleModelSM`,
:class:`~plantext.learn.sm.ThemeModelSM`, kept in ``model_``);
:meth:`RoleClassifier.from_model` wraps a trained one, e.g. the shipped
``models/roles-sm``, and :meth:`save` writes a folder that ``pt.load`` reads.
"""

from __future__ import annotations

import pathlib
from typing import Any, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from ..errors import InputError
from .units import Unit, UnitList


def as_documents(X: Any) -> tuple[list[UnitList], list[int]]:
    """The units of ``X`` grouped into documents, and each row's document (in row order)."""
    rows = _rows(X)
    docs: dict[Any, list[int]] = {}
    for i, row in enumerate(rows):
        docs.setdefault(row.get("doc_id", ("row", i)), []).append(i)
    out, order = [], []
    for members in docs.values():
        n = len(members)
        out.append(UnitList(_unit(rows[i], k, n) for k, i in enumerate(members)))
        order.extend(members)
    return out, order


def _rows(X: Any) -> list[dict[str, Any]]:
    if hasattr(X, "columns"):
        if "text" not in X.columns:
            raise InputError(f"X needs a 'text' column (columns: {list(X.columns)}).")
        cols = [c for c in ("text", "doc_id", "headings", "doc_type") if c in X.columns]
        return [dict(zip(cols, vals)) for vals in zip(*(X[c].tolist() for c in cols))]
    if isinstance(X, str):
        raise InputError("X is a list of paragraph texts (or a DataFrame), not one str.")
    rows = [{"text": t} for t in X]
    if any(not isinstance(r["text"], str) for r in rows):
        raise InputError("X holds paragraph texts (str); use a DataFrame for more columns.")
    return rows


def _unit(row: dict[str, Any], k: int, n: int) -> Unit:
    text = str(row["text"])
    heads = row.get("headings") or []
    if isinstance(heads, str):
        heads = [h.strip() for h in heads.split(" / ") if h.strip()]
    return Unit(para=k, start=0, end=len(text), text=text, kind="body", headings=list(heads),
                position=k / max(n - 1, 1), doc_type=str(row.get("doc_type") or "other"))


def _per_row(docs: list[UnitList], order: list[int], per_doc: list) -> list:
    out: list = [None] * len(order)
    flat = [x for values in per_doc for x in values]
    for i, value in zip(order, flat):
        out[i] = value
    return out


def _by_doc(y: Sequence, docs: list[UnitList], order: list[int]) -> list[list]:
    y = list(y.tolist() if hasattr(y, "tolist") else y)
    if len(y) != len(order):
        raise InputError(f"{len(order)} texts but {len(y)} labels: give one label per text.")
    out, at = [], 0
    for units in docs:
        out.append([y[i] for i in order[at:at + len(units)]])
        at += len(units)
    return out


class RoleClassifier(ClassifierMixin, BaseEstimator):
    """The paragraph role of each text (``sm``: tf-idf n-grams, logistic regression, HMM smoothing)."""

    def __init__(self, C: float = 20.0, transition_weight: float = 0.7, prior_power: float = 0.5,
                 balance: float = 1.0, seed: int = 0):
        self.C = C
        self.transition_weight = transition_weight
        self.prior_power = prior_power
        self.balance = balance
        self.seed = seed

    def _model(self):
        from .sm import RoleModelSM

        return RoleModelSM(C=self.C, transition_weight=self.transition_weight,
                           prior_power=self.prior_power, balance=self.balance, seed=self.seed)

    def fit(self, X, y) -> "RoleClassifier":
        """Train on texts ``X`` and their role codes ``y`` (None: unlabelled, skipped)."""
        docs, order = as_documents(X)
        self.model_ = self._model().fit(docs, _by_doc(y, docs, order))
        self.classes_ = np.array(self.model_.classes_)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """P(role) per text, columns in ``classes_`` order (smoothed within each document)."""
        docs, order = as_documents(X)
        rows = _per_row(docs, order, [list(self.model_.predict_proba(units)) for units in docs])
        return np.array(rows, dtype=float).reshape(len(order), len(self.classes_))

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    @classmethod
    def from_model(cls, model) -> "RoleClassifier":
        """Wrap a trained :class:`~plantext.learn.sm.RoleModelSM` (or a folder holding one)."""
        return _wrap(cls, model)

    def save(self, folder) -> None:
        """Write the model folder (``weights.npz``, ``labels.json``, ``meta.json``)."""
        _save(self.model_, folder)


class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """The themes of each text, most prominent first (``sm``: one calibrated classifier per theme).

    ``y`` is one list of theme codes per text; :meth:`predict` gives lists the
    same way, :meth:`predict_proba` a score per theme (columns ``classes_``),
    :meth:`score` the micro-averaged F1 over theme codes.
    """

    def __init__(self, C: float = 8.0, seed: int = 0, folds: int = 3, max_themes: int = 3,
                 context: bool = True):
        self.C = C
        self.seed = seed
        self.folds = folds
        self.max_themes = max_themes
        self.context = context

    def fit(self, X, y) -> "ThemeClassifier":
        from .sm import ThemeModelSM

        docs, order = as_documents(X)
        labels = [[None if t is None else [str(c) for c in t] for t in seq]
                  for seq in _by_doc(y, docs, order)]
        self.model_ = ThemeModelSM(C=self.C, seed=self.seed, folds=self.folds,
                                   max_themes=self.max_themes, context=self.context).fit(docs, labels)
        self.classes_ = np.array(self.model_.classes_)
        return self

    def predict_proba(self, X) -> np.ndarray:
        docs, order = as_documents(X)
        rows = _per_row(docs, order, [list(self.model_.scores(units)) for units in docs])
        return np.array(rows, dtype=float).reshape(len(order), len(self.classes_))

    def predict(self, X) -> list[list[str]]:
        docs, order = as_documents(X)
        return _per_row(docs, order, [self.model_.predict(units) for units in docs])

    def score(self, X, y, sample_weight=None) -> float:
        """Micro-averaged F1 of the predicted theme codes against ``y`` (``none`` ignored)."""
        tp = fp = fn = 0
        for got, want in zip(self.predict(X), y):
            got, want = set(got) - {"none"}, set(want or []) - {"none"}
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @classmethod
    def from_model(cls, model) -> "ThemeClassifier":
        """Wrap a trained :class:`~plantext.learn.sm.ThemeModelSM` (or a folder holding one)."""
        return _wrap(cls, model)

    def save(self, folder) -> None:
        _save(self.model_, folder)


def _wrap(cls, model):
    if isinstance(model, (str, pathlib.Path)):
        from .artifacts import load_model

        model = load_model(pathlib.Path(model))
    names = cls._get_param_names()
    est = cls(**{k: v for k, v in model.get_params().items() if k in names})
    est.model_ = model
    est.classes_ = np.array(model.classes_)
    return est


def _save(model, folder) -> None:
    """The model's files and a meta.json that says it was trained on the user's own labels."""
    from .artifacts import write_meta

    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model.save(folder)
    task = model.kind.split("-")[0]
    meta = {"name": model.kind, "kind": model.kind, "version": getattr(model, "version", "1.0.0"),
            "task": task, "variant": "sm", "params": model.get_params(),
            "description": " ".join((type(model).__doc__ or "").split("\n\n")[0].split()),
            "training_data": {"user_labels": {"note": "fitted with plantext.learn.estimators"}},
            "labels": list(model.classes_), "metrics": {}}
    write_meta(folder, meta, f"# {model.kind}\n\nA {task} model fitted on the user's own labels "
                             "with plantext.learn.estimators.\n")
