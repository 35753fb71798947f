"""The on-disk cache of per-document results: gzipped JSON, never pickle.

A result is stored under a key that hashes the document's content (sha256 of
its text, or of the file's bytes), the model's fingerprint (name and the
hashes of its ``meta.json`` files), the plantext version, the result format
and the parse options. Change any of them and the document is parsed again;
change nothing and a re-run reads every result back from disk.

The cache lives in ``$PLANTEXT_CACHE/corpus/``, else
``$XDG_CACHE_HOME/plantext/corpus/``, else ``~/.cache/plantext/corpus/``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pathlib
import tempfile
from typing import Any

#: Bumped whenever the layout of a worker's result changes (part of every cache key).
RESULT_FORMAT = 1


def default_cache_dir() -> pathlib.Path:
    """Where corpus results are cached unless ``cache=`` names a folder."""
    env = os.environ.get("PLANTEXT_CACHE")
    if env:
        return pathlib.Path(env).expanduser() / "corpus"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = pathlib.Path(xdg).expanduser() if xdg else pathlib.Path.home() / ".cache"
    return base / "plantext" / "corpus"


def content_hash(spec: dict[str, Any]) -> str:
    """sha256 of a document's text, or of its file's bytes (with the suffix)."""
    h = hashlib.sha256()
    if spec.get("path") is not None:
        path = pathlib.Path(spec["path"])
        h.update(path.suffix.lower().encode() + b"\0")
        try:
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        except OSError as exc:  # unreadable: a key that never hits; the worker records why
            h.update(f"unreadable:{path}:{exc}".encode())
    elif spec.get("data") is not None:
        h.update(str(spec.get("suffix", "")).lower().encode() + b"\0" + bytes(spec["data"]))
    else:
        h.update(b"text\0" + str(spec.get("text")).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def model_fingerprint(model: Any) -> str:
    """The model's name and a hash of its ``meta.json`` files (``untrained`` when absent).

    ``model`` is a name, or a :class:`~plantext.Pipeline` (its own fingerprint).
    """
    if hasattr(model, "fingerprint"):
        return model.fingerprint()
    if model == "none":
        return "none"
    from ..resources import models_dir

    return models_fingerprint(model or "sm", models_dir())


def models_fingerprint(name: str, folder: pathlib.Path) -> str:
    """``name:<hash of the roles/themes meta.json in folder>`` (``name:untrained`` when none)."""
    h = hashlib.sha256()
    found = False
    for kind in ("roles", "themes"):
        meta = folder / f"{kind}-{name}" / "meta.json"
        if meta.is_file():
            h.update(kind.encode() + meta.read_bytes())
            found = True
    return f"{name}:{h.hexdigest()[:16]}" if found else f"{name}:untrained"


def cache_key(spec: dict[str, Any], fingerprint: str, options: dict[str, Any]) -> str:
    """The cache key of one document under a model and parse options."""
    from ..version import __version__

    parts = [content_hash(spec), fingerprint, __version__, RESULT_FORMAT,
             spec.get("doc_type"), sorted(options.items())]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=True, default=str).encode()).hexdigest()


class ResultCache:
    """Per-document results as ``<dir>/<key[:2]>/<key>.json.gz``."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = pathlib.Path(folder) if folder is not None else default_cache_dir()

    def _path(self, key: str) -> pathlib.Path:
        return self.folder / key[:2] / f"{key}.json.gz"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored result for ``key``, or None (missing or unreadable)."""
        path = self._path(key)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return json.load(f)
        except (OSError, EOFError, ValueError):
            return None

    def put(self, key: str, result: dict[str, Any]) -> None:
        """Store ``result`` atomically (written to a temporary file, then renamed)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb",
                                                          compresslevel=5, mtime=0) as gz:
                gz.write(json.dumps(result, ensure_ascii=False).encode("utf-8"))
            os.replace(tmp, path)
        except BaseException:
            pathlib.Path(tmp).unlink(missing_ok=True)
            raise

    def clear(self) -> int:
        """Delete every cached result; the number of files removed."""
        n = 0
        for path in self.folder.glob("*/*.json.gz"):
            path.unlink(missing_ok=True)
            n += 1
        return n
