"""Write ``corpora/community-v1/MANIFEST.tsv`` from the annotation files' ``meta``.

Run from the repository root::

    python corpora/tools/build_manifest.py [corpora/community-v1]

One row per annotated document: ``file`` (relative to the manifest's folder),
``doc_type``, ``year``, ``level``, ``region``, ``unit``, ``main_theme``, ``title``.
``plantext.Corpus.from_dir("corpora/community-v1/docs")`` finds the manifest in
the parent folder and attaches these columns to every document.
"""

from __future__ import annotations

import csv
import json
import pathlib
import sys

COLUMNS = ["file", "doc_type", "year", "level", "region", "unit", "main_theme", "title"]


def manifest_rows(root: pathlib.Path) -> list[dict[str, str]]:
    """The manifest rows of the corpus at ``root`` (annotations/*.json → docs/*)."""
    rows = []
    for path in sorted((root / "annotations").glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        meta = ann.get("meta") or {}
        name = pathlib.PurePosixPath(ann.get("file") or f"docs/{path.stem}.txt").name
        doc = root / "docs" / name
        if not doc.is_file():
            raise SystemExit(f"{path}: its document {doc} does not exist")
        row = {"file": f"docs/{name}", "title": ann.get("title") or "",
               "doc_type": meta.get("doc_type") or ann.get("doc_type") or ""}
        for key in ("year", "level", "region", "unit", "main_theme"):
            value = meta.get(key)
            row[key] = "" if value is None else str(value)
        rows.append(row)
    return rows


def write_manifest(root: pathlib.Path) -> pathlib.Path:
    """Write ``root/MANIFEST.tsv`` and return its path."""
    out = root / "MANIFEST.tsv"
    rows = manifest_rows(root)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out


if __name__ == "__main__":
    here = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "corpora/community-v1")
    print(write_manifest(here))
