"""The one word segmenter of plantext: one factory, one dictionary.

:func:`segmenter` gives the process-wide :class:`Segmenter` that the sm
features, the suggestion index and corpus term counting all read. It
segments with ``rjieba`` (jieba's dictionary and algorithm in Rust, ~15×
faster than jieba here) and falls back to jieba's Python ``Tokenizer`` when
rjieba is not installed: with HMM off both give the same words on all 273
real documents. The dictionary is jieba's, plus :func:`plan_vocabulary`
(taxonomy keywords, role heading words and a few fixed plan phrases), so that
三会一课 or 垃圾分类 stay whole wherever plantext reads words.

jieba's Python API stays where only it will do: the typo detector reads its
DAG and word frequencies (:func:`jieba_tokenizer`, a private plain jieba
tokenizer per thread; jieba's global singleton is never touched).

A built ``Segmenter`` is read-only and safe to share between threads; forked
worker processes inherit it.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Iterable

__all__ = ["BACKENDS", "PLAN_PHRASES", "Segmenter", "jieba_tokenizer", "new_jieba_tokenizer",
           "plain_segmenter", "plan_vocabulary", "segmenter"]

BACKENDS = ("rjieba", "jieba")
VOCAB_FREQ = 2000   # a plan-vocabulary word gets at least this frequency, and at least what keeps it
                    # whole on its own (the dictionary's ``suggest_freq``)

#: Plan phrases kept whole besides the taxonomy keywords and role heading words.
PLAN_PHRASES = (
    "党建引领", "网格化管理", "网格员", "三会一课", "主题党日", "志愿服务", "垃圾分类",
    "居家养老", "日间照料", "老旧小区", "雪亮工程", "矛盾纠纷", "社区矫正", "安置帮教",
    "文明创建", "新时代文明实践", "乡村振兴", "人居环境", "营商环境", "放管服",
    "一网通办", "河长制", "双报到", "安全生产", "消防安全", "应急管理", "扫黑除恶",
    "平安建设", "法治宣传", "普法教育", "困难群众", "低保", "特困供养", "留守儿童",
    "退役军人", "双拥", "民族团结", "全民健身", "家庭医生", "核心价值观", "组织领导",
    "经费保障", "督查督办", "考核评估", "责任清单", "工作台账", "长效机制",
)

_local = threading.local()
_lock = threading.Lock()
_shared: dict[tuple, "Segmenter"] = {}


def plan_vocabulary() -> tuple[str, ...]:
    """Words the segmenter keeps whole: plan phrases, theme keywords, role heading words (2–8 chars)."""
    return _vocabulary()


@cache
def _vocabulary() -> tuple[str, ...]:
    from .labels import load_taxonomy
    from .labels.profiles import ALIAS_FILE, data_json

    words = list(PLAN_PHRASES)
    for theme in load_taxonomy().themes.values():
        words.extend(theme.keywords)
        for sub in theme.subcodes:
            words.extend(sub.keywords)
    for spec in data_json(ALIAS_FILE).get("roles", {}).values():
        words.extend(spec.get("titles", ()))
        words.extend(spec.get("exact_only", ()))
    return tuple(w for w in dict.fromkeys(words) if 2 <= len(w) <= 8)


def _rjieba_available() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


class Segmenter:
    """Word segmentation with jieba's dictionary plus ``vocabulary``.

    ``backend`` is ``"rjieba"`` (default when installed) or ``"jieba"``. Every
    method returns plain Python lists; ``hmm`` (jieba's new-word HMM) is off by
    default, as plantext's features and index read it.
    """

    def __init__(self, vocabulary: Iterable[str] = (), *, backend: str | None = None):
        if backend is None:
            backend = "rjieba" if _rjieba_available() else "jieba"
        if backend not in BACKENDS:
            from .errors import InputError, error

            raise error(InputError, "E009", what="backend", value=backend, choices=", ".join(BACKENDS))
        self.backend = backend
        self.vocabulary = tuple(vocabulary)
        if backend == "rjieba":
            import rjieba

            self._tok = rjieba.Jieba()
            for word in self.vocabulary:
                self._tok.add_word(word, max(self._tok.suggest_freq(word), VOCAB_FREQ), None)
        else:
            self._tok = new_jieba_tokenizer()
            for word in self.vocabulary:
                self._tok.add_word(word, freq=max(self._tok.suggest_freq(word), VOCAB_FREQ))
        self._pos = None

    def __repr__(self) -> str:
        return f"Segmenter(backend={self.backend!r}, vocabulary={len(self.vocabulary)} words)"

    def cut(self, text: str, hmm: bool = False) -> list[str]:
        """The words of ``text`` in order (jieba's accurate mode)."""
        if self.backend == "rjieba":
            return self._tok.cut(text, hmm)
        return self._tok.lcut(text, HMM=hmm)

    def cut_for_search(self, text: str, hmm: bool = False) -> list[str]:
        """Words and their dictionary sub-words (jieba's search mode)."""
        if self.backend == "rjieba":
            return self._tok.cut_for_search(text, hmm)
        return self._tok.lcut_for_search(text, HMM=hmm)

    def tokenize(self, text: str, hmm: bool = False) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` for each word of ``text``."""
        if self.backend == "rjieba":
            return [tuple(t) for t in self._tok.tokenize(text, "default", hmm)]
        return list(self._tok.tokenize(text, HMM=hmm))

    def tag(self, text: str, hmm: bool = False) -> list[tuple[str, str]]:
        """``(word, part-of-speech flag)`` pairs (jieba's ICTCLAS-style flags; '' or 'x' unknown)."""
        if self.backend == "rjieba":
            return [tuple(t) for t in self._tok.tag(text, hmm)]
        if self._pos is None:
            import jieba.posseg

            self._pos = jieba.posseg.POSTokenizer(self._tok)
        return [(p.word, p.flag) for p in self._pos.cut(text, HMM=hmm)]


def segmenter(*, backend: str | None = None) -> Segmenter:
    """The process-wide :class:`Segmenter` with the plan vocabulary (built once, then shared)."""
    if backend is None:
        backend = "rjieba" if _rjieba_available() else "jieba"
    key = (backend,)
    seg = _shared.get(key)
    if seg is None:
        with _lock:
            seg = _shared.get(key)
            if seg is None:
                seg = _shared[key] = Segmenter(plan_vocabulary(), backend=backend)
    return seg


def plain_segmenter(*, backend: str | None = None) -> Segmenter:
    """The process-wide :class:`Segmenter` with jieba's dictionary alone (no plan vocabulary):
    what models trained on features version 3 read."""
    if backend is None:
        backend = "rjieba" if _rjieba_available() else "jieba"
    key = (backend, "plain")
    seg = _shared.get(key)
    if seg is None:
        with _lock:
            seg = _shared.get(key)
            if seg is None:
                seg = _shared[key] = Segmenter(backend=backend)
    return seg


def new_jieba_tokenizer():
    """A fresh, initialised ``jieba.Tokenizer`` (jieba's logging kept quiet)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def jieba_tokenizer():
    """This thread's private, initialised plain ``jieba.Tokenizer`` (for the typo detector's
    DAG and frequencies, which only jieba's Python API exposes)."""
    tok = getattr(_local, "tok", None)
    if tok is None:
        tok = _local.tok = new_jieba_tokenizer()
    return tok
