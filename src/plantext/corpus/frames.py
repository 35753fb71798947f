"""Tables from per-document results: segment rows and document rows, with documented columns."""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from ..document import FRAME_COLUMNS
from ..labels.profiles import SECTION_ROLES
from .manifest import STANDARD_META

#: Columns of :meth:`Corpus.to_frame` (one row per segment), in order. Metadata
#: columns from a manifest or ``meta=`` follow; a metadata column whose name is
#: taken by a segment column gets a ``doc_`` prefix (``level`` → ``doc_level``).
COLUMNS: dict[str, str] = {
    "doc_id": "the document's id (relative file path, given id, or frame index)",
    "plan_id": "the plan's id: the doc id, or '<doc_id>-<k>' when split_pages split the page",
    "seg_id": "segment number within the plan, from 0 in reading order",
    "path": "section path of the segment, e.g. '三/（一）/1' ('' before the first heading)",
    "level": "outline depth of the segment's section (0 outside any section)",
    "kind": "heading, sentence or item",
    "text": "the segment's text",
    "start": "start offset in the plan's (cleaned) text",
    "end": "end offset in the plan's (cleaned) text",
    "role": "role code (labels.md)",
    "role_score": "probability of the role",
    "role_from": "where the role came from: heading, model, rule, none",
    "themes": "list of theme codes, most prominent first",
    "theme_scores": "dict theme code → score (a JSON string in parquet/CSV files)",
    "section_title": "title of the segment's section",
    "paragraph": "index of the paragraph (line) the segment belongs to",
    "source_start": "start offset in the input text as read",
    "source_end": "end offset in the input text as read",
    "source_line": "0-based line in the input text as read",
    "title": "the document's title: from the metadata, else the one the parser found",
    "doc_type": "document type: from the metadata, else detected",
    "year": "year from the metadata (Int64, <NA> when unknown)",
    "region": "region from the metadata (None when unknown)",
    "doc_level": "administrative level from the metadata (manifest column 'level')",
}

#: Columns of :meth:`Corpus.documents` (one row per document), in order; any
#: further metadata columns follow ``level``.
DOC_COLUMNS: dict[str, str] = {
    "doc_id": "the document's id",
    "title": "title: from the metadata, else the one the parser found",
    "doc_type": "document type: from the metadata, else detected",
    "year": "year from the metadata (Int64, <NA> when unknown)",
    "region": "region from the metadata",
    "level": "administrative level from the metadata (community, street, county, city …)",
    "plan_title": "the title the parser found (None when none)",
    "detected_doc_type": "the document type the parser detected (or was given)",
    "n_plans": "plans in the document (1 unless split_pages split it)",
    "n_sections": "sections of the outline, all levels",
    "n_segments": "segments (headings, sentences, items)",
    "n_chars": "characters of the plan text after cleaning",
    "roles": "list of the section roles present (labels.md order)",
    **{f"has_{r}": f"True when some segment has role '{r}'" for r in SECTION_ROLES},
    "coverage": "share of the nine section roles present",
    "main_themes": "up to three theme codes carrying most text (none left out)",
    "n_warnings": "warnings the parser attached",
    "n_numbering_issues": "numbering defects found in the outline",
    "model": "the role/theme model used (None: heading rules only)",
    "error": "'<ErrorType>: message' when the document failed, else None",
}

SEGMENT_COLUMNS = ["doc_id", "plan_id"] + [c for c in FRAME_COLUMNS if c != "plan_id"]
_SUMMARY = ["plan_title", "detected_doc_type", "n_plans", "n_sections", "n_segments", "n_chars",
            "roles", "main_themes", "n_warnings", "n_numbering_issues", "model"]


def meta_columns(metas: Iterable[Mapping[str, Any]]) -> list[str]:
    """The standard metadata columns, then any others in first-seen order."""
    cols = list(STANDARD_META)
    for meta in metas:
        cols.extend(k for k in meta if k not in cols)
    return cols


def resolved_meta(meta: Mapping[str, Any], doc: Mapping[str, Any] | None,
                  columns: list[str]) -> dict[str, Any]:
    """Metadata of one document with title and doc_type filled in from the parse."""
    out = {c: meta.get(c) for c in columns}
    if doc:
        out["title"] = out["title"] or doc.get("plan_title")
        out["doc_type"] = out["doc_type"] or doc.get("detected_doc_type")
    return out


