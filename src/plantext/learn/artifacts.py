"""Model folders: weights in .npz/.safetensors/.json (never pickle), meta.json checked on load.

A model folder holds ``meta.json`` (name, kind, model version, the plantext
versions it fits, training data and its hashes, metrics, the sha256 of every
weight file) and a short ``README.md`` model card. Loading refuses a folder
whose files do not match their recorded hashes, or whose plantext range
excludes this plantext.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import pathlib
from typing import Any

from ..errors import ModelError, error

META = "meta.json"
FORMAT_VERSION = 1


def sha256_file(path: pathlib.Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _version_tuple(v: str) -> tuple[int, ...]:
    parts = []
    for p in v.split("."):
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def version_in_range(version: str, spec: str) -> bool:
    """``version`` satisfies a spec like ``>=0.1,<0.2`` (compared as integer tuples)."""
    v = _version_tuple(version)
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        for op in (">=", "<=", "==", ">", "<"):
            if clause.startswith(op):
                bound = _version_tuple(clause[len(op):].strip())
                n = max(len(v), len(bound))
                a, b = v + (0,) * (n - len(v)), bound + (0,) * (n - len(bound))
                ok = {">=": a >= b, "<=": a <= b, "==": a == b, ">": a > b, "<": a < b}[op]
                if not ok:
                    return False
                break
        else:
            raise error(ModelError, "E011", path="meta.json", reason=f"unreadable version clause {clause!r}")
    return True


def write_meta(folder: pathlib.Path, meta: dict[str, Any], card: str) -> None:
    """Write meta.json (with file hashes) and README.md into ``folder``."""
    from ..version import __version__

    major, minor = _version_tuple(__version__)[:2]
    meta = dict(meta)
    meta.setdefault("format_version", FORMAT_VERSION)
    meta.setdefault("plantext_version", __version__)
    meta.setdefault("plantext_requires", f">={major}.{minor},<{major}.{minor + 1}")
    meta.setdefault("created", _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    meta["files"] = {p.name: sha256_file(p) for p in sorted(folder.iterdir())
                     if p.is_file() and p.name not in (META, "README.md")}
    (folder / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(card, encoding="utf-8")


def read_meta(folder: pathlib.Path, *, kind: str | None = None) -> dict[str, Any]:
    """meta.json of ``folder``, after checking completeness, hashes and versions."""
    from ..version import __version__

    path = folder / META
    if not path.is_file():
        raise error(ModelError, "E012", path=folder, reason="meta.json is missing")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise error(ModelError, "E012", path=folder, reason=f"meta.json is unreadable ({exc})") from None
    if kind is not None and meta.get("kind") != kind:
        raise error(ModelError, "E011", path=folder, reason=f"it is a {meta.get('kind')!r} model, not {kind!r}")
    if meta.get("format_version") != FORMAT_VERSION:
        raise error(ModelError, "E011", path=folder, reason=f"format version {meta.get('format_version')}")
    if not version_in_range(__version__, meta.get("plantext_requires", "")):
        raise error(ModelError, "E011", path=folder,
                    reason=f"it needs plantext {meta.get('plantext_requires')}, this is {__version__}")
    for name, digest in meta.get("files", {}).items():
        f = folder / name
        if not f.is_file():
            raise error(ModelError, "E012", path=folder, reason=f"{name} is missing")
        if sha256_file(f) != digest:
            raise error(ModelError, "E011", path=folder,
                        reason=f"{name} does not match the hash in meta.json (modified or corrupt)")
    return meta


def load_model(folder: pathlib.Path):
    """Load any plantext model folder, dispatching on meta.json's ``kind``."""
    meta = read_meta(folder)
    kind = meta.get("kind")
    if kind == "roles-sm":
        from .sm import RoleModelSM
        return RoleModelSM.load(folder, meta)
    if kind == "themes-sm":
        from .sm import ThemeModelSM
        return ThemeModelSM.load(folder, meta)
    if kind == "roles-trf":
        from .trf import RoleModelTRF
        return RoleModelTRF.load(folder, meta)
    if kind == "themes-trf":
        from .trf import ThemeModelTRF
        return ThemeModelTRF.load(folder, meta)
    raise error(ModelError, "E011", path=folder, reason=f"unknown model kind {kind!r}")
