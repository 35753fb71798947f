"""Noisy-channel typo detection with the character LM (:mod:`.typo_model`).

At each Chinese character the confusable characters of the table are tried
in its place. The noisy-channel gain of a candidate is the LM gain (the
change of the log-probability of the five positions whose n-grams cover the
place) plus the log-likelihood of that confusion (same sound and tone is
likelier than another tone, a similar shape or a near sound). The decision
weighs that gain with what else is known of the place (:data:`FEATURES`) by
the logistic weights that ``plantext train typos`` calibrated
(:mod:`.typo_calibrate`). The context decides, so a real word in the wrong
place (构件 where 构建 is meant) is caught as well as a broken one.

Everything is vectorised: the original n-gram counts are read once, and a
candidate's counts come from the original hashes plus a known shift.
"""

from __future__ import annotations

import re

import numpy as np

from .charlm import ORDER, codes, finish, powers, raw_hashes
from .typo_model import KINDS, TypoModel
from .typo_types import Typo

_HAN = re.compile(r"[\u4e00-\u9fff]")

# log-likelihood of each kind of confusion relative to a same-sound one (nats)
PRIOR = {"tone": 0.0, "toneless": -1.5, "form": -2.0, "near": -2.5}
MIN_GAIN = 6.0            # candidates below this LM gain are not considered at all
COMMON_WORD = 100         # jieba frequency from which a string counts as a common word (its
                          # dictionary also lists rare misspellings with small counts)
_PRIOR = np.array([PRIOR[k] for k in KINDS])
FEATURES = ("gain", "kind", "orig_pair", "cand_pair", "han_left", "han_right", "repeated",
            "orig_word", "cand_word", "orig_is_word", "cand_is_word")
# what the decision weighs: FEATURES and, derived from them, whether the correction turns a
# non-word into a common word, that times the gain, and how much commoner the corrected word is
DECISION_FEATURES = FEATURES + ("nonword_to_word", "gain_nonword_to_word", "word_gain")
# weights of the calibrated decision (logistic regression over DECISION_FEATURES, fitted by
# `plantext train typos` on substitutions injected into real documents; stored in
# the model's meta.json). These defaults are that fit's values, for a model without one.
DEFAULT_CALIBRATION = {"weights": [0.415, -0.563, -0.173, 0.457, 0.332, 0.486, -7.683,
                                   -0.571, -0.154, 1.390, 0.216, -1.391, 0.079, 0.417], "bias": -10.17, "threshold": 2.26}


def lm_typos(text: str, model: TypoModel, *, vocabulary: frozenset[str] = frozenset(),
             threshold: float | None = None) -> list[Typo]:
    """The typos the LM finds in ``text``, one per place, best candidate each."""
    rows = candidate_features(text, model)
    if rows is None:
        return []
    pos, new, X = rows
    cal = model.meta.get("calibration") or DEFAULT_CALIBRATION
    X = decision_features(X, len(cal["weights"]))
    score = X @ np.asarray(cal["weights"]) + cal["bias"]
    cut = cal["threshold"] if threshold is None else threshold
    out: list[Typo] = []
    taken: set[int] = set()
    for k in np.argsort(-score, kind="stable"):
        if score[k] < cut:
            break
        i = int(pos[k])
        if taken & {i - 1, i, i + 1}:
            continue
        right = chr(int(new[k]) - 1)
        a, b = _word_span(text, i, right, model)
        wrong = text[a:b]
        if any(wrong in w for w in vocabulary):
            continue
        taken.add(i)
        out.append(Typo(a, b, wrong, text[a:i] + right + text[i + 1:b], "lm", score=round(float(score[k]), 2)))
    return sorted(out, key=lambda t: t.start)


def decision_features(X: np.ndarray, n: int = len(DECISION_FEATURES)) -> np.ndarray:
    """The first ``n`` of :data:`DECISION_FEATURES` from the :data:`FEATURES` matrix ``X``
    (a calibration of an earlier version weighs fewer)."""
    gain, orig_word, cand_word = X[:, 0], X[:, 7], X[:, 8]
    n2w = (1 - X[:, 9]) * X[:, 10]
    return np.hstack([X, n2w[:, None], (gain * n2w)[:, None], (cand_word - orig_word)[:, None]])[:, :n]


def _word_span(text: str, i: int, right: str, model: TypoModel) -> tuple[int, int]:
    """The character at ``i`` with the neighbour it forms the likelier pair with, corrected."""
    pairs = [(text[i - 1] + right, (i - 1, i + 1)) if i > 0 else None,
             (right + text[i + 1], (i, i + 2)) if i + 1 < len(text) else None]
    pairs = [p for p in pairs if p is not None]
    counts = [model.lm.count(finish(raw_hashes(codes(p))[1, 1:], 2))[0] for p, _ in pairs]
    if not pairs or max(counts) == 0:
        return i, i + 1
    return pairs[int(np.argmax(counts))][1]