def segment_frame(results: Iterable[Mapping[str, Any]], metas: Mapping[str, Mapping[str, Any]],
                  columns: list[str] | None = None):
    """One row per segment of the successful ``results``; ``metas`` maps doc id → metadata."""
    import pandas as pd

    results = list(results)
    columns = columns or meta_columns(metas.values())
    renamed = {c: (f"doc_{c}" if c in SEGMENT_COLUMNS else c) for c in columns}
    order = SEGMENT_COLUMNS + [renamed[c] for c in columns]
    data: dict[str, list] = {c: [] for c in order}
    for res in results:
        rows = res.get("rows")
        if not rows or not rows.get("seg_id"):
            continue
        n = len(rows["seg_id"])
        n_plans = (res.get("doc") or {}).get("n_plans", 1)
        data["doc_id"].extend([res["doc_id"]] * n)
        data["plan_id"].extend(res["doc_id"] if n_plans == 1 else f"{res['doc_id']}-{k + 1}"
                               for k in rows["plan_no"])
        for col in SEGMENT_COLUMNS[2:]:
            data[col].extend(rows[col])
        meta = resolved_meta(metas.get(res["doc_id"], {}), res.get("doc"), columns)
        for col in columns:
            data[renamed[col]].extend([meta[col]] * n)
    frame = pd.DataFrame(data, columns=order)
    return _typed(frame[order], renamed.get("year"))


def document_frame(results: Iterable[Mapping[str, Any]], metas: Mapping[str, Mapping[str, Any]],
                   columns: list[str] | None = None):
    """One row per document, failed ones included (with ``error`` set)."""
    import pandas as pd

    columns = columns or meta_columns(metas.values())
    rows = []
    for res in results:
        doc = res.get("doc") or {}
        row = {"doc_id": res["doc_id"], **resolved_meta(metas.get(res["doc_id"], {}), doc, columns)}
        row.update({k: doc.get(k) for k in _SUMMARY})
        present = set(doc.get("roles") or [])
        row.update({f"has_{r}": r in present for r in SECTION_ROLES})
        row["coverage"] = len(present) / len(SECTION_ROLES) if doc else None
        row["roles"] = list(doc.get("roles") or [])
        row["main_themes"] = list(doc.get("main_themes") or [])
        err = res.get("error")
        row["error"] = f"{err['type']}: {err['message']}" if err else None
        rows.append(row)
    head = ["doc_id"] + columns
    order = head + [c for c in DOC_COLUMNS if c not in head]
    frame = pd.DataFrame(rows, columns=order)
    for col in ("n_plans", "n_sections", "n_segments", "n_chars", "n_warnings", "n_numbering_issues"):
        frame[col] = frame[col].astype("Int64")
    return _typed(frame, "year")


_INT = ("seg_id", "level", "start", "end", "paragraph", "source_start", "source_end", "source_line")
_STR = ("doc_id", "plan_id", "path", "kind", "text", "role", "role_from", "section_title")


def empty_segment_frame(columns: list[str]):
    """A segment table with no rows and the column types of a filled one."""
    frame = segment_frame([], {}, columns)
    types = {c: object for c in frame.columns}
    types.update({c: "int64" for c in _INT})
    types.update({c: str for c in _STR})
    types["role_score"] = "float64"
    types.update({c: "Int64" for c in frame.columns if c == "year"})
    return frame.astype(types)


def _typed(frame, year_col: str | None):
    if year_col and year_col in frame:
        frame[year_col] = frame[year_col].astype("Int64")
    return frame


def export_frame(frame, path, fmt: str) -> None:
    """Write ``frame`` as parquet or CSV: dicts become JSON strings; lists stay lists in
    parquet and become '|'-joined strings in CSV. CSV starts with a UTF-8 byte-order mark,
    so that Excel on a Chinese Windows PC reads it as UTF-8 (pandas reads it either way)."""
    if fmt == "csv":
        csv_ready(frame).to_csv(path, index=False, encoding="utf-8-sig")
    else:
        out = frame.copy()
        for col in out.columns:
            if isinstance(_sample(out[col]), dict):
                out[col] = [json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else None
                            for v in out[col]]
        from .._deps import require

        require("pyarrow", extra="parquet", what="Parquet tables")
        out.to_parquet(path, index=False)


def csv_ready(frame):
    """``frame`` with text cells only: lists '|'-joined (themes: ``elderly|security``), dicts
    and arrays as JSON; never a Python list repr."""
    out = frame.copy()
    for col in out.columns:
        sample = _sample(out[col])
        if isinstance(sample, dict):
            out[col] = [json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else None
                        for v in out[col]]
        elif isinstance(sample, (list, tuple)) or type(sample).__name__ == "ndarray":
            out[col] = ["|".join(map(str, v)) if v is not None and not _isna(v) else ""
                        for v in out[col]]
    return out


def _sample(column) -> Any:
    return next((v for v in column if v is not None and not _isna(v)), None)


def _isna(value: Any) -> bool:
    return isinstance(value, float) and value != value
