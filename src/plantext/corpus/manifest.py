"""Per-file metadata from a manifest (CSV/TSV) beside a folder of documents.

A manifest is a table with one row per file: a ``file`` column (a path relative
to the manifest's folder, or just the file name) and any metadata columns.
Column names are normalised so that ``year_if_known`` becomes ``year``,
``region_level`` becomes ``level``, ``文种`` becomes ``doc_type`` and so on.
"""

from __future__ import annotations

import csv
import pathlib
import re
from typing import Any, Iterable, Mapping

from ..errors import DataError, error

#: File names looked for, in this order, in the corpus folder and then its parent.
MANIFEST_NAMES = ("MANIFEST.tsv", "manifest.tsv", "MANIFEST.csv", "manifest.csv",
                  "metadata.tsv", "metadata.csv")
#: The metadata columns every corpus frame carries (None when unknown).
STANDARD_META = ("title", "doc_type", "year", "region", "level")

_ALIASES = {
    "file": ("file", "path", "filename", "file_name", "filepath", "relpath", "文件", "文件名"),
    "title": ("title", "标题", "name", "题目"),
    "doc_type": ("doc_type", "doctype", "document_type", "type", "genre", "文种", "类型"),
    "year": ("year", "yr", "年份", "年度"),
    "region": ("region", "area", "place", "地区", "地域", "区域"),
    "level": ("level", "region_level", "admin_level", "administrative_level", "层级", "级别",
              "行政级别"),
}
_SUFFIXES = ("_if_known", "_known", "_guess")
_LOOKUP = {alias: std for std, names in _ALIASES.items() for alias in names}
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def normalize_column(name: str) -> str:
    """The standard name of a manifest column (``year_if_known`` → ``year``)."""
    key = re.sub(r"[\s\-]+", "_", str(name).strip().lower())
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return _LOOKUP.get(key, key)


def parse_year(value: Any) -> int | None:
    """A year as int from ``2024``, ``"2024"``, ``"2024年"``, ``"2024-05-01"``; else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value == value and 1800 <= value <= 2100 else None
    m = _YEAR.search(str(value))
    return int(m.group(1)) if m else None


def clean_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata with standard key names, empty values as None and ``year`` as int."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        std = normalize_column(key)
        if isinstance(value, str):
            value = value.strip() or None
        elif value is not None and value != value:  # NaN
            value = None
        if std in out and out[std] is not None and value is None:
            continue
        out[std] = value
    if "year" in out:
        out["year"] = parse_year(out["year"])
    out.pop("file", None)
    return out


def find_manifest(folder: pathlib.Path) -> pathlib.Path | None:
    """The manifest of ``folder``: in the folder itself, else in its parent."""
    for where in (folder, folder.parent):
        for name in MANIFEST_NAMES:
            candidate = where / name
            if candidate.is_file():
                return candidate
    return None


def read_manifest(path: pathlib.Path) -> list[dict[str, Any]]:
    """The rows of a manifest file (tab-separated for .tsv, else sniffed), keys normalised."""
    text = path.read_text(encoding="utf-8-sig")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff(text)
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    if not reader.fieldnames or "file" not in {normalize_column(c) for c in reader.fieldnames}:
        raise error(DataError, "E010", what="manifest", path=str(path),
                    reason="it needs a 'file' column (the path of each document)")
    rows = []
    for row in reader:
        file = next((v for k, v in row.items() if k and normalize_column(k) == "file"), "")
        rows.append({"file": (file or "").strip(), **clean_meta({k: v for k, v in row.items() if k})})
    return rows


def _sniff(text: str) -> str:
    head = text.split("\n", 1)[0]
    return "\t" if head.count("\t") > head.count(",") else ","


class ManifestIndex:
    """Looks up a file's manifest row by relative path, else by unique file name."""

    def __init__(self, rows: Iterable[Mapping[str, Any]], base: pathlib.Path):
        self.base = base
        self.by_path: dict[str, dict[str, Any]] = {}
        names: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            key = _norm_path(row.get("file", ""))
            if not key:
                continue
            meta = {k: v for k, v in row.items() if k != "file"}
            self.by_path[key] = meta
            names.setdefault(pathlib.PurePosixPath(key).name, []).append(meta)
        self.by_name = {n: m[0] for n, m in names.items() if len(m) == 1}

    def lookup(self, path: pathlib.Path, root: pathlib.Path) -> dict[str, Any] | None:
        """The row for ``path`` (a file under the corpus ``root``), or None."""
        for base in (self.base, root):
            try:
                rel = path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
            if rel in self.by_path:
                return dict(self.by_path[rel])
        hit = self.by_name.get(path.name)
        return dict(hit) if hit is not None else None


def load_index(manifest: Any, folder: pathlib.Path) -> ManifestIndex | None:
    """The manifest index for ``from_dir``: ``manifest`` is None (detect), False, a path or a frame."""
    if manifest is False:
        return None
    if manifest is None:
        found = find_manifest(folder)
        return ManifestIndex(read_manifest(found), found.parent) if found else None
    if hasattr(manifest, "to_dict"):  # a DataFrame
        rows = [{"file": str(r.get(_file_col(manifest), "")), **clean_meta(r)}
                for r in manifest.to_dict("records")]
        return ManifestIndex(rows, folder)
    path = pathlib.Path(manifest)
    if not path.is_file():
        raise error(DataError, "E010", what="manifest", path=str(path), reason="no such file")
    return ManifestIndex(read_manifest(path), path.parent)


def _file_col(frame) -> str:
    for col in frame.columns:
        if normalize_column(col) == "file":
            return col
    raise error(DataError, "E010", what="manifest", path="<DataFrame>",
                reason="it needs a 'file' column (the path of each document)")


def _norm_path(value: str) -> str:
    value = str(value).strip().replace("\\", "/")
    while value.startswith("./"):
        value = value[2:]
    return value
