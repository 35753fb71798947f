"""``Corpus``: many documents, parsed in parallel with a cache, as tables for research."""

from __future__ import annotations

import os
import pathlib
import time
import warnings
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InputError, PlanTextWarning, error
from .manifest import MANIFEST_NAMES, clean_meta, load_index
from .worker import Failure, _with_doc_type  # noqa: F401  (Failure: public as plantext.corpus.Failure)


class Corpus:
    """A collection of documents with metadata, processed into segment and document tables.

    >>> corpus = Corpus.from_dir("plans/")                 # doctest: +SKIP
    >>> corpus.process(workers=2)                          # doctest: +SKIP
    >>> corpus.to_frame()       # one row per segment      # doctest: +SKIP
    >>> corpus.documents()      # one row per document     # doctest: +SKIP

    Columns are documented in :data:`plantext.corpus.COLUMNS` and
    :data:`plantext.corpus.DOC_COLUMNS`.
    """

    def __init__(self, specs: Sequence[dict[str, Any]], metas: Mapping[str, Mapping[str, Any]],
                 *, root: pathlib.Path | None = None, skipped: Sequence[str] = (), nlp: Any = None):
        from collections import Counter

        dup = [i for i, n in Counter(s["doc_id"] for s in specs).items() if n > 1]
        if dup:
            raise InputError(f"Document ids must be unique; {dup[0]!r} occurs more than once.")
        self._specs = list(specs)
        self._metas = {k: dict(v) for k, v in metas.items()}
        self.root = root
        self.skipped = list(skipped)     # files under root that are not documents
        self._results: dict[str, dict[str, Any]] | None = None
        self.stats: dict[str, Any] = {}
        self.nlp = nlp                   # the Pipeline that parses (None: the default of model=)

    # -- construction -------------------------------------------------------
    @classmethod
    def from_dir(cls, path: str | os.PathLike, pattern: str = "**/*", *,
                 manifest: Any = None, nlp: Any = None) -> "Corpus":
        """Every .txt/.md/.html/.docx/.pdf file under ``path`` matching ``pattern``.

        Metadata comes from a manifest (MANIFEST.tsv, manifest.csv, metadata.csv …) in
        the folder or its parent, matched by relative path or file name; pass
        ``manifest=`` a file or a DataFrame to name one, or ``False`` for none.
        ``nlp`` is the :class:`~plantext.Pipeline` that parses the documents.
        """
        from ..io import FORMATS

        root = pathlib.Path(path)
        if not root.is_dir():
            raise error(InputError, "E006", path=str(root)) if not root.exists() else InputError(
                f"{root} is a file, not a folder: use plantext.parse() for one file.")
        index = load_index(manifest, root)
        specs, metas, skipped = [], {}, []
        for file in sorted(root.glob(pattern)):
            rel = file.relative_to(root).as_posix()
            if not file.is_file() or _hidden(rel) or file.name in MANIFEST_NAMES:
                continue
            if file.suffix.lower() not in FORMATS:
                skipped.append(rel)
                continue
            meta = (index.lookup(file, root) if index else None) or {}
            specs.append(_with_doc_type({"doc_id": rel, "path": str(file)}, meta))
            metas[rel] = meta
        return cls(specs, metas, root=root, skipped=skipped, nlp=nlp)

    @classmethod
    def from_texts(cls, texts: Iterable[str], ids: Sequence[str] | None = None,
                   meta: Sequence[Mapping[str, Any]] | Any = None, *, nlp: Any = None) -> "Corpus":
        """Documents from texts; ``ids`` default to doc0, doc1 …; ``meta`` one dict per text
        (or a DataFrame with one row per text)."""
        texts = list(texts)
        ids = [str(i) for i in ids] if ids is not None else _default_ids(len(texts))
        metas = _meta_list(meta, len(texts))
        if len(ids) != len(texts):
            raise InputError(f"{len(texts)} texts but {len(ids)} ids: give one id per text.")
        specs = [_with_doc_type({"doc_id": i, "text": t}, m) for i, t, m in zip(ids, texts, metas)]
        return cls(specs, dict(zip(ids, metas)), nlp=nlp)

    @classmethod
    def from_frame(cls, df, text_col: str = "text", id_col: str | None = None, *,
                   nlp: Any = None) -> "Corpus":
        """Documents from a DataFrame: texts in ``text_col``, ids in ``id_col`` (else the
        index), every other column as metadata."""
        if text_col not in df.columns:
            raise InputError(f"No column {text_col!r} in the frame (columns: {list(df.columns)}).")
        ids = df[id_col] if id_col is not None else df.index
        meta = df.drop(columns=[c for c in (text_col, id_col) if c is not None])
        return cls.from_texts(df[text_col].tolist(), [str(i) for i in ids], meta, nlp=nlp)

    # -- basics -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._specs)

    @property
    def ids(self) -> list[str]:
        return [s["doc_id"] for s in self._specs]

    def meta(self, doc_id: str) -> dict[str, Any]:
        """The metadata of one document (standard keys: title, doc_type, year, region, level)."""
        return dict(self._metas.get(doc_id, {}))

    def __repr__(self) -> str:
        state = "processed" if self._results is not None else "not processed"
        where = f", root={str(self.root)!r}" if self.root else ""
        return f"Corpus({len(self)} documents{where}, {state})"

    # -- processing ---------------------------------------------------------
    def process(self, model: str | None = None, workers: int | None = None, *,
                chunksize: int | None = None, cache: bool | str | os.PathLike = True,
                progress: bool = True, split_pages: bool = False) -> "Corpus":
        """Parse every document (one Plan each; ``split_pages=True`` uses ``parse_many``).

        Runs in ``workers`` processes (default: all cores; 1 = in this process), in
        chunks of ``chunksize`` documents, with a tqdm bar. ``cache`` (True, False or a
        folder) keeps each result on disk keyed by content, model and plantext version,
        so re-runs parse only what changed. Failures land in :attr:`failures`.
        ``to_frame()`` and ``documents()`` call this with the defaults when needed.

        As with any multiprocessing, a script must run this under
        ``if __name__ == "__main__":`` when ``workers > 1`` (notebooks need nothing).
        """
        from . import engine
        from .cache import ResultCache, model_fingerprint

        model = self.nlp if model is None else model    # a name, a models folder or a Pipeline
        t0 = time.perf_counter()
        store = None if cache is False else ResultCache(None if cache is True else cache)
        fingerprint, options = model_fingerprint(model), {"split_pages": bool(split_pages)}
        results, pending = self._lookup(store, fingerprint, options)
        bar = _bar(len(pending), progress)
        try:
            for res in engine.run_specs(pending, model=model, split_pages=split_pages,
                                        workers=workers, chunksize=chunksize, progress=bar.update,
                                        cache_dir=str(store.folder) if store else None):
                results[res["doc_id"]] = res
        finally:
            bar.close()
        self._results = {s["doc_id"]: results[s["doc_id"]] for s in self._specs}
        self.stats = {"documents": len(self), "cached": len(self) - len(pending),
                      "parsed": len(pending), "failed": len(self.failures),
                      "seconds": round(time.perf_counter() - t0, 3)}
        if self.failures:
            warnings.warn(f"{len(self.failures)} of {len(self)} documents failed; see "
                          "corpus.failures.", PlanTextWarning, stacklevel=2)
        return self

    def _lookup(self, store, fingerprint: str, options: dict[str, Any]):
        """Cached results by doc id, and the specs still to parse (with their cache keys)."""
        from .cache import cache_key

        results, pending = {}, []
        for spec in self._specs:
            key = cache_key(spec, fingerprint, options) if store else None
            hit = store.get(key) if store else None
            if hit is not None:
                results[spec["doc_id"]] = _replayed(hit, spec)
            else:
                pending.append({**spec, "cache_key": key})
        return results, pending

    def _processed(self) -> dict[str, dict[str, Any]]:
        if self._results is None:
            self.process()
        return self._results

    @property
    def failures(self) -> list[Failure]:
        """The documents that failed (empty before processing)."""
        out = []
        for res in (self._results or {}).values():
            err = res.get("error")
            if err:
                out.append(Failure(res["doc_id"], err["type"], err["message"], err.get("code")))
        return out

    # -- tables -------------------------------------------------------------
    def to_frame(self):
        """One row per segment: see :data:`plantext.corpus.COLUMNS` (processes first if needed)."""
        from .frames import segment_frame

        return segment_frame(self._processed().values(), self._metas)

    def documents(self):
        """One row per document: see :data:`plantext.corpus.DOC_COLUMNS`."""
        from .frames import document_frame

        return document_frame(self._processed().values(), self._metas)

    def to_parquet(self, path: str | os.PathLike, *, documents: bool = True) -> list[pathlib.Path]:
        """Write the segment table to ``path`` and the document table to
        ``<stem>.documents.parquet`` beside it; the paths written."""
        return self._export(path, "parquet", documents)

    def to_csv(self, path: str | os.PathLike, *, documents: bool = True) -> list[pathlib.Path]:
        """As :meth:`to_parquet`, as CSV (lists '|'-joined, dicts as JSON)."""
        return self._export(path, "csv", documents)

    def _export(self, path, fmt: str, documents: bool) -> list[pathlib.Path]:
        from .frames import export_frame

        path = pathlib.Path(path)
        export_frame(self.to_frame(), path, fmt)
        written = [path]
        if documents:
            doc_path = documents_path(path)
            export_frame(self.documents(), doc_path, fmt)
            written.append(doc_path)
        return written

    # -- beyond one machine -------------------------------------------------
    def to_dask(self, npartitions: int | None = None, *, model: str | None = None,
                split_pages: bool = False, embed: bool = False):
        """A dask.bag of per-document results (see :mod:`plantext.corpus.dask_engine`)."""
        from .dask_engine import corpus_bag

        return corpus_bag(self, npartitions=npartitions, model=self.nlp if model is None else model,
                          split_pages=split_pages, embed=embed)


