"""``suggest()``: which index to search, built or loaded once per process.

``corpus`` is None (the team corpus, indexed on first use into the user
cache), a folder written by ``plantext corpus index``, a folder of documents
(indexed on the fly and cached the same way), a :class:`plantext.Corpus`
(its documents, indexed once per process), or an :class:`Index`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pathlib
import threading
import weakref
from typing import Any

from ..errors import DataError, InputError, PlanTextError, error
from .entries import doc_files
from .index import Index, build_index, is_index, load_index
from .rank import SuggestResult, search

log = logging.getLogger(__name__)

CORPUS_ENV = "PLANTEXT_CORPUS"

SECONDS_PER_DOCUMENT = 1.5   # parse and label one plan (sm), for the time estimate only
SECONDS_PER_ANNOTATED = 0.03   # read one annotated plan (labels from its annotation)
_MEMO: dict[tuple, Index] = {}
_CORPUS_MEMO: "weakref.WeakKeyDictionary[Any, dict[bool, Index]]" = weakref.WeakKeyDictionary()
_LOCK = threading.RLock()


def suggest(text: str | None = None, *, role=None, theme=None, k: int = 5,
            corpus: Any = None, mode: str = "auto", context=None,
            guess_role: bool = True) -> SuggestResult:
    """Up to ``k`` phrasings for draft ``text`` and/or a ``role`` and ``theme``.

    ``role``/``theme`` take a code or a list of codes (a list of themes means
    any of them). Without text, the most typical phrasings of the role and
    theme come first. ``mode`` is ``"auto"`` (hybrid when the encoder and the
    index's vectors are there, else sparse), ``"hybrid"``, ``"sparse"`` or
    ``"dense"``. Fewer than ``k`` come back when fewer match.

    Returns a list of :class:`~plantext.Suggestion` (``source`` is
    ``"<doc id>#<section path>"``) that also carries ``.mode`` (hybrid,
    sparse …) and ``.reason`` (why dense retrieval was not used, or None).

    Without ``role``, the role of ``text`` is guessed (``.role_guess``) from
    ``context`` (the headings it is written under, outermost first, e.g.
    ``["三、保障措施", "（一）加强组织领导"]``), an inline heading of its own, or
    the role model; a sure guess keeps the suggestions to that role, so that
    they fit the section being written. ``guess_role=False`` turns this off.

    >>> hits = suggest("加强社区养老服务", role="measure", theme="elderly", k=3)  # doctest: +SKIP
    """
    if text is not None and not isinstance(text, str):
        raise InputError(f"suggest() takes draft text as a str (or None), not {type(text).__name__}.")
    index = get_index(corpus, dense=mode != "sparse")
    guess = None
    if role is None and guess_role and (text or context):
        from .query_role import guess_role as _guess

        guess = _guess(text, context)
    return search(index, text, role=role, theme=theme, k=k, mode=mode, guess=guess)


def get_index(corpus: Any = None, *, dense: bool = True) -> Index:
    """The :class:`Index` for ``corpus`` (see :func:`suggest`), cached in this process.

    With ``dense=False`` a folder of documents indexed on the fly skips the
    (slow) embedding; a later ``dense=True`` call adds it when the encoder is there.
    """
    if isinstance(corpus, Index):
        return corpus
    from ..corpus import Corpus

    if isinstance(corpus, Corpus):
        return _corpus_index(corpus, dense)
    if not isinstance(corpus, (str, os.PathLike, type(None))):
        raise InputError(f"corpus= takes None, a folder, a plantext.Corpus or an Index, "
                         f"not {type(corpus).__name__}.")
    path = team_corpus_dir() if corpus is None else pathlib.Path(corpus).expanduser()
    if not path.exists():
        raise error(InputError, "E006", path=path)
    if not path.is_dir():
        raise error(InputError, "E010", what="corpus", path=path,
                    reason="give an index folder (plantext corpus index) or a folder of documents")
    key = _memo_key(path)
    with _LOCK:
        index = _MEMO.get(key)
        if index is None or (dense and index.dense is None and key[0] == "dir"
                             and _encoder_ready()):
            for stale in [k for k in _MEMO if k[:2] == key[:2]]:
                del _MEMO[stale]
            index = load_index(path) if is_index(path) else cached_index(path, dense=dense)
            _MEMO[key] = index
        return index


def _corpus_index(corpus, dense: bool) -> Index:
    """The index of a :class:`~plantext.Corpus`'s documents, built once per corpus object."""
    from .entries import dedupe, file_entries

    with _LOCK:
        built = _CORPUS_MEMO.setdefault(corpus, {})
        ready = built.get(True, built.get(False) if not dense else None)   # vectors serve sparse too
        if ready is not None:
            return ready
        entries = dedupe(e for spec in corpus._specs
                         for e in file_entries(pathlib.Path(spec["path"]) if "path" in spec else spec["text"],
                                               spec["doc_id"]))
        if not entries:
            raise error(DataError, "E010", what="corpus", path=repr(corpus),
                        reason="no usable sentences were found in its documents")
        meta = {"source": repr(corpus), "sources": {}, "skipped": []}
        built[dense] = Index.from_entries(entries, dense="auto" if dense else False, meta=meta)
        return built[dense]


def _encoder_ready() -> bool:
    from .dense import encoder_or_reason

    return encoder_or_reason()[0] is not None


def clear_cache() -> None:
    """Forget the indexes loaded in this process (the disk cache stays)."""
    with _LOCK:
        _MEMO.clear()


def team_corpus_dir() -> pathlib.Path:
    """The team corpus: ``$PLANTEXT_CORPUS``, else ``community-v1`` (see :mod:`plantext.resources`)."""
    from ..resources import team_corpus_dir as located

    path = located()
    if not path.is_dir():
        raise error(DataError, "E010", what="team corpus", path=path,
                    reason=f"the folder is missing; set ${CORPUS_ENV} or pass corpus= an index "
                           "or a folder of plans")
    return path


def cache_dir() -> pathlib.Path:
    """Where indexes built on the fly are kept: ``<plantext cache>/indexes``."""
    from ..learn.encoder import cache_root

    return cache_root() / "indexes"


def cached_index(folder: pathlib.Path, *, dense: bool = True) -> Index:
    """The index of a folder of documents, loaded from the user cache or built into it.

    The cache entry is keyed by the folder's content hash, so edits rebuild it.
    A sparse-only entry is rebuilt with vectors when ``dense`` is asked for
    and the encoder is available.
    """
    from .entries import RULES_VERSION
    from .index import FORMAT_VERSION

    key = content_hash(folder)
    target = cache_dir() / f"{_slug(folder)}-{key[:16]}-v{FORMAT_VERSION}.{RULES_VERSION}"
    if is_index(target):
        try:
            index = load_index(target)
        except DataError as exc:
            log.warning("rebuilding the cached index %s: %s", target, exc)
        else:
            if index.dense is not None or not dense or not _encoder_ready():
                return index
    log.info("indexing %s into %s (first use)", folder, target)
    from ..progress import about, notice

    n = len(doc_files(folder))
    annotated = len(list((folder / "annotations").glob("*.json")))
    seconds = max(0, n - annotated) * SECONDS_PER_DOCUMENT + annotated * SECONDS_PER_ANNOTATED
    try:
        builtin = folder.resolve() == team_corpus_dir().resolve()
    except PlanTextError:
        builtin = False
    what = f"自带范文（{n} 份）" if builtin else f"文件夹 {folder} 的 {n} 份文档"
    notice(f"第一次使用：正在为{what}建立检索索引（{about(seconds)}"
           f"{'，另加计算语义向量的时间' if dense and _encoder_ready() else ''}）。"
           f"索引缓存在 {cache_dir()}，文件不变时以后直接使用。")
    index = build_index(folder, dense="auto" if dense else False, reuse=_older(folder, target))
    index.meta["content_hash"] = key
    index.save(target)
    return index


def _older(folder: pathlib.Path, target: pathlib.Path) -> list[Index]:
    """Earlier cached indexes of ``folder`` whose vectors can be reused (at most two)."""
    out = []
    paths = [p for p in target.parent.glob(f"{_slug(folder)}-*") if p != target]
    for path in sorted(paths, key=lambda p: p.stat().st_mtime, reverse=True):
        if is_index(path) and (path / "dense.npy").is_file():
            try:
                out.append(load_index(path))
            except DataError:
                continue
        if len(out) == 2:
            break
    return out


def content_hash(folder: pathlib.Path) -> str:
    """sha256 over the names and bytes of the folder's documents and annotations."""
    h = hashlib.sha256()
    files = doc_files(folder) + sorted((folder / "annotations").glob("*.json"))
    for p in files:
        h.update(p.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _memo_key(path: pathlib.Path) -> tuple:
    path = path.resolve()
    if is_index(path):
        return ("index", str(path), (path / "index.json").stat().st_mtime_ns)
    files = doc_files(path) + sorted((path / "annotations").glob("*.json"))
    return ("dir", str(path), tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                                    for p in files))


def _slug(folder: pathlib.Path) -> str:
    name = folder.resolve().name or "corpus"
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:40]
