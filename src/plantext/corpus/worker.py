"""The per-document function every engine runs: a document spec in, a JSON-ready result out.

A *spec* is a plain dict ``{"doc_id", "path" | "text" | "data"+"suffix", "doc_type"}``;
a *result* is ``{"doc_id", "rows": {column: [values]}, "doc": {summary}, "error"}``
with ``rows`` in the columns of :meth:`Plan.to_frame` (without ``plan_id``,
which :func:`plantext.corpus.frames.segment_frame` fills in from the doc id) plus
``plan_no``. Results contain only str/int/float/bool/None/list/dict, so they
can be cached as JSON and shipped to local or remote workers alike.
"""

from __future__ import annotations

import pathlib
import traceback
from dataclasses import dataclass
from typing import Any, Mapping

from ..labels.doctype import DOC_TYPES
from ..labels.profiles import SECTION_ROLES
from .cache import RESULT_FORMAT  # noqa: F401  (the result layout version, kept with the cache keys)


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed, and why."""

    doc_id: str
    error_type: str
    message: str
    code: str | None = None


def _with_doc_type(spec: dict[str, Any], meta: Mapping[str, Any]) -> dict[str, Any]:
    doc_type = meta.get("doc_type")
    if doc_type in DOC_TYPES:
        spec["doc_type"] = doc_type
    return spec


def process_document(spec: dict[str, Any], model: str | None = None,
                     split_pages: bool = False) -> dict[str, Any]:
    """Parse one document into a result; failures are recorded, never raised."""
    from ..errors import PlanTextError

    doc_id = spec["doc_id"]
    try:
        plans = _parse(spec, model, split_pages)
        return {"doc_id": doc_id, "rows": _rows(plans), "doc": summarize(plans), "error": None}
    except PlanTextError as exc:
        return _failure(doc_id, exc, cacheable=True)
    except Exception as exc:  # noqa: BLE001 - recorded per document; the run goes on
        return _failure(doc_id, exc, cacheable=False)


def process_chunk(specs: list[dict[str, Any]], model: str | None = None,
                  split_pages: bool = False, cache_dir: str | None = None) -> list[dict[str, Any]]:
    """:func:`process_document` over a chunk of specs (one task of a worker process).

    With ``cache_dir``, each result whose spec carries a ``cache_key`` is stored
    there (by the worker, so the main process stays free).
    """
    out = []
    for spec in specs:
        result = process_document(spec, model, split_pages)
        cacheable = result.pop("cacheable", True)
        if result.get("error") and spec.get("path"):
            result["error"]["path"] = spec["path"]   # the file its message names, for a cached replay
        if cache_dir and spec.get("cache_key") and cacheable:
            from .cache import ResultCache

            try:
                ResultCache(cache_dir).put(spec["cache_key"], result)
            except (OSError, ValueError):  # a full or read-only disk, unencodable text: a re-parse next run
                pass
        out.append(result)
    return out


def _parse(spec: dict[str, Any], model: Any, split_pages: bool) -> list:
    """The plans of one document, parsed by ``model`` (a name, a folder or a Pipeline)."""
    from ..defaults import pipeline_for

    nlp = pipeline_for(model)
    source: Any
    if spec.get("path") is not None:
        source = pathlib.Path(spec["path"])
    elif spec.get("data") is not None:
        from ..io import read_bytes

        source = read_bytes(spec["data"], suffix=spec.get("suffix", ""), name=spec["doc_id"])
    else:
        source = spec.get("text")
        if not isinstance(source, str):
            from ..errors import InputError

            raise InputError(f"Document {spec['doc_id']!r} has no text (got {type(source).__name__}).")
    if isinstance(source, str):
        from ..io import SourceText

        source = SourceText(source)  # never taken for a file name
    doc_type = spec.get("doc_type")
    if split_pages:
        return nlp.parse_many(source, doc_type=doc_type, warn=False)
    return [nlp.parse(source, doc_type=doc_type, plan_id=spec["doc_id"], warn=False)]


def _rows(plans: list) -> dict[str, list]:
    """Segment rows, column-wise: :meth:`Plan.to_frame`'s columns (no plan_id) and plan_no."""
    from ..document import FRAME_COLUMNS

    if not set(FRAME_COLUMNS) <= _FAST_COLUMNS:   # Plan.to_frame() grew: take the slow road
        return _rows_via_pandas(plans)
    cols = ["plan_no"] + [c for c in FRAME_COLUMNS if c != "plan_id"]
    out: dict[str, list] = {c: [] for c in cols}
    for k, plan in enumerate(plans):
        for row in _plan_rows(plan):
            row["plan_no"] = k
            for c in cols:
                out[c].append(row[c])
    return out


