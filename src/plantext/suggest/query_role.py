"""The role of the passage a drafter is writing, so that suggestions match its section.

A passage's role follows its section (labels.md rule 1): text written under
二、保障措施 is ``safeguard`` even when it reads like an action. So the
section headings the text sits under (``context``, outermost first) decide
first; an inline heading in the text itself (（一）加强组织领导。…) next;
otherwise the role model reads the text alone and says how sure it is.
:func:`~plantext.suggest.rank.search` then keeps to that role when the
guess is sure enough (:data:`FILTER_AT`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FILTER_AT = 0.5   # a guess at least this sure restricts the suggestions to its role


@dataclass(frozen=True)
class RoleGuess:
    """A guessed role: ``source`` is ``"heading"`` (the context or an inline heading) or ``"model"``."""

    role: str
    score: float
    source: str

    @property
    def filters(self) -> bool:
        """Whether the guess is sure enough to restrict the suggestions to its role."""
        return self.score >= FILTER_AT and self.role != "other"


def guess_role(text: str | None, context: str | Sequence[str] | None = None, *,
               labeller: Any = None, doc_type: str | None = None) -> RoleGuess | None:
    """The role of ``text`` written under the headings ``context`` (outermost first).

    ``labeller`` labels a parsed plan's roles (default: the installed ``sm``
    models); None comes back when neither a heading nor a model can tell.
    """
    from ..errors import InputError
    from ..labels.heading_roles import match_heading_role

    titles = [context] if isinstance(context, str) else \
        list(context or []) if isinstance(context, (list, tuple)) or context is None else [context]
    if not all(isinstance(t, str) for t in titles):
        raise InputError("context takes the headings the text is written under: a string or a "
                         f"list of strings, not {context!r}.")
    for title in reversed([t for t in titles if t and t.strip()]):
        hit = match_heading_role(title.strip(), doc_type=doc_type)
        if hit is not None:
            return RoleGuess(hit[0], float(hit[1]), "heading")
    text = (text or "").strip()
    if not text:
        return None
    return _from_text(text, labeller, doc_type)


def _from_text(text: str, labeller: Any, doc_type: str | None) -> RoleGuess | None:
    from ..defaults import pipeline_for
    from ..errors import PlanTextError

    try:
        plan = pipeline_for("none").parse(text, doc_type=doc_type, warn=False)
    except PlanTextError:
        return None
    decided = [s for s in plan.segments if s.role_from == "heading" and s.kind != "heading"]
    if decided:
        return _vote([(s.role, s.role_score, len(s.text)) for s in decided], "heading")
    model = _role_model(labeller)
    if model is None:
        return None
    return _model_guess(plan, model)


def _role_model(labeller: Any):
    from ..learn.registry import classifier_for

    labeller = labeller if labeller is not None else classifier_for(None)
    model = getattr(labeller, "roles", None)
    return model if hasattr(model, "unit_proba") else None


def _model_guess(plan, model) -> RoleGuess | None:
    """The role model on the text alone: no headings, and no hint from its place in a plan.

    The text is read as if it stood mid-document (two empty neighbours, middle
    position), so a one-line query does not look like a plan's opening.
    """
    from dataclasses import replace

    import numpy as np

    from ..learn.units import UnitList, plan_units

    units = [u for u in plan_units(plan) if u.kind == "body" or u.inline]
    if not units:
        return None
    pad = replace(units[0], text="", segments=[], position=0.5)
    padded = UnitList([pad, *[replace(u, position=0.5) for u in units], pad])
    probs = model.unit_proba(padded, use_headings=False)[1:-1]
    weights = np.asarray([len(u.text) for u in units], dtype=float)
    mean = weights @ probs / weights.sum()
    k = int(mean.argmax())
    return RoleGuess(model.classes_[k], round(float(mean[k]), 4), "model")


def _vote(items: list[tuple[str, float, int]], source: str) -> RoleGuess:
    """The role holding most of the text (by length), scored by its mean probability."""
    votes: dict[str, list[float]] = {}
    for role, score, n in items:
        v = votes.setdefault(role, [0.0, 0.0])
        v[0] += n
        v[1] += n * score
    role = max(votes, key=lambda r: votes[r][0])
    total = sum(v[0] for v in votes.values())
    return RoleGuess(role, round(votes[role][1] / total, 4), source)
