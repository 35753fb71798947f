"""The Dask engine: the same per-document pipeline on dask.bag / dask.dataframe partitions.

Runs on the default scheduler, or on whatever ``dask.distributed`` cluster a
``Client`` is connected to, on this machine or many::

    from dask.distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))   # this machine
    # client = Client("tcp://scheduler:8786")                          # a remote cluster

    import plantext as pt
    from plantext.corpus.dask_engine import corpus_frame, parse_bag

    corpus = pt.Corpus.from_dir("plans/")
    results = corpus.to_dask(npartitions=64, embed=True)     # dask.bag of per-document results
    segments = corpus_frame(corpus, npartitions=64, embed=True)   # dask.dataframe, as to_frame()
    segments.to_parquet("segments/")                        # written partition by partition

    import dask.bag as db
    bag = db.from_sequence([(doc_id, text, {"year": 2024}), ...], npartitions=8)
    parse_bag(bag).compute()                     # a pandas DataFrame, as Corpus.to_frame()

For a remote cluster, every worker needs ``plantext`` installed (the same
version, with ``pip install plantext[dask]``) and, for ``model="sm"``, the
same ``models/`` folder (set ``PLANTEXT_MODELS`` on the workers). Documents
read from files travel as paths, which the workers must see at the same
location (a shared file system); ``to_dask(embed=True)`` ships the files'
bytes instead. Use ``threads_per_worker=1`` and several worker processes:
parsing is pure Python and holds the GIL. This engine does not use the
on-disk cache of :meth:`Corpus.process`.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..errors import DependencyError, error
from .frames import empty_segment_frame, meta_columns, segment_frame
from .worker import process_document


def _dask():
    try:
        import dask.bag as db
        import dask.dataframe as dd
    except ImportError:
        raise error(DependencyError, "E008", name="plantext.corpus.dask_engine", package="dask",
                    install="'plantext[dask]'") from None
    return db, dd


def corpus_bag(corpus, *, npartitions: int | None = None, model: str | None = None,
               split_pages: bool = False, embed: bool = False):
    """A dask.bag of per-document results (dicts as :func:`process_document` returns).

    With ``embed=True`` files travel as bytes, for workers without the files.
    """
    db, _ = _dask()
    specs = [_embedded(s) if embed else dict(s) for s in corpus._specs]
    for spec in specs:
        spec["meta"] = corpus.meta(spec["doc_id"])
    n = npartitions or max(1, min(len(specs), 4 * _cores()))
    import dask

    bins = balanced(specs, n)              # partitions of similar total size, heaviest first
    bag = db.from_delayed([dask.delayed(b, traverse=False) for b in bins])
    return bag.map(_run_spec, model=model, split_pages=split_pages)


def _embedded(spec: Mapping[str, Any]) -> dict[str, Any]:
    import pathlib

    out = dict(spec)
    if out.get("path") is not None:
        path = pathlib.Path(out.pop("path"))
        out["data"], out["suffix"] = path.read_bytes(), path.suffix
    return out


def _run_spec(spec: Mapping[str, Any], model: str | None, split_pages: bool) -> dict[str, Any]:
    result = process_document(dict(spec), model, split_pages)
    result.pop("cacheable", None)
    result["meta"] = dict(spec.get("meta") or {})
    return result


def balanced(specs, n):
    from .engine import balanced as _balanced

    return _balanced(specs, n)


def _cores() -> int:
    from .engine import default_workers

    return default_workers()


def corpus_frame(corpus, *, npartitions: int | None = None, model: str | None = None,
                 split_pages: bool = False, embed: bool = False):
    """A dask.dataframe with the rows and columns of ``corpus.to_frame()``.

    Rows come partition by partition (the largest documents first), each with its
    own index: sort by ``doc_id`` and ``seg_id`` to compare with ``to_frame()``.
    A document that fails has no rows; :func:`failures` of ``corpus.to_dask()``
    lists them.
    """
    bag = corpus_bag(corpus, npartitions=npartitions, model=model, split_pages=split_pages,
                     embed=embed)
    return results_frame(bag, meta_columns(corpus._metas.values()))


def parse_bag(bag, model: str | None = None, *, split_pages: bool = False,
              meta_cols: Sequence[str] | None = None):
    """Parse a bag of ``(doc_id, text, meta)`` into a dask.dataframe of segment rows.

    The columns are those of :meth:`Corpus.to_frame`: the segment columns, then
    the metadata columns ``meta_cols`` (default: title, doc_type, year, region,
    level; a key not listed is dropped, a missing one is None).
    """
    from .worker import _with_doc_type
    from .manifest import clean_meta

    def to_spec(item):
        doc_id, text, meta = item
        meta = clean_meta(meta or {})
        return {**_with_doc_type({"doc_id": str(doc_id), "text": text}, meta), "meta": meta}

    results = bag.map(to_spec).map(_run_spec, model=model, split_pages=split_pages)
    return results_frame(results, meta_cols)


def failures(results) -> list:
    """The documents of a results bag (``corpus.to_dask()``, a bag mapped as in
    :func:`parse_bag`) that failed, as :class:`~plantext.corpus.Failure`: the
    frames have no rows for them."""
    from .worker import Failure

    rows = results.filter(_failed).map(_failure_row).compute()
    return [Failure(*row) for row in rows]


def _failed(result: Mapping[str, Any]) -> bool:
    return bool(result.get("error"))


def _failure_row(result: Mapping[str, Any]) -> tuple:
    err = result["error"]
    return result["doc_id"], err["type"], err["message"], err.get("code")


def results_frame(results, meta_cols: Sequence[str] | None = None):
    """A dask.dataframe of segment rows from a bag of results (:meth:`Corpus.to_dask`).

    ``meta_cols`` are metadata keys (``level``, not ``doc_level``), by default the
    standard ones."""
    import dask

    _, dd = _dask()
    cols = list(meta_cols) if meta_cols is not None else meta_columns([])
    parts = [dask.delayed(_partition_frame)(p, cols) for p in results.to_delayed()]
    # lists and dicts (themes, theme_scores) must stay Python objects, not become strings
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(parts, meta=empty_segment_frame(cols), verify_meta=False)


def _partition_frame(results, cols: list[str]):
    results = list(results)
    metas = {r["doc_id"]: r.get("meta") or {} for r in results}
    return segment_frame(results, metas, cols)
