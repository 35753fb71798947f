"""Sequence smoothing of per-paragraph role probabilities (an HMM over roles).

Roles come in runs and in a usual order (preamble → guiding → goal →
measure → safeguard …). Posterior marginals by forward–backward combine a
model's per-paragraph probabilities with transition probabilities learned
from annotated plans; paragraphs whose role a heading fixed are clamped.
"""

from __future__ import annotations

import numpy as np


def fit_transitions(sequences: list[list[int]], k: int, alpha: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Start and transition log-probabilities from label-index sequences (add-alpha smoothed)."""
    start = np.full(k, alpha)
    trans = np.full((k, k), alpha)
    for seq in sequences:
        if not seq:
            continue
        start[seq[0]] += 1
        for a, b in zip(seq, seq[1:]):
            trans[a, b] += 1
    return np.log(start / start.sum()), np.log(trans / trans.sum(axis=1, keepdims=True))


def posteriors(probs: np.ndarray, log_start: np.ndarray, log_trans: np.ndarray,
               prior: np.ndarray | None = None, fixed: list[int | None] | None = None,
               weight: float = 1.0) -> np.ndarray:
    """Marginal P(role of paragraph i) given all paragraphs (forward–backward).

    ``probs`` are the model's P(role | paragraph) (n × k); dividing by the
    class ``prior`` turns them into scaled likelihoods. ``fixed[i]`` clamps a
    paragraph to one role; ``weight`` scales the transition term.
    """
    n, k = probs.shape
    if n == 0:
        return probs
    emit = np.log(np.clip(probs, 1e-9, 1.0))
    if prior is not None:
        emit = emit - np.log(np.clip(prior, 1e-9, 1.0))
    if fixed is not None:
        for i, f in enumerate(fixed):
            if f is not None:
                emit[i] = -30.0
                emit[i, f] = 0.0
    # forward-backward with probabilities rescaled at every step (the same marginals as in log
    # space, a third of the numpy calls per paragraph)
    trans = np.exp(log_trans * weight)
    e = np.exp(emit - emit.max(axis=1, keepdims=True))
    alpha = np.empty((n, k))
    a = np.exp(log_start * weight - (log_start * weight).max()) * e[0]
    alpha[0] = a = a / a.sum()
    for i in range(1, n):
        a = (a @ trans) * e[i]
        alpha[i] = a = a / a.sum()
    beta = np.empty((n, k))
    beta[n - 1] = b = np.ones(k)
    for i in range(n - 2, -1, -1):
        b = trans @ (e[i + 1] * b)
        beta[i] = b = b / b.sum()
    post = alpha * beta
    return post / post.sum(axis=1, keepdims=True)