def documents_path(path: str | os.PathLike) -> pathlib.Path:
    """``out.parquet`` → ``out.documents.parquet`` (same folder, same suffix)."""
    path = pathlib.Path(path)
    return path.with_name(f"{path.stem}.documents{path.suffix}")


def _replayed(hit: dict[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """A cached result for ``spec``: its doc id, and a failure's message naming this file
    (the cache key is the content: the same bytes may have come under another name)."""
    out = {**hit, "doc_id": spec["doc_id"]}
    err = hit.get("error")
    if err:
        old, new = err.get("path"), spec.get("path")
        message = err["message"].replace(old, new) if old and new and old != new else err["message"]
        out["error"] = {**err, "message": message, "path": new}
    return out


def _hidden(rel: str) -> bool:
    return any(p.startswith((".", "~$", "__")) for p in rel.split("/"))


def _default_ids(n: int) -> list[str]:
    width = max(1, len(str(max(n - 1, 0))))
    return [f"doc{i:0{width}d}" for i in range(n)]


def _meta_list(meta: Any, n: int) -> list[dict[str, Any]]:
    if meta is None:
        return [{} for _ in range(n)]
    rows = meta.to_dict("records") if hasattr(meta, "to_dict") else list(meta)
    if len(rows) != n:
        raise InputError(f"{n} texts but {len(rows)} metadata rows: give one per text.")
    return [clean_meta(r or {}) for r in rows]


def _bar(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="分析文档", unit="份", disable=not enabled or total == 0)
