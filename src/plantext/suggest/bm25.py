"""Okapi BM25 over token lists, as one precomputed sparse matrix.

Each cell of the (entries × terms) matrix holds the BM25 weight of a term in
an entry (idf times saturated, length-normalised term frequency), so that a
query's scores are the sum of a few columns. Stored column-major for that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

K1, B, K3 = 1.2, 0.75, 1.5


class BM25:
    """BM25 scorer: ``fit`` on token lists, then ``scores`` for a query's tokens."""

    def __init__(self, k1: float = K1, b: float = B):
        self.k1, self.b = k1, b

    def fit(self, docs: Sequence[Sequence[str]]) -> "BM25":
        from scipy import sparse

        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, toks in enumerate(docs):
            for term, count in Counter(toks).items():
                rows.append(i)
                cols.append(vocab.setdefault(term, len(vocab)))
                vals.append(count)
        n = len(docs)
        tf = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)),
                               shape=(n, len(vocab)))
        doc_len = np.asarray([len(t) for t in docs], dtype=np.float32)
        avgdl = float(doc_len.mean()) if n and doc_len.mean() > 0 else 1.0
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab))
        self.idf_ = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = self.k1 * (1 - self.b + self.b * doc_len / avgdl)
        tf.data = tf.data * (self.k1 + 1) / (tf.data + np.repeat(norm, np.diff(tf.indptr)))
        tf = tf.multiply(self.idf_[None, :]).tocsc().astype(np.float32)
        self._set(tf, list(vocab), avgdl)
        return self

    def _set(self, matrix, vocabulary: list[str], avgdl: float) -> None:
        matrix.sort_indices()
        self.matrix_ = matrix
        self.vocabulary_ = {t: j for j, t in enumerate(vocabulary)}
        self.avgdl_ = avgdl

    @property
    def n_docs(self) -> int:
        return self.matrix_.shape[0]

    def query_weights(self, query: Iterable[str]) -> dict[int, float]:
        """Term id → query weight (saturated query term frequency); unknown terms dropped."""
        out = {}
        for term, count in Counter(query).items():
            j = self.vocabulary_.get(term)
            if j is not None:
                out[j] = count * (K3 + 1) / (K3 + count)
        return out

    def scores(self, query: Iterable[str] | dict[int, float]) -> np.ndarray:
        """BM25 score of every entry for ``query`` (tokens, or term id → weight)."""
        weights = query if isinstance(query, dict) else self.query_weights(query)
        m = self.matrix_
        out = np.zeros(self.n_docs, dtype=np.float32)
        for j, w in weights.items():
            lo, hi = m.indptr[j], m.indptr[j + 1]
            out[m.indices[lo:hi]] += w * m.data[lo:hi]
        return out

    def centroid(self, mask: np.ndarray, top: int = 30) -> dict[int, float]:
        """The ``top`` terms carrying most BM25 mass among the entries in ``mask``, as a query."""
        if not mask.any():
            return {}
        mass = np.asarray(self.matrix_.T @ mask.astype(np.float32)).ravel()
        best = np.argsort(-mass)[:top]
        best = best[mass[best] > 0]
        if not len(best):
            return {}
        return {int(j): float(mass[j] / mass[best[0]]) for j in best}

    # -- persistence ---------------------------------------------------------
    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays that :meth:`from_arrays` needs (no pickle)."""
        m = self.matrix_
        return {"data": m.data, "indices": m.indices, "indptr": m.indptr,
                "shape": np.asarray(m.shape, dtype=np.int64), "idf": self.idf_}

    def vocabulary(self) -> list[str]:
        """Terms in column order."""
        return sorted(self.vocabulary_, key=self.vocabulary_.get)

    @classmethod
    def from_arrays(cls, arrays, vocabulary: list[str], *, k1: float, b: float,
                    avgdl: float) -> "BM25":
        from scipy import sparse

        self = cls(k1, b)
        shape = tuple(int(x) for x in arrays["shape"])
        matrix = sparse.csc_matrix((arrays["data"], arrays["indices"], arrays["indptr"]),
                                   shape=shape)
        self.idf_ = np.asarray(arrays["idf"], dtype=np.float32)
        self._set(matrix, vocabulary, avgdl)
        return self
