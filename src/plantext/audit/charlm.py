"""A character n-gram language model stored as hashed counts (numpy only).

Every n-gram (n = 1 … ``ORDER``) of the training text is hashed to 32 bits;
the model is the sorted array of those hashes and their counts, so loading is
two array reads and a lookup is a binary search, vectorised over thousands of
n-grams at once. Probabilities are interpolated with absolute discounting (the
Kneser–Ney recipe without continuation counts):
``P(w|h) = max(c(hw) − D, 0)/c(h) + D·N(h•)/c(h) · P(w|h′)``, where
``N(h•)`` is how many different characters follow ``h``; so a character never
seen after a context that always takes the same continuation is improbable,
after a context that takes many it is not.

Text is read one character per position (offsets never move): digits become
``0``, Latin letters ``a``, any other space `` `` so that numbers and codes
share statistics.

The hash is polynomial over the characters, so substituting one character
changes every n-gram hash that covers it by a known amount: a candidate
correction is scored without building its text.
"""

from __future__ import annotations

import json
import pathlib
import re

import numpy as np

ORDER = 5
_P = np.uint64(0x9E3779B97F4A7C15)      # polynomial base (odd)
_Q = np.uint64(0xD1B54A32D192ED03)      # order salt
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_DIGIT = re.compile(r"[0-9０-９]")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_SPACE = re.compile(r"[ \t\u3000\xa0\r\f\v]")


def codes(text: str) -> np.ndarray:
    """One integer per character of ``text`` (same length), normalised as the model reads."""
    text = _SPACE.sub(" ", _LATIN.sub("a", _DIGIT.sub("0", text)))
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + np.uint64(1)


def powers() -> np.ndarray:
    """``_P ** d`` for d = 0 … ORDER-1 (uint64, wrapping)."""
    out = np.ones(ORDER, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for d in range(1, ORDER):
            out[d] = out[d - 1] * _P
    return out


def raw_hashes(c: np.ndarray) -> np.ndarray:
    """``raw[n-1, j]``: polynomial hash of the n-gram ending at ``j`` (0 where it would start before 0)."""
    L = len(c)
    raw = np.zeros((ORDER, L), dtype=np.uint64)
    raw[0] = c
    with np.errstate(over="ignore"):
        for n in range(1, ORDER):
            raw[n, n:] = raw[n - 1, n - 1:L - 1] * _P + c[n:]
    return raw


def finish(raw: np.ndarray, order) -> np.ndarray:
    """The stored 32-bit key of raw hashes of n-grams of ``order`` (scalar or array broadcast)."""
    with np.errstate(over="ignore"):
        x = raw + np.asarray(order, dtype=np.uint64) * _Q
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(32)).astype(np.uint32)


