"""Index entries: the sentences and enumerated items of parsed plans, with labels and provenance.

Annotated documents (the team corpus, gold files) take each segment's role
and themes from the annotation of the line it starts on; other documents
take them from the parser's labels (headings, and the model when present).
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..document import Plan, Segment
from ..errors import ModelError, PlanTextError
from .filters import cjk_count, keep, near_duplicates

RULES_VERSION = 5   # bump when entry selection or their section paths change: cached indexes are rebuilt
#  (4: 第一章 … headings are sections, no longer the starts of separate plans; 5: provenance fields)
SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
KINDS = ("sentence", "item")
MIN_HEADING = 15   # a heading with at least this many Chinese characters is a phrasing too


@dataclass
class Entry:
    """One phrasing in an index: its text, labels and where it came from."""

    text: str
    role: str
    themes: list[str] = field(default_factory=list)
    doc_id: str = ""
    path: str = ""
    doc_type: str = "other"
    kind: str = "sentence"
    title: str | None = None      # provenance: the source plan's title, year, unit, level, file
    year: int | None = None
    unit: str | None = None
    level: str | None = None
    file: str | None = None

    @property
    def source(self) -> str:
        """``"<doc id>#<section path>"``."""
        return f"{self.doc_id}#{self.path}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> "Entry":
        return cls(**{k: row[k] for k in cls.__dataclass_fields__ if k in row})


_MARKER = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                     r"|\d{1,3}[、.．)）](?!\d)|[①-⑳⑴-⒇⒈-⒛])\s*")


def strip_marker(text: str) -> str:
    """``text`` without surrounding space and a leading outline number (3. （1） ①)."""
    return _MARKER.sub("", text.strip(), count=1).strip()


_TITLE_END = re.compile(r"(计划|方案|要点|意见|通知|报告|总结|办法|细则)[)）]?\s*$")


def _phrase_heading(seg: Segment) -> bool:
    """A numbered heading that is a whole phrase (（一）依托…，为…提供…服务。), not a short title."""
    text = strip_marker(seg.text)
    return (seg.kind == "heading" and bool(seg.path) and cjk_count(text) >= MIN_HEADING
            and not _TITLE_END.search(text))


Labeller = Callable[[Segment], "tuple[str, list[str]] | None"]


def plan_entries(plan: Plan, *, doc_id: str | None = None, labels: Labeller | None = None,
                 placeholders: tuple[str, ...] = (), meta: dict[str, Any] | None = None,
                 file: str | None = None) -> list[Entry]:
    """The suggestible segments of ``plan`` (filters applied, duplicates kept), each with
    the plan's provenance (title, year, unit, level; ``meta`` of an annotation first)."""
    out = []
    provenance = dict(plan_provenance(plan, meta), file=file)
    for seg in plan.segments:
        if seg.role_from == "furniture" or (seg.kind not in KINDS and not _phrase_heading(seg)):
            continue
        text = strip_marker(seg.text)
        if not keep(text, placeholders):
            continue
        label = labels(seg) if labels else None
        if label is None:
            label = (seg.role, list(seg.themes))
        out.append(Entry(text, label[0], list(label[1]), doc_id or plan.plan_id, seg.path,
                         plan.doc_type, seg.kind, **provenance))
    return out


LEVEL_ZH = {"community": "社区", "village": "村", "street": "街道", "town": "镇", "township": "乡",
            "county": "县", "district": "区", "city": "市", "prefecture": "市", "province": "省",
            "national": "国家", "state": "国家"}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")