def candidate_features(text: str, model: TypoModel):
    """(positions, candidate codes, feature matrix) of the candidates worth deciding on in ``text``."""
    scored = score_candidates(text, model)
    if scored is None:
        return None
    pos, new, gain, kind, op, cp = scored
    keep = gain >= MIN_GAIN
    pos, new, gain, kind, op, cp = pos[keep], new[keep], gain[keep], kind[keep], op[keep], cp[keep]
    if not len(pos):
        return None
    freq = _word_freq()
    X = np.zeros((len(pos), len(FEATURES)))
    X[:, 0], X[:, 1], X[:, 2], X[:, 3] = gain, kind, np.log1p(op), np.log1p(cp)
    for k, (i, c) in enumerate(zip(pos.tolist(), new.tolist())):
        X[k, 4] = _HAN.match(text[i - 1:i] or "x") is not None
        X[k, 5] = _HAN.match(text[i + 1:i + 2] or "x") is not None
        tri = text[max(0, i - 1):i + 2]
        X[k, 6] = len(tri) == 3 and text.count(tri) > 1
        X[k, 7] = _best_word(text, i, freq)
        X[k, 8] = _best_word(text[:i] + chr(c - 1) + text[i + 1:], i, freq)
    common = np.log1p(COMMON_WORD)
    X[:, 9], X[:, 10] = X[:, 7] >= common, X[:, 8] >= common
    return pos, new, X


def _word_freq() -> dict[str, int]:
    """jieba's dictionary: which character strings are words of Chinese, and how common."""
    from ..segmentation import jieba_tokenizer

    return jieba_tokenizer().FREQ


def _best_word(s: str, i: int, freq: dict[str, int]) -> float:
    """log(1 + frequency) of the commonest dictionary word of 2–4 characters covering ``s[i]``."""
    best = 0
    for n in (2, 3, 4):
        for a in range(max(0, i - n + 1), min(i, len(s) - n) + 1):
            best = max(best, freq.get(s[a:a + n], 0))
    return float(np.log1p(best))


def score_candidates(text: str, model: TypoModel):
    """(positions, candidate codes, gains, priors, original and candidate pair counts).

    The gain is the LM's log-probability change plus the confusion's prior.
    """
    lm = model.lm
    c = codes(text)
    L = len(c)
    if L < 2 or not len(model.chars):
        return None
    rows = np.searchsorted(model.chars, c)
    rows[rows >= len(model.chars)] = 0
    has = model.chars[rows] == c
    positions = np.nonzero(has)[0]
    if not len(positions):
        return None
    cand = model.cand[rows[positions]]                     # [P, K]
    kind = model.kind[rows[positions]]
    pi, ki = np.nonzero(cand)
    pos = positions[pi]
    new = cand[pi, ki]
    prior = _PRIOR[kind[pi, ki]]
    raw = raw_hashes(c)
    cnt, ctx, fan = lm.text_counts(c)
    base = lm.position_scores(cnt, ctx, fan)

    # pre-filter: the candidate must form a seen pair with a neighbour, more often than the original
    delta = (new - c[pos])                                  # uint64 wraps: fine for the hash shift
    P = powers()
    with np.errstate(over="ignore"):
        left_raw = np.where(pos > 0, raw[1, pos] + delta, 0)
        right_idx = np.minimum(pos + 1, L - 1)
        right_raw = np.where(pos + 1 < L, raw[1, right_idx] + delta * P[1], 0)
    lc = lm.count(finish(left_raw, 2)) * (pos > 0)
    rc = lm.count(finish(right_raw, 2)) * (pos + 1 < L)
    orig_pair = np.maximum(cnt[pos, 1], np.where(pos + 1 < L, cnt[right_idx, 1], 0))
    ok = np.maximum(lc, rc) > orig_pair
    pos, new, prior, delta = pos[ok], new[ok], prior[ok], delta[ok]
    op, cp = orig_pair[ok], np.maximum(lc, rc)[ok]
    if not len(pos):
        return None

    # full rescoring of positions pos … pos+ORDER-1 with the candidate in place
    N = len(pos)
    j = pos[:, None] + np.arange(ORDER)[None, :]            # [N, D]
    inside = j < L
    jj = np.minimum(j, L - 1)
    ncnt, nctx, nfan = cnt[jj].copy(), ctx[jj].copy(), fan[jj].copy()     # [N, D, ORDER]
    d = np.arange(ORDER)
    for n in range(1, ORDER + 1):
        dd = d[d < n]                    # the n-grams ending at pos+dd cover pos
        with np.errstate(over="ignore"):
            h = raw[n - 1, jj[:, dd]] + delta[:, None] * P[dd][None, :]
        got, gfan = lm.count(finish(h, n), fanout=True)
        before = (jj[:, dd] - n + 1) < 0
        got[before] = 0
        gfan[before] = 0
        ncnt[:, dd, n - 1] = got
        if n < ORDER:                    # … and are the contexts of order n+1 one position on
            nxt = dd[dd + 1 < ORDER]
            nctx[:, nxt + 1, n] = got[:, :len(nxt)]
            nfan[:, nxt + 1, n] = gfan[:, :len(nxt)]
    gain = (lm.position_scores(ncnt, nctx, nfan) - base[jj]) * inside
    return pos, new, gain.sum(axis=1) + prior, prior, op, cp
