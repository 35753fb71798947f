"""The role HMM's forward-backward runs on rescaled probabilities; its marginals must equal the
log-space recursion it replaced (kept here as the reference)."""

from __future__ import annotations

import numpy as np
import pytest

from plantext.learn.smoothing import fit_transitions, posteriors


def _log_space(probs, log_start, log_trans, prior=None, fixed=None, weight=1.0):
    def lse(a, axis):
        m = a.max(axis=axis, keepdims=True)
        return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)

    n, k = probs.shape
    emit = np.log(np.clip(probs, 1e-9, 1.0))
    if prior is not None:
        emit = emit - np.log(np.clip(prior, 1e-9, 1.0))
    for i, f in enumerate(fixed or []):
        if f is not None:
            emit[i] = -30.0
            emit[i, f] = 0.0
    lt, ls = log_trans * weight, log_start * weight
    alpha = np.empty((n, k))
    alpha[0] = ls + emit[0]
    for i in range(1, n):
        alpha[i] = emit[i] + lse(alpha[i - 1][:, None] + lt, axis=0)
    beta = np.zeros((n, k))
    for i in range(n - 2, -1, -1):
        beta[i] = lse(lt + (emit[i + 1] + beta[i + 1])[None, :], axis=1)
    post = alpha + beta
    post = np.exp(post - post.max(axis=1, keepdims=True))
    return post / post.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("n", [1, 2, 7, 300])
def test_marginals_equal_the_log_space_recursion(n):
    rng = np.random.default_rng(n)
    k = 10
    seqs = [list(rng.integers(0, k, rng.integers(1, 30))) for _ in range(20)]
    log_start, log_trans = fit_transitions(seqs, k)
    probs = rng.dirichlet(np.full(k, 0.3), size=n)
    probs[::5, 3] = 0.0                                   # clipped to 1e-9
    prior = rng.dirichlet(np.ones(k)) ** 0.5
    fixed = [int(rng.integers(0, k)) if rng.random() < 0.2 else None for _ in range(n)]
    for args in ((None, None, 1.0), (prior, fixed, 0.7), (prior, [0] * n, 0.3)):
        got = posteriors(probs, log_start, log_trans, *args)
        np.testing.assert_allclose(got, _log_space(probs, log_start, log_trans, *args), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(got.sum(axis=1), 1.0)


def test_no_paragraphs():
    log_start, log_trans = fit_transitions([[0, 1]], 2)
    assert posteriors(np.zeros((0, 2)), log_start, log_trans).shape == (0, 2)
