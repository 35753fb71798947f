"""Words for corpus statistics: words of the shared segmenter without stop words, and the log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np

#: Function words, numerals and enumeration markers.
FUNCTION_WORDS = frozenset("""
的 了 和 与 及 以及 或 或者 等 等等 在 对 对于 为 为了 是 将 把 被 由 从 向 以 于 其 之 并 并且 而 也 都 就
要 各 个 有 没有 这 那 此 该 这些 那些 这个 我们 我 你 他 她 它 他们 中 上 下 内 外 后 前 时 之间 以上 以下
年 月 日 号 一是 二是 三是 四是 五是 六是 一要 二要 三要 第一 第二 第三 其中 同时 通过 按照 根据 结合 围绕 关于
进行 不断 切实 认真 积极 全面 深入 着力 大力 持续 有效 相关 有关 进一步 更加 更好 确保 不 所 已 已经 还 又 使 让
""".split())
#: Generic plan vocabulary that sets no group apart (加强, 推进, 工作 …); part of the default stop list.
PLAN_WORDS = frozenset("""
工作 加强 推进 推动 落实 实现 提高 提升 完善 开展 做好 抓好 建立 健全 坚持 实施 组织 全年 今年 明年 重点 主要 方面
""".split())
STOPWORDS = FUNCTION_WORDS | PLAN_WORDS

_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z]")
def _tokenizer():
    from ..segmentation import segmenter

    return segmenter()


def tokens(text: str, stopwords: Iterable[str] | None = None) -> list[str]:
    """Words (:func:`plantext.segmentation.segmenter`, HMM on) of ``text`` of two or more characters, holding a letter or hanzi,
    not in ``stopwords`` (default :data:`STOPWORDS`)."""
    stop = STOPWORDS if stopwords is None else frozenset(stopwords)
    return [w for w in _tokenizer().cut(text, hmm=True)
            if len(w) >= 2 and w not in stop and _KEEP.search(w)]


def term_matrix(texts: Sequence[str], stopwords: Iterable[str] | None = None):
    """A sparse (texts × terms) count matrix and its vocabulary."""
    from scipy import sparse

    stop = STOPWORDS if stopwords is None else frozenset(stopwords)
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        for w in tokens(text if isinstance(text, str) else "", stop):
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    data = np.ones(len(rows), dtype=np.int64)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), len(vocab)))
    matrix.sum_duplicates()
    terms = np.empty(len(vocab), dtype=object)
    for w, j in vocab.items():
        terms[j] = w
    return matrix, terms


def log_odds(counts_a: np.ndarray, counts_b: np.ndarray, prior_counts: np.ndarray,
             alpha0: float) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratios and their z-scores (Monroe, Colaresi & Quinn 2008, eq. 16–22).

    With the informative Dirichlet prior ``α_w = α0 · π_w``, ``π`` the share of
    word ``w`` in ``prior_counts`` (the whole corpus), and ``n`` the group totals:

        δ_w = log((y_aw + α_w) / (n_a + α0 − y_aw − α_w)) − log((y_bw + α_w) / (n_b + α0 − y_bw − α_w))
        σ²_w ≈ 1 / (y_aw + α_w) + 1 / (y_bw + α_w),     z_w = δ_w / σ_w

    Positive ``z`` favours group a. Returns ``(δ, z)`` over the vocabulary.
    """
    ya, yb = np.asarray(counts_a, float), np.asarray(counts_b, float)
    prior = np.asarray(prior_counts, float)
    alpha = alpha0 * prior / max(prior.sum(), 1.0)
    alpha = np.maximum(alpha, 1e-3)
    a0 = alpha.sum()
    na, nb = ya.sum(), yb.sum()
    delta = (np.log((ya + alpha) / (na + a0 - ya - alpha))
             - np.log((yb + alpha) / (nb + a0 - yb - alpha)))
    z = delta / np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
    return delta, z
