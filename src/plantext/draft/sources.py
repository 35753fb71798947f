"""What is known of the plans a corpus holds: year, place names and level, by document id.

Annotated corpora (``annotations/*.json`` with ``meta`` {year, region, unit})
give them exactly; for other ``.txt``/``.md`` documents they are read from the
first line (the title). The union of all place names is the gazetteer that
:class:`~plantext.draft.substitute.Adapter` recognises besides its patterns.
"""

from __future__ import annotations

import json
import pathlib
import re
from functools import lru_cache
from typing import Any

from .substitute import SourceInfo, find_names, level_of, split_names

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=\s*年)")
_SLOT = re.compile(r"[×Xx_＿某]")


def corpus_folder(corpus: Any) -> pathlib.Path | None:
    """The folder of documents behind ``corpus`` (None: the team corpus), when there is one."""
    if corpus is None:
        from ..errors import PlanTextError
        from ..suggest.api import team_corpus_dir

        try:
            return team_corpus_dir()
        except PlanTextError:
            return None
    meta = getattr(corpus, "meta", None)
    if isinstance(meta, dict):                      # an Index: the folder it was built from
        return _folder(meta.get("source"))
    if isinstance(corpus, (str, pathlib.PurePath)):
        path = pathlib.Path(corpus).expanduser()
        if (path / "index.json").is_file():         # an index folder: the same
            try:
                return _folder(json.loads((path / "index.json").read_text("utf-8")).get("source"))
            except (OSError, ValueError):
                return None
        return path if path.is_dir() else None
    return None


def corpus_folders(corpus: Any = None) -> list[pathlib.Path]:
    """Every folder of documents behind ``corpus``: several for the drafting pool (pool.draft_index)."""
    meta = getattr(corpus, "meta", None)
    if isinstance(meta, dict) and isinstance(meta.get("folders"), list):
        return [p for p in map(_folder, meta["folders"]) if p is not None]
    one = corpus_folder(corpus)
    return [one] if one is not None else []


def _folder(value: Any) -> pathlib.Path | None:
    if not isinstance(value, str):
        return None
    path = pathlib.Path(value)
    return path if path.is_dir() else None


def source_info(doc_id: str, corpus: Any = None) -> SourceInfo:
    """Year, place names and level of document ``doc_id`` of ``corpus`` (empty when unknown)."""
    for folder in corpus_folders(corpus):
        info = _table(str(folder.resolve())).get(doc_id)
        if info is not None:
            return info
    return SourceInfo()


def gazetteer(corpus: Any = None) -> tuple[str, ...]:
    """Every place name the corpus' documents are known to carry."""
    names = {n for folder in corpus_folders(corpus)
             for info in _table(str(folder.resolve())).values() for n in info.names}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=8)
def _table(folder: str) -> dict[str, SourceInfo]:
    root = pathlib.Path(folder)
    out: dict[str, SourceInfo] = {}
    for ann in sorted((root / "annotations").glob("*.json")):
        try:
            data = json.loads(ann.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        doc_id = pathlib.PurePosixPath(data.get("file") or ann.name).stem
        out[doc_id] = _from_meta(data.get("meta") or {}, data.get("title") or "")
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in (".txt", ".md") and path.stem not in out and path.is_file():
            out[path.stem] = _from_title(_first_line(path))
    return out


def _from_meta(meta: dict, title: str) -> SourceInfo:
    region = str(meta.get("region") or "")
    names = split_names(region)
    for part in re.split(r"[、，,]", str(meta.get("unit") or "")):
        first = split_names(re.sub(r"^中共", "", part.strip()))[:1]
        names += first
    names += [n for _, _, n in find_names(title)] if title else []
    year = meta.get("year")
    if not isinstance(year, int):
        found = _YEAR.findall(title)
        year = int(found[0]) if found else None
    names = [n for n in dict.fromkeys(names) if not _SLOT.search(n)]
    own = [n for n in split_names(region) if not _SLOT.search(n)] or names[:1]
    level = level_of(own[-1]) if own else None
    return SourceInfo(year, tuple(names), level or None)


def _from_title(title: str) -> SourceInfo:
    found = _YEAR.findall(title)
    names = tuple(n for _, _, n in find_names(title))
    return SourceInfo(int(found[0]) if found else None, names,
                      level_of(names[-1]) if names else None)


def _first_line(path: pathlib.Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    return line.strip()[:80]
    except OSError:
        pass
    return ""
