"""The phrasings a draft draws on: the drafting corpora as one index, and its part at one tier.

With no ``corpus`` given, a draft draws on the team corpus (``community-v1``)
and the drafting corpus beside it (``drafting-v1``: plans written wholly at
one tier and subject), merged into one :class:`~plantext.suggest.index.Index`.
:func:`tier_index` keeps only the plans written at the draft's tier, so that
retrieval ranks a 社区 plan's sentences among 社区 plans before any filter runs.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

import numpy as np

from .coherence import _WORD_TIER

#: a tier's own index is used when it holds at least this many entries
MIN_TIER_ENTRIES = 200
_LOCK = threading.RLock()
_MERGED: dict[tuple, Any] = {}
_TIERED: "weakref.WeakKeyDictionary[Any, dict]" = weakref.WeakKeyDictionary()


def draft_index(corpus: Any = None):
    """The index a draft retrieves from: ``corpus`` as given, else the drafting corpora merged."""
    from ..suggest import get_index

    if corpus is not None:
        return get_index(corpus)
    from ..resources import drafting_corpus_dirs

    folders = drafting_corpus_dirs()
    parts = [get_index(f) for f in folders] if len(folders) > 1 else []
    if not parts:
        return get_index(None)
    key = tuple(id(p) for p in parts)
    with _LOCK:
        if key not in _MERGED:
            _MERGED.clear()
            _MERGED[key] = (parts, merge(parts, [str(f) for f in folders]))
        return _MERGED[key][1]


def merge(parts: list, folders: list[str]):
    """One index over the entries of ``parts`` (vectors kept when all have them from one encoder)."""
    from ..suggest.index import Index

    entries = [e for p in parts for e in p.entries]
    encoders = {p.encoder_name for p in parts}
    dense: Any = False
    meta = {"source": folders[0], "folders": folders}
    if all(p.dense is not None for p in parts) and len(encoders) == 1:
        dense = np.concatenate([p.dense for p in parts])
        meta["encoder"] = encoders.pop()
    return Index.from_entries(entries, dense=dense, meta=meta)


def entry_tier(entry) -> str | None:
    """The tier of the plan an entry comes from (社区 → community, 镇 → street …)."""
    return _WORD_TIER.get(entry.level or "")


def tier_index(index, tier: str | None):
    """The entries of ``index`` from plans of ``tier`` as an index of their own (None: too few)."""
    if tier is None:
        return None
    from ..suggest.index import Index

    with _LOCK:
        built = _TIERED.setdefault(index, {})
        if tier not in built:
            rows = [i for i, e in enumerate(index.entries) if entry_tier(e) == tier]
            if len(rows) < MIN_TIER_ENTRIES:
                built[tier] = None
            else:
                dense = index.dense[rows] if index.dense is not None else False
                meta = dict(index.meta, tier=tier)
                built[tier] = Index.from_entries([index.entries[i] for i in rows], dense=dense,
                                                 meta=meta)
        return built[tier]
