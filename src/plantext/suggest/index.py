"""The suggestion index: labelled entries, a BM25 matrix and optional e5 vectors.

An index is saved as a folder of plain files, never pickles::

    index.json     format version, plantext version, encoder, counts, build date, source hashes
    entries.jsonl  one entry a line: text, role, themes, doc_id, path, doc_type, kind
    bm25.npz       the BM25 weight matrix (CSC parts) and idf
    vocab.json     the BM25 terms, in column order
    dense.npy      float16 e5 passage vectors (absent when built without the trf extra)
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import pathlib
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..document import ROLES, Plan
from ..errors import DataError, InputError, error
from .bm25 import BM25
from .entries import Entry, dedupe, folder_entries, plan_entries
from .tokens import tokens

log = logging.getLogger(__name__)

FORMAT = "plantext-suggest-index"
FORMAT_VERSION = 1
TOKENIZER = "jieba-search+plan-vocab/2"   # 2: rjieba, vocabulary frequencies by suggest_freq
_FILES = ("index.json", "entries.jsonl", "bm25.npz", "vocab.json")


class Index:
    """Entries with their BM25 matrix and, optionally, unit e5 vectors (float32 in memory)."""

    def __init__(self, entries: Sequence[Entry], bm25: BM25, dense: np.ndarray | None = None,
                 meta: dict[str, Any] | None = None):
        self.entries = list(entries)
        self.bm25 = bm25
        self.dense = None if dense is None else np.ascontiguousarray(dense, dtype=np.float32)
        self.meta = dict(meta or {})
        self._labels()
        self.cache: dict[Any, Any] = {}

    def _labels(self) -> None:
        roles = {r: i for i, r in enumerate(ROLES)}
        self.role_ids = np.asarray([roles.get(e.role, -1) for e in self.entries], dtype=np.int8)
        codes = sorted({_top(t) for e in self.entries for t in e.themes})
        self.theme_codes = {c: j for j, c in enumerate(codes)}
        self.theme_matrix = np.zeros((len(self.entries), len(codes)), dtype=bool)
        for i, e in enumerate(self.entries):
            for t in e.themes:
                self.theme_matrix[i, self.theme_codes[_top(t)]] = True
        docs: dict[str, int] = {}
        self.doc_codes = np.asarray([docs.setdefault(e.doc_id, len(docs)) for e in self.entries],
                                    dtype=np.int32)
        self.doc_index = docs

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        dense = f", dense={self.dense.shape[1]}" if self.dense is not None else ""
        return f"Index({len(self)} entries, {len(self.doc_index)} documents{dense})"

    @property
    def encoder_name(self) -> str | None:
        return self.meta.get("encoder")

    def mask(self, roles: Sequence[str] = (), themes: Sequence[str] = (),
             exclude: Iterable[str] = ()) -> np.ndarray:
        """Entries whose role is one of ``roles`` and which share a theme with ``themes``."""
        keep = np.ones(len(self), dtype=bool)
        if roles:
            keep &= np.isin(self.role_ids, [ROLES.index(r) for r in roles])
        if themes:
            cols = [self.theme_codes[t] for t in {_top(t) for t in themes} if t in self.theme_codes]
            keep &= self.theme_matrix[:, cols].any(axis=1) if cols else False
        drop = [self.doc_index[d] for d in exclude if d in self.doc_index]
        if drop:
            keep &= ~np.isin(self.doc_codes, drop)
        return keep

    def memory_bytes(self) -> int:
        """Approximate memory of the arrays and entry texts."""
        m = self.bm25.matrix_
        size = m.data.nbytes + m.indices.nbytes + m.indptr.nbytes + self.theme_matrix.nbytes
        size += sum(len(e.text) * 3 + 120 for e in self.entries)
        size += sum(len(t) * 3 + 60 for t in self.bm25.vocabulary_)
        return size + (self.dense.nbytes if self.dense is not None else 0)

    # -- building ------------------------------------------------------------
    @classmethod
    def from_entries(cls, entries: Sequence[Entry], *, dense: Any = "auto",
                     meta: dict[str, Any] | None = None,
                     reuse: Sequence["Index"] = ()) -> "Index":
        """An index over ``entries`` as given (no filtering, no deduplication).

        ``dense``: ``"auto"`` (embed when the encoder is available), True (embed
        or raise), False (sparse only) or a ready (n, dim) array. Vectors of
        texts that an index in ``reuse`` already embedded with the same encoder
        are taken from it.
        """
        from . import dense as dense_mod

        bm25 = BM25().fit([tokens(e.text) for e in entries])
        meta = dict(meta or {})
        vectors, reason = None, None
        if isinstance(dense, np.ndarray):
            vectors = dense
        elif dense:
            encoder, reason = dense_mod.encoder_or_reason()
            if encoder is None and dense is True:
                dense_mod.load_encoder()  # raises the underlying error
            if encoder is not None:
                vectors = _embed(encoder, [e.text for e in entries], reuse)
                meta["encoder"] = encoder.name
        if reason:
            meta["dense_skipped"] = reason
        meta.update(bm25={"k1": bm25.k1, "b": bm25.b, "avgdl": bm25.avgdl_})
        return cls(entries, bm25, vectors, meta)

    # -- persistence ---------------------------------------------------------
    def save(self, path: str | os.PathLike) -> pathlib.Path:
        """Write the index folder ``path`` (replaced atomically if it already holds an index)."""
        from ..version import __version__

        out = pathlib.Path(path)
        if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not is_index(out))):
            raise error(DataError, "E010", what="index folder", path=out,
                        reason="it exists and is not a plantext index; choose another path")
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = pathlib.Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        try:
            self._write(tmp, __version__)
            if out.exists():
                shutil.rmtree(out)
            os.replace(tmp, out)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return out

    def _write(self, folder: pathlib.Path, version: str) -> None:
        meta = dict(self.meta, format=FORMAT, format_version=FORMAT_VERSION,
                    plantext_version=version, tokenizer=TOKENIZER, entries=len(self),
                    documents=len(self.doc_index),
                    dim=None if self.dense is None else int(self.dense.shape[1]))
        meta.setdefault("built", _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
        meta.setdefault("encoder", None)
        with open(folder / "entries.jsonl", "w", encoding="utf-8") as fh:
            for e in self.entries:
                fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        np.savez(folder / "bm25.npz", **self.bm25.arrays())
        (folder / "vocab.json").write_text(json.dumps(self.bm25.vocabulary(), ensure_ascii=False),
                                           encoding="utf-8")
        if self.dense is not None:
            np.save(folder / "dense.npy", self.dense.astype(np.float16), allow_pickle=False)
        (folder / "index.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                           encoding="utf-8")


def is_index(path: str | os.PathLike) -> bool:
    """True when ``path`` is a folder holding an ``index.json``."""
    return (pathlib.Path(path) / "index.json").is_file()


def load_index(path: str | os.PathLike) -> Index:
    """Load an index folder written by :func:`build_index` (format version checked)."""
    folder = pathlib.Path(path)
    if not folder.exists():
        raise error(InputError, "E006", path=folder)
    meta = _read_meta(folder)
    missing = [f for f in _FILES if not (folder / f).is_file()]
    if missing:
        raise _bad(folder, f"missing {', '.join(missing)}")
    try:
        entries = [Entry.from_dict(json.loads(line)) for line in
                   (folder / "entries.jsonl").read_text(encoding="utf-8").splitlines() if line]
        with np.load(folder / "bm25.npz", allow_pickle=False) as arrays:
            vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
            b = meta["bm25"]
            bm25 = BM25.from_arrays(arrays, vocab, k1=b["k1"], b=b["b"], avgdl=b["avgdl"])
        dense = None
        if (folder / "dense.npy").is_file():
            dense = np.load(folder / "dense.npy", allow_pickle=False)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _bad(folder, f"{type(exc).__name__}: {exc}") from exc
    if bm25.n_docs != len(entries) or (dense is not None and len(dense) != len(entries)):
        raise _bad(folder, "the entries, BM25 matrix and vectors disagree in length")
    return Index(entries, bm25, dense, meta)


def _read_meta(folder: pathlib.Path) -> dict[str, Any]:
    if not is_index(folder):
        raise _bad(folder, "no index.json: build one with `plantext corpus index DIR -o INDEX`")
    try:
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _bad(folder, f"index.json is unreadable ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _bad(folder, "index.json is not a plantext suggestion index")
    if meta.get("format_version") != FORMAT_VERSION:
        raise _bad(folder, f"index format version {meta.get('format_version')!r}, this plantext "
                           f"reads version {FORMAT_VERSION}; rebuild it with "
                           f"`plantext corpus index DIR -o {folder}`")
    return meta


def _bad(folder: pathlib.Path, reason: str) -> DataError:
    return error(DataError, "E010", what="suggestion index", path=folder, reason=reason)


def collect(source: Any, *, model: str | None = None) -> tuple[list[Entry], dict[str, Any]]:
    """Filtered, deduplicated entries of a folder, a file, or plans, with provenance meta."""
    from .entries import file_entries

    if isinstance(source, Plan):
        source = [source]
    if isinstance(source, (str, os.PathLike)):
        path = pathlib.Path(source)
        if path.is_dir():
            entries, hashes, skipped = folder_entries(path, model=model)
        elif path.is_file():
            entries, skipped = file_entries(path, path.stem, model=model), []
            hashes = {path.name: _sha256(path)}
        else:
            raise error(InputError, "E006", path=path)
        meta = {"source": str(path.resolve()), "sources": hashes, "skipped": skipped}
    else:
        entries, meta = [], {"source": "plans", "sources": {}, "skipped": []}
        for plan in source:
            if not isinstance(plan, Plan):
                raise InputError(f"build_index() takes a folder, a file or Plans, not "
                                 f"{type(plan).__name__}.")
            entries.extend(plan_entries(plan))
    return dedupe(entries), meta


def build_index(source: Any, out_path: str | os.PathLike | None = None, *, dense: Any = "auto",
                model: str | None = None, reuse: Sequence[Index] = ()) -> Index:
    """Build an index over a folder of documents (any readable format) or a list of Plans.

    Annotated folders (with ``annotations/*.json``) take their labels from the
    annotations, other documents from ``plantext.parse(..., model=model)``.
    Saved to ``out_path`` when given.
    """
    entries, meta = collect(source, model=model)
    if not entries:
        raise error(DataError, "E010", what="corpus", path=meta["source"],
                    reason="no usable sentences were found in it")
    index = Index.from_entries(entries, dense=dense, meta=meta, reuse=reuse)
    if out_path is not None:
        index.save(out_path)
    return index


def _embed(encoder, texts: list[str], reuse: Sequence[Index]) -> np.ndarray:
    from .dense import encode_passages

    known = {}
    for old in reuse:
        if old.dense is not None and old.encoder_name == encoder.name:
            known.update((e.text, old.dense[i]) for i, e in enumerate(old.entries))
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    if todo:
        known.update(zip(todo, encode_passages(encoder, todo)))
    dim = encoder.dim
    return np.stack([known[t] for t in texts]) if texts else np.zeros((0, dim), np.float32)


def _sha256(path: pathlib.Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _top(theme: str) -> str:
    return theme.split(".", 1)[0]
