"""Corpora at scale: many plans parsed in parallel (with a cache) into research tables.

>>> import plantext as pt
>>> corpus = pt.Corpus.from_dir("corpora/community-v1/docs")       # doctest: +SKIP
>>> frame, docs = corpus.to_frame(), corpus.documents()            # doctest: +SKIP
>>> from plantext.corpus import theme_prevalence, section_coverage  # doctest: +SKIP
>>> theme_prevalence(frame, by="year")                             # doctest: +SKIP

Analyses live in :mod:`plantext.corpus.analysis`, plots in
:mod:`plantext.corpus.plots`, the Dask engine in :mod:`plantext.corpus.dask_engine`.
"""

from .core import Corpus, Failure, documents_path
from .frames import COLUMNS, DOC_COLUMNS

_ANALYSES = ("theme_prevalence", "section_coverage", "distinctive_terms", "theme_keywords",
             "near_duplicates", "log_odds")

__all__ = ["Corpus", "Failure", "COLUMNS", "DOC_COLUMNS", "documents_path", "readable", *_ANALYSES]


def __getattr__(name: str):
    if name in _ANALYSES:
        from . import analysis

        return getattr(analysis, name)
    if name == "readable":
        from .display import readable

        return readable
    raise AttributeError(f"module 'plantext.corpus' has no attribute {name!r}")
