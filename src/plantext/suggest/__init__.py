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

from .api import cached_index, clear_cache, get_index, suggest, team_corpus_dir
from .entries import Entry
from .index import FORMAT_VERSION, Index, build_index, load_index
from .rank import SuggestResult, search

__all__ = ["FORMAT_VERSION", "Entry", "Index", "SuggestResult", "build_index", "cached_index",
           "clear_cache", "get_index", "load_index", "search", "suggest", "team_corpus_dir"]
