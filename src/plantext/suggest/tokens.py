"""Words for retrieval: the shared segmenter's search-mode words, stop words dropped.

The segmenter (:mod:`plantext.segmentation`: rjieba, jieba's dictionary plus
the plan vocabulary) keeps 三会一课 or 垃圾分类 whole; a stop list drops
function words.
"""

from __future__ import annotations

import re

_SKIP = re.compile(r"^[\W\d_a-zA-Z]*$")  # punctuation, numbers, latin noise

STOP_WORDS = frozenset("""
的 地 得 了 着 过 和 与 及 以及 或 或者 等 等等 在 对 对于 为 为了 把 被 将 从 向 于 以 并 并且 而 而且
且 也 又 就 都 是 有 这 那 其 之 中 上 下 内 外 各 每 个 要 可 能 会 则 即 由 因 因此 所 所有 其中
我们 我 你 他 她 它 们 一 二 三 四 五 六 七 八 九 十 一是 二是 三是 四是 五是 六是 首先 其次 再次 最后
同时 此外 另外 通过 按照 根据 结合 围绕 进行 一个 一些 一批 一系列 有关 相关 方面 工作 以上 以下
不 没有 已 已经 还 更 较 很 最 使 让 该 本 此 这些 那些 如 如下 下列 及时 同 好 年 月 日 个月
""".split())


def plan_vocabulary() -> tuple[str, ...]:
    """Words the segmenter keeps whole (see :func:`plantext.segmentation.plan_vocabulary`)."""
    from ..segmentation import plan_vocabulary as vocabulary

    return vocabulary()


def tokenizer():
    """The shared segmenter (:func:`plantext.segmentation.segmenter`, plan vocabulary added)."""
    from ..segmentation import segmenter

    return segmenter()


def tokens(text: str) -> list[str]:
    """Search tokens of ``text``: words and their sub-words, stop words dropped."""
    out = []
    for word in tokenizer().cut_for_search(text):
        if word in STOP_WORDS or _SKIP.match(word):
            continue
        out.append(word)
    return out


def char_bigrams(text: str) -> frozenset[str]:
    """The set of character bigrams of ``text`` without punctuation, spaces or digits."""
    core = _NON_CJK.sub("", text)
    if len(core) < 2:
        return frozenset([core]) if core else frozenset()
    return frozenset(core[i:i + 2] for i in range(len(core) - 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")
