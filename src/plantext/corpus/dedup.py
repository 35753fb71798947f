"""Near-duplicate documents or segments: MinHash signatures of character 5-grams, banded LSH.

Template reuse is common among plans (the same 实施方案 with another unit's
name), so this finds pairs whose sets of character 5-grams overlap by at
least ``threshold`` (Jaccard). Signatures estimate the Jaccard similarity;
the exact value is computed for every candidate pair the bands propose.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any, Mapping

import numpy as np

_MASK32 = np.uint64(0xFFFFFFFF)
_DROP = re.compile(r"[\s\u3000]+")


def shingles(text: str, k: int = 5) -> np.ndarray:
    """Sorted unique 32-bit hashes of the character ``k``-grams of ``text`` (whitespace removed).

    A polynomial rolling hash over code points, computed with numpy.
    """
    text = _DROP.sub("", text)
    if not text:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cps) - min(k, len(cps)) + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(cps))):
        h = (h * np.uint64(1_000_003) + cps[j:j + n]) & _MASK32
    return np.unique(h)


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    inter = len(np.intersect1d(x, y, assume_unique=True))
    union = len(x) + len(y) - inter
    return inter / union if union else 0.0


class MinHasher:
    """``num_perm`` multiply-shift hash functions ``(a·x + b mod 2⁶⁴) >> 32``, fixed by ``seed``."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        self.num_perm = num_perm

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature (a 32-bit value per hash function) of shingle hashes."""
        if not len(hashes):
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint64)
        x = np.asarray(hashes, dtype=np.uint64)
        out = np.full(self.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for start in range(0, len(x), 8192):  # bounded memory on long documents
                block = x[start:start + 8192]
                values = (np.outer(self.a, block) + self.b[:, None]) >> np.uint64(32)
                np.minimum(out, values.min(axis=1), out=out)
        return out


def bands_for(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) with bands·rows = num_perm whose S-curve midpoint is nearest ``threshold``."""
    best = None
    for rows in range(1, num_perm + 1):
        if num_perm % rows:
            continue
        bands = num_perm // rows
        midpoint = (1.0 / bands) ** (1.0 / rows)
        score = abs(midpoint - threshold) + (0.02 if midpoint < threshold - 0.1 else 0.0)
        if best is None or score < best[0]:
            best = (score, bands, rows)
    return best[1], best[2]


def near_duplicates(data: Any, threshold: float = 0.8, *, level: str = "document",
                    k: int = 5, num_perm: int = 128, min_chars: int = 50,
                    text_col: str = "text", id_col: str | None = None, seed: int = 1):
    """Pairs of documents (or segments) whose character ``k``-gram sets overlap ≥ ``threshold``.

    ``data`` is a segment table (its segments joined per ``doc_id`` at
    ``level="document"``, taken one by one at ``level="segment"``), any frame
    with a text column, a ``{id: text}`` mapping, or a :class:`Corpus`. Texts
    shorter than ``min_chars`` are skipped. Returns ``id_a``, ``id_b``,
    ``jaccard_est`` (MinHash estimate), ``jaccard`` (exact), ``n_chars_a``,
    ``n_chars_b``, most similar first.
    """
    import pandas as pd

    items = _items(data, level, text_col, id_col)
    ids = [i for i, t in items.items() if len(t) >= min_chars]
    sets = [shingles(items[i], k) for i in ids]
    hasher = MinHasher(num_perm, seed)
    sigs = np.array([hasher.signature(s) for s in sets]) if ids else np.zeros((0, num_perm))
    rows = []
    for x, y in sorted(_candidates(sigs, threshold)):
        est = float(np.mean(sigs[x] == sigs[y]))
        if est >= threshold:
            exact = jaccard(sets[x], sets[y])
            rows.append((ids[x], ids[y], est, exact, len(items[ids[x]]), len(items[ids[y]])))
    out = pd.DataFrame(rows, columns=["id_a", "id_b", "jaccard_est", "jaccard",
                                      "n_chars_a", "n_chars_b"])
    return out.sort_values(["jaccard_est", "jaccard", "id_a", "id_b"],
                           ascending=[False, False, True, True]).reset_index(drop=True)


def _candidates(sigs: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    if len(sigs) < 2:
        return set()
    bands, rows = bands_for(threshold, sigs.shape[1])
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i, sig in enumerate(sigs):
            buckets.setdefault(sig[band * rows:(band + 1) * rows].tobytes(), []).append(i)
        for members in buckets.values():
            pairs.update(combinations(members, 2))
    return pairs


def _items(data: Any, level: str, text_col: str, id_col: str | None) -> dict[str, str]:
    if level not in ("document", "segment"):
        raise ValueError(f"level must be 'document' or 'segment', not {level!r}")
    if hasattr(data, "to_frame") and hasattr(data, "documents"):  # a Corpus
        data = data.to_frame()
    if isinstance(data, Mapping):
        return {str(k): str(v) for k, v in data.items()}
    frame = data
    if text_col not in frame.columns:
        raise ValueError(f"near_duplicates needs the texts: no column {text_col!r} here. Pass "
                         "the segment table (corpus.to_frame()), the Corpus, or {id: text}.")
    if "doc_id" in frame.columns and "seg_id" in frame.columns:
        if level == "segment":
            keys = frame["doc_id"].astype(str) + "#" + frame["seg_id"].astype(str)
            return dict(zip(keys, frame[text_col].fillna("")))
        return {str(d): "\n".join(g[text_col].fillna("")) for d, g in frame.groupby("doc_id", sort=True)}
    ids = frame[id_col] if id_col else (frame["doc_id"] if "doc_id" in frame.columns else frame.index)
    return dict(zip(map(str, ids), frame[text_col].fillna("")))