def plan_provenance(plan: Plan, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Title, year, unit and level of a plan: from an annotation's ``meta`` where it has them,
    else read off the title (the first year before 年; the first place name and its level word)."""
    meta = meta or {}
    title = plan.title or None
    year = meta.get("year") if isinstance(meta.get("year"), int) else None
    if year is None and title:
        found = _YEAR.search(title)
        year = int(found.group(1)) if found else None
    unit = meta.get("unit") or meta.get("region") or None
    level = LEVEL_ZH.get(str(meta.get("level") or ""), meta.get("level") or None)
    if (unit is None or level is None) and title:
        from ..draft.substitute import find_names, level_of

        names = [n for _, _, n in find_names(title)]
        unit = unit or (names[-1] if names else None)
        level = level or (level_of(names[-1]) if names else None) or None
    return {"title": title, "year": year, "unit": unit, "level": level}


def annotated_entries(text: str, annotation: dict[str, Any], doc_id: str,
                      file: str | None = None) -> list[Entry]:
    """Entries of an annotated document, labelled from its line-level annotation."""
    from ..defaults import pipeline_for

    paragraphs = {p["line"]: p for p in annotation.get("paragraphs", [])}
    skip = set(annotation.get("boilerplate_lines", []))
    plan = pipeline_for("none").parse(text, doc_type=annotation.get("doc_type"), plan_id=doc_id,
                                      warn=False)

    def labels(seg: Segment):
        line = plan.source_line(seg.start)
        para = paragraphs.get(line)
        if line in skip:
            return ("other", ["none"])
        return None if para is None else (para["role"], list(para.get("themes") or []))

    if annotation.get("title") and not plan.title:
        plan.title = annotation["title"]
    found = plan_entries(plan, doc_id=doc_id, labels=labels,
                         placeholders=tuple(annotation.get("placeholders", [])),
                         meta=annotation.get("meta") or {}, file=file or annotation.get("file"))
    return [e for e in found if not (e.role == "other" and e.themes == ["none"])]


def file_entries(path: pathlib.Path | str, doc_id: str, *, model: str | None = None,
                 file: str | None = None) -> list[Entry]:
    """Entries of one unannotated document, a file or its text (every plan on its page),
    labelled by the parser."""
    from ..defaults import pipeline_for

    plans = pipeline_for(model).parse_many(path, warn=False)
    out = []
    if file is None and isinstance(path, pathlib.Path):
        file = path.name
    for plan in plans:
        out.extend(plan_entries(plan, doc_id=doc_id, file=file))
    return out


def folder_entries(folder: pathlib.Path, *, model: str | None = None
                   ) -> tuple[list[Entry], dict[str, str], list[str]]:
    """Entries of every document under ``folder``, their files' sha256, and skipped files.

    A folder with ``annotations/*.json`` (a corpus such as ``corpora/community-v1``)
    labels the documents they annotate from the annotations.
    """
    folder = folder.resolve()
    files = doc_files(folder)
    by_name = {p.name: p for p in files}
    from ..progress import bar

    entries, hashes, skipped, done = [], {}, [], set()
    for ann_path in bar(sorted((folder / "annotations").glob("*.json")), desc="读取已标注的文档"):
        data = json.loads(ann_path.read_text(encoding="utf-8"))
        doc = _resolve(folder, data.get("file", ""), by_name)
        if doc is None:
            skipped.append(f"{ann_path.name}: annotated file {data.get('file')} not found")
            continue
        raw = doc.read_bytes()
        hashes[_rel(doc, folder)] = hashlib.sha256(raw).hexdigest()
        entries.extend(annotated_entries(raw.decode("utf-8"), data, doc.stem, file=_rel(doc, folder)))
        done.add(doc)
    for doc in bar([f for f in files if f not in done], desc="读取和标注文档"):
        hashes[_rel(doc, folder)] = hashlib.sha256(doc.read_bytes()).hexdigest()
        doc_id = _doc_id(doc, folder, by_name)
        try:
            try:
                entries.extend(file_entries(doc, doc_id, model=model, file=_rel(doc, folder)))
            except ModelError as exc:
                if model not in (None, "sm", "trf"):
                    raise
                skipped.append(f"the role/theme model failed to load, documents are labelled "
                               f"from headings only ({exc})")
                model = "none"
                entries.extend(file_entries(doc, doc_id, model=model, file=_rel(doc, folder)))
        except PlanTextError as exc:
            skipped.append(f"{_rel(doc, folder)}: {exc}")
    return entries, hashes, skipped


def doc_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """The readable documents under ``folder``, sorted (hidden folders skipped)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def dedupe(entries: Iterable[Entry]) -> list[Entry]:
    """``entries`` without near-copies of an earlier entry."""
    entries = list(entries)
    dup = near_duplicates([e.text for e in entries])
    return [e for e, d in zip(entries, dup) if not d]


def _resolve(folder: pathlib.Path, file: str, by_name: dict[str, pathlib.Path]):
    rel = pathlib.PurePosixPath(file)
    for base in (folder, folder.parent, folder.parent.parent, pathlib.Path.cwd()):
        candidate = (base / rel).resolve()
        if candidate.is_file():
            return candidate
    return by_name.get(rel.name)


def _rel(path: pathlib.Path, folder: pathlib.Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def _doc_id(path: pathlib.Path, folder: pathlib.Path, by_name: dict[str, pathlib.Path]) -> str:
    stems = [p for p in by_name.values() if p.stem == path.stem]
    return path.stem if len(stems) <= 1 else _rel(path.with_suffix(""), folder)