_FAST_COLUMNS = {"plan_id", "seg_id", "path", "level", "kind", "text", "start", "end", "role",
                 "role_score", "role_from", "themes", "theme_scores", "section_title",
                 "paragraph", "source_start", "source_end", "source_line"}


def _plan_rows(plan):
    """The rows of ``plan.to_frame()`` as dicts, without building a DataFrame."""
    import bisect

    from ..document import _line_starts

    src = plan.source_text if plan.source_text is not None else plan.text
    line_starts = _line_starts(src)
    for seg in plan.segments:
        s0, s1 = plan.source_span(seg.start, seg.end)
        yield {"seg_id": int(seg.seg_id), "path": seg.path, "level": int(seg.level),
               "kind": seg.kind, "text": seg.text, "start": int(seg.start), "end": int(seg.end),
               "role": seg.role, "role_score": float(seg.role_score), "role_from": seg.role_from,
               "themes": [str(t) for t in seg.themes],
               "theme_scores": {str(k): float(v) for k, v in seg.theme_scores.items()},
               "section_title": seg.section.title if seg.section else "",
               "paragraph": int(seg.paragraph), "source_start": int(s0), "source_end": int(s1),
               "source_line": bisect.bisect_right(line_starts, s0) - 1}


def _rows_via_pandas(plans: list) -> dict[str, list]:
    import pandas as pd

    frames = []
    for k, plan in enumerate(plans):
        frame = plan.to_frame().drop(columns=["plan_id"])
        frame.insert(0, "plan_no", k)
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return {col: [_plain(v) for v in values] for col, values in frame.to_dict(orient="list").items()}


def _plain(value: Any) -> Any:
    """A JSON-ready copy of ``value`` (numpy scalars and arrays become Python)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def summarize(plans: list) -> dict[str, Any]:
    """The per-document summary behind :meth:`Corpus.documents` (metadata not included)."""
    segs = [s for p in plans for s in p.segments]
    roles = {s.role for s in segs}
    first = plans[0]
    return {
        "plan_title": first.title,
        "detected_doc_type": first.doc_type,
        "n_plans": len(plans),
        "n_sections": sum(1 for p in plans for _ in p.walk()),
        "n_segments": len(segs),
        "n_chars": sum(len(p.text) for p in plans),
        "roles": [r for r in SECTION_ROLES if r in roles],
        "main_themes": main_themes(segs),
        "n_warnings": sum(len(p.warnings) for p in plans),
        "n_numbering_issues": sum(len(p.numbering_issues) for p in plans),
        "model": first.model,
    }


def main_themes(segments, top: int = 3) -> list[str]:
    """The ``top`` theme codes carried by most characters of text (``none`` left out)."""
    weight: dict[str, int] = {}
    for seg in segments:
        for theme in seg.themes:
            if theme != "none":
                weight[theme] = weight.get(theme, 0) + (seg.end - seg.start)
    return [t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def _failure(doc_id: str, exc: BaseException, *, cacheable: bool) -> dict[str, Any]:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    return {"doc_id": doc_id, "rows": None, "doc": None, "cacheable": cacheable,
            "error": {"type": type(exc).__name__, "message": str(exc),
                      "code": getattr(exc, "code", None),
                      "where": f"{where.filename}:{where.lineno}" if where else None}}
