"""Phrasing suggestions: hybrid retrieval over a labelled corpus, with provenance.

>>> import plantext as pt
>>> hits = pt.suggest("开展垃圾分类宣传", role="measure", k=3)  # doctest: +SKIP
>>> hits[0].source                                                       # doctest: +SKIP
'cv1d06#三/（二）'

Entries are the sentences and enumerated items of the corpus' plans; BM25
over jieba words is fused with e5 vectors (when the ``trf`` extra is
installed) by reciprocal rank fusion, filtered by role and theme, and
diversified by MMR. jieba, scipy and torch load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "cached_index": "api", "clear_cache": "api", "get_index": "api", "team_corpus_dir": "api",
    "Entry": "entries", "FORMAT_VERSION": "index", "Index": "index", "build_index": "index",
    "load_index": "index", "SuggestResult": "rank", "search": "rank",
}

__all__ = ["FORMAT_VERSION", "Entry", "Index", "SuggestResult", "build_index", "cached_index",
           "clear_cache", "get_index", "load_index", "search", "suggest", "team_corpus_dir"]


def suggest(text: str | None = None, *, role: Any = None, theme: Any = None, k: int = 5,
            corpus: Any = None, **kwargs: Any):
    """k phrasings for ``text`` and/or a role and theme, with score and provenance.

    See :func:`plantext.suggest.api.suggest`; numpy, jieba and the index load on first use.
    """
    from .api import suggest as _suggest

    return _suggest(text, role=role, theme=theme, k=k, corpus=corpus, **kwargs)


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


from .._callable import make_callable  # noqa: E402

make_callable(__name__, "suggest")   # pt.suggest(...) calls suggest(); plantext.suggest.bm25 still imports