class CharLM:
    """Hashed n-gram counts, fan-outs and discounts; interpolated scoring."""

    def __init__(self, keys: np.ndarray, counts: np.ndarray, fanout: np.ndarray, total: int,
                 discounts: np.ndarray, meta: dict | None = None):
        self.keys = keys
        self.counts = counts
        self.fanout = fanout
        self.total = int(total)
        self.discounts = np.asarray(discounts, dtype=np.float64)
        self.meta = meta or {}

    # -- building -------------------------------------------------------
    @classmethod
    def train(cls, texts, *, min_count: int = 2) -> "CharLM":
        """Count the n-grams of ``texts``; n-grams of order ≥ 3 seen fewer than ``min_count`` times are dropped."""
        joined = "\n".join(t.strip() for t in texts) + "\n"
        c = codes(joined)
        raw = raw_hashes(c)
        keys, counts, fans, discounts = [], [], [], []
        for n in range(1, ORDER + 1):
            grams = finish(raw[n - 1, n - 1:], n)
            k, cnt = np.unique(grams, return_counts=True)
            n1, n2 = int((cnt == 1).sum()), int((cnt == 2).sum())
            discounts.append(n1 / (n1 + 2 * n2) if n1 + n2 else 0.5)
            fan = np.zeros(len(k), dtype=np.int64)
            if n < ORDER:      # how many different characters follow each n-gram
                nxt = finish(raw[n, n:], n + 1)
                pairs = np.unique((grams[:len(nxt)].astype(np.uint64) << np.uint64(32)) | nxt)
                pk, pc = np.unique((pairs >> np.uint64(32)).astype(np.uint32), return_counts=True)
                fan[np.searchsorted(k, pk)] = pc
            if n >= 3 and min_count > 1:
                keep = cnt >= min_count
                k, cnt, fan = k[keep], cnt[keep], fan[keep]
            keys.append(k)
            counts.append(cnt)
            fans.append(fan)
        k, inv = np.unique(np.concatenate(keys), return_inverse=True)   # rare cross-order collisions add
        merged = np.zeros(len(k), dtype=np.int64)
        np.add.at(merged, inv, np.concatenate(counts))
        fan = np.zeros(len(k), dtype=np.int64)
        np.add.at(fan, inv, np.concatenate(fans))
        cap = np.iinfo(np.uint32).max
        return cls(k, np.minimum(merged, cap).astype(np.uint32), np.minimum(fan, cap).astype(np.uint32),
                   len(c), np.array(discounts))

    def save(self, folder: pathlib.Path) -> dict[str, str]:
        """Write ``ngrams.npz`` (hash deltas, counts, fan-outs, compressed); returns {file: description}."""
        folder.mkdir(parents=True, exist_ok=True)
        deltas = np.diff(self.keys, prepend=np.uint32(0))
        np.savez_compressed(folder / "ngrams.npz", deltas=deltas, counts=self.counts, fanout=self.fanout,
                            total=np.array([self.total], dtype=np.int64), discounts=self.discounts)
        return {"ngrams.npz": "sorted 32-bit n-gram hashes (as deltas), counts, fan-outs, discounts"}

    @classmethod
    def load(cls, folder: pathlib.Path) -> "CharLM":
        with np.load(folder / "ngrams.npz") as z:
            keys = np.cumsum(z["deltas"], dtype=np.uint32)
            lm = (keys, z["counts"], z["fanout"], int(z["total"][0]), z["discounts"])
        meta_path = folder / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        return cls(*lm, meta)

    # -- lookups --------------------------------------------------------
    def count(self, keys: np.ndarray, *, fanout: bool = False):
        """Counts of hashed n-grams (0 when unseen), any shape; with ``fanout``, (counts, fan-outs)."""
        flat = keys.ravel()
        # sorted queries walk the table in order: several times faster than random probes
        packed = (flat.astype(np.uint64) << np.uint64(32)) | np.arange(len(flat), dtype=np.uint64)
        packed.sort()
        q = (packed >> np.uint64(32)).astype(np.uint32)
        where = (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)
        idx = np.searchsorted(self.keys, q)
        idx[idx == len(self.keys)] = 0
        hit = self.keys[idx] == q
        out = np.zeros(len(flat), dtype=np.float64)
        out[where] = np.where(hit, self.counts[idx], 0)
        if not fanout:
            return out.reshape(keys.shape)
        fan = np.zeros(len(flat), dtype=np.float64)
        fan[where] = np.where(hit, self.fanout[idx], 0)
        return out.reshape(keys.shape), fan.reshape(keys.shape)

    def position_scores(self, cnt: np.ndarray, ctx: np.ndarray, fan: np.ndarray) -> np.ndarray:
        """Log-probability of each position from its counts.

        ``cnt[..., n-1]``: count of the n-gram ending at the position;
        ``ctx[..., n-1]``, ``fan[..., n-1]``: count and fan-out of its context
        (the (n-1)-gram before it; unused for n = 1).
        """
        p = (cnt[..., 0] + 0.5) / (self.total + 0.5)
        for n in range(2, ORDER + 1):
            h, d = ctx[..., n - 1], self.discounts[n - 1]
            seen = (h > 0) & (fan[..., n - 1] > 0)    # (no fan-out: a hash collision, or the corpus end)
            hh = np.where(seen, h, 1.0)
            interp = np.maximum(cnt[..., n - 1] - d, 0) / hh + d * fan[..., n - 1] / hh * p
            p = np.where(seen, interp, p)
        return np.log(p)

    def text_counts(self, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Counts of every n-gram ending at each position, and count and fan-out of their contexts ([L, ORDER] each)."""
        raw = raw_hashes(c)
        L = len(c)
        keys = finish(raw, np.arange(1, ORDER + 1)[:, None])
        cnt, fo = self.count(keys, fanout=True)
        cnt, fo = cnt.T.copy(), fo.T.copy()                           # [L, ORDER]
        for n in range(1, ORDER + 1):                                 # n-grams starting before 0
            cnt[:n - 1, n - 1] = 0
            fo[:n - 1, n - 1] = 0
        ctx, fan = np.zeros_like(cnt), np.zeros_like(cnt)
        ctx[1:, 1:] = cnt[:L - 1, :ORDER - 1]
        fan[1:, 1:] = fo[:L - 1, :ORDER - 1]
        return cnt, ctx, fan

    def logprob(self, text: str) -> float:
        """Total log-probability of ``text`` (for inspection and tests)."""
        return float(self.position_scores(*self.text_counts(codes(text))).sum())
