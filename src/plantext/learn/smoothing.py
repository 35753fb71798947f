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
    """Marginal P(role of paragraph i) given all paragraphs (forward–backward in log space).

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
    lt = log_trans * weight
    ls = log_start * weight
    alpha = np.empty((n, k))
    alpha[0] = ls + emit[0]
    for i in range(1, n):
        alpha[i] = emit[i] + _logsumexp(alpha[i - 1][:, None] + lt, axis=0)
    beta = np.zeros((n, k))
    for i in range(n - 2, -1, -1):
        beta[i] = _logsumexp(lt + (emit[i + 1] + beta[i + 1])[None, :], axis=1)
    post = alpha + beta
    post -= post.max(axis=1, keepdims=True)
    post = np.exp(post)
    return post / post.sum(axis=1, keepdims=True)


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)
