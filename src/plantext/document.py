"""The document model: one :class:`Plan` owns the text; everything else points into it.

Sections, segments and findings hold ``(start, end)`` offsets into
``plan.text`` and never keep copies that could drift: ``segment.text`` is a
view computed from the plan. With ``clean=True`` the plan text is the cleaned
text; :meth:`Plan.source_span` maps any span back to the input as given.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ROLES = ("preamble", "review", "guiding", "goal", "measure", "safeguard",
         "schedule", "requirement", "assessment", "other")
SEGMENT_KINDS = ("heading", "sentence", "item")
FRAME_COLUMNS = ["plan_id", "seg_id", "path", "level", "kind", "text", "start", "end",
                 "role", "role_score", "role_from", "themes", "theme_scores",
                 "section_title", "paragraph", "source_start", "source_end", "source_line"]


@dataclass
class Removal:
    """A piece of the input that cleaning removed or replaced, with its reason.

    ``start``/``end`` index the input text as given (``plan.source_text``);
    ``replacement`` is what stands in its place in ``plan.text`` ("" when dropped).
    """

    start: int
    end: int
    reason: str
    text: str
    replacement: str = ""


@dataclass
class Section:
    """A numbered or titled part of the outline, with its subsections."""

    marker: str
    level: int
    title: str
    start: int
    end: int
    role: str = "other"
    children: list["Section"] = field(default_factory=list)
    style: str = ""            # normalised marker style: cn_dun, cn_paren, ar_dot …
    number: int | None = None  # the marker's value (三 → 3), None when unnumbered
    heading_start: int = 0     # span of the heading segment (marker and title)
    heading_end: int = 0
    inline: bool = False       # body text follows the title on the same line
    role_from: str = "none"    # "heading" when the title names the role, "inherited", "model"
    role_score: float = 0.0
    path: str = ""

    def walk(self) -> Iterator["Section"]:
        """This section and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return (f"Section({self.path!r}, {self.marker}{self.title!r}, level={self.level}, "
                f"role={self.role!r}, span=({self.start}, {self.end}), "
                f"children={len(self.children)})")


@dataclass(eq=False)
class Segment:
    """A heading, sentence or enumerated item: a span of ``plan.text``."""

    start: int
    end: int
    kind: str
    path: str = ""
    level: int = 0
    role: str = "other"
    role_score: float = 0.0
    role_from: str = "none"    # "heading", "model", "rule", "none"
    themes: list[str] = field(default_factory=list)
    theme_scores: dict[str, float] = field(default_factory=dict)
    seg_id: int = 0
    paragraph: int = 0         # index of the paragraph (line) the segment belongs to
    section: Section | None = field(default=None, repr=False)
    plan: "Plan | None" = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """``plan.text[start:end]``."""
        if self.plan is None:
            return ""
        return self.plan.text[self.start:self.end]

    def __repr__(self) -> str:
        text = self.text
        short = text if len(text) <= 24 else text[:23] + "…"
        return (f"Segment({self.seg_id}, {self.kind}, {self.path!r}, {short!r}, "
                f"role={self.role!r}, themes={self.themes})")


@dataclass
class NumberingIssue:
    """A defect in the outline's numbering, kept for the audit."""

    code: str      # numbering-gap, numbering-repeat, orphan-level, mixed-style
    start: int
    end: int
    message: str
    expected: str = ""
    found: str = ""


class OffsetMap:
    """Maps offsets of a derived text back to the text it came from.

    Built from anchors ``(derived_offset, source_offset)`` at which a run of
    unchanged characters starts; a derived offset inside a run maps linearly,
    inside a replaced piece it maps to the replaced span's start.
    """

    def __init__(self, anchors: list[tuple[int, int]] | None = None, *, length: int = 0):
        self._d = [a for a, _ in anchors] if anchors else [0]
        self._s = [b for _, b in anchors] if anchors else [0]
        self.length = length

    def to_dict(self) -> dict[str, Any]:
        return {"anchors": [[d, s] for d, s in zip(self._d, self._s)], "length": self.length}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "OffsetMap":
        return cls([tuple(a) for a in data["anchors"]], length=data["length"])

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0)], length=length)

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self._d, offset) - 1
        if i < 0:
            return offset
        return self._s[i] + (offset - self._d[i])

    @classmethod
    def from_edits(cls, length: int, edits: list[tuple[int, int, str]]) -> "OffsetMap":
        """The map of ``apply_edits(text, edits)`` back to ``text``.

        ``edits`` are sorted, non-overlapping ``(start, end, replacement)`` over
        the source text of length ``length``.
        """
        anchors, pos, out = [(0, 0)], 0, 0
        for start, end, repl in edits:
            out += start - pos
            anchors.append((out, start))
            out += len(repl)
            anchors.append((out, end))
            pos = end
        return cls(anchors, length=out + (length - pos))

    def through(self, inner: "OffsetMap") -> "OffsetMap":
        """The map of ``inner``'s derived text back through ``inner``, then through self.

        ``inner`` maps a final text to an intermediate one; self maps the
        intermediate text to the source.
        """
        anchors = {(d, self(s)) for d, s in zip(inner._d, inner._s)}
        for d1, s1 in zip(self._d, self._s):
            k = bisect.bisect_right(inner._s, d1) - 1
            if k < 0:
                continue
            pre = inner._d[k] + (d1 - inner._s[k])
            if k + 1 < len(inner._d) and pre > inner._d[k + 1]:
                continue  # d1 lies in text that inner removed: nothing maps to it
            anchors.add((pre, s1))
        return OffsetMap(sorted(anchors), length=inner.length)

    def shifted(self, start: int, end: int) -> "OffsetMap":
        """The map of the slice ``[start:end]`` of the derived text."""
        anchors = [(0, self(start))]
        for d, s in zip(self._d, self._s):
            if start < d < end:
                anchors.append((d - start, s))
        return OffsetMap(anchors, length=end - start)


@dataclass(eq=False)
class Plan:
    """One plan: its text, outline, segments, labels and what cleaning did."""

    text: str
    title: str | None = None
    doc_type: str = "other"
    sections: list[Section] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    plan_id: str = "plan"
    source: str | None = None              # path, when read from a file
    source_text: str | None = None         # the input as given (None: same as text)
    removals: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    numbering_issues: list[NumberingIssue] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list, repr=False)
    meta: dict[str, Any] = field(default_factory=dict)
    model: str | None = None
    offset_map: OffsetMap | None = field(default=None, repr=False)

    # -- navigation --------------------------------------------------------
    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in reading order."""
        for sec in self.sections:
            yield from sec.walk()

    def headings(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "heading"]

    def segments_in(self, section: Section) -> list[Segment]:
        """The segments inside ``section`` (its heading included).

        Segments are in reading order, so this is two binary searches, not a scan:
        callers that visit every section stay linear in the plan's length.
        """
        from bisect import bisect_left

        starts = self._starts()
        return self.segments[bisect_left(starts, section.start):bisect_left(starts, section.end)]

    def _starts(self) -> list[int]:
        """Segment start offsets, cached until the segment list changes."""
        key = (id(self.segments), len(self.segments),
               self.segments[0].start if self.segments else -1, self.segments[-1].start if self.segments else -1)
        cached = self.__dict__.get("_starts_cache")
        if cached is None or cached[0] != key:
            cached = (key, [s.start for s in self.segments])
            self.__dict__["_starts_cache"] = cached
        return cached[1]

    def section_at(self, offset: int) -> Section | None:
        """The deepest section containing ``offset``."""
        found = None
        level = self.sections
        while True:
            for sec in level:
                if sec.start <= offset < sec.end:
                    found, level = sec, sec.children
                    break
            else:
                return found

    def roles(self) -> set[str]:
        """The role codes present among the segments."""
        return {s.role for s in self.segments}

    # -- offsets back to the input ----------------------------------------
    def source_offset(self, offset: int) -> int:
        """The offset in the input text that ``offset`` of ``plan.text`` came from."""
        return offset if self.offset_map is None else self.offset_map(offset)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.source_offset(start)
            return s, s
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def source_position(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into the input text."""
        src = self.source_text if self.source_text is not None else self.text
        line_start = src.rfind("\n", 0, source_offset) + 1
        return src.count("\n", 0, source_offset) + 1, source_offset - line_start + 1

    def source_line(self, offset: int) -> int:
        """0-based line number, in the input text, of ``plan.text`` offset."""
        src = self.source_text if self.source_text is not None else self.text
        return src.count("\n", 0, self.source_offset(offset))

    # -- output -------------------------------------------------------------
    def to_frame(self) -> "pd.DataFrame":
        """One row per segment; columns are :data:`FRAME_COLUMNS`."""
        import pandas as pd

        rows = []
        src = self.source_text if self.source_text is not None else self.text
        line_starts = _line_starts(src)
        for seg in self.segments:
            s0, s1 = self.source_span(seg.start, seg.end)
            rows.append({
                "plan_id": self.plan_id, "seg_id": seg.seg_id, "path": seg.path,
                "level": seg.level, "kind": seg.kind, "text": seg.text,
                "start": seg.start, "end": seg.end, "role": seg.role,
                "role_score": float(seg.role_score), "role_from": seg.role_from,
                "themes": list(seg.themes), "theme_scores": dict(seg.theme_scores),
                "section_title": seg.section.title if seg.section else "",
                "paragraph": seg.paragraph, "source_start": s0, "source_end": s1,
                "source_line": bisect.bisect_right(line_starts, s0) - 1,
            })
        return pd.DataFrame(rows, columns=FRAME_COLUMNS)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the plan, its outline and segments.

        :meth:`from_dict` rebuilds the plan from it (scores are rounded to 4
        places, so ``Plan.from_dict(d).to_dict() == d``). A segment's
        ``section`` is the index of its section in :meth:`walk` order.
        """
        index = {id(s): k for k, s in enumerate(self.walk())}

        def sec(s: Section) -> dict[str, Any]:
            return {"marker": s.marker, "level": s.level, "title": s.title,
                    "start": s.start, "end": s.end, "role": s.role, "path": s.path,
                    "inline": s.inline, "style": s.style, "number": s.number,
                    "heading_start": s.heading_start, "heading_end": s.heading_end,
                    "role_from": s.role_from, "role_score": round(float(s.role_score), 4),
                    "children": [sec(c) for c in s.children]}
        return {
            "plan_id": self.plan_id, "title": self.title, "doc_type": self.doc_type,
            "source": self.source, "model": self.model, "text": self.text,
            "sections": [sec(s) for s in self.sections],
            "segments": [{"seg_id": s.seg_id, "kind": s.kind, "path": s.path,
                          "level": s.level, "start": s.start, "end": s.end,
                          "text": s.text, "role": s.role,
                          "role_score": round(float(s.role_score), 4),
                          "role_from": s.role_from, "paragraph": s.paragraph,
                          "section": index.get(id(s.section)),
                          "themes": list(s.themes),
                          "theme_scores": {k: round(float(v), 4)
                                           for k, v in s.theme_scores.items()}}
                         for s in self.segments],
            "numbering_issues": [vars(i) for i in self.numbering_issues],
            "removals": [vars(r) for r in self.removals],
            "warnings": list(self.warnings), "meta": dict(self.meta),
            "source_text": self.source_text,
            "paragraphs": [list(p) for p in self.paragraphs],
            "offset_map": None if self.offset_map is None else self.offset_map.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        """The plan that :meth:`to_dict` described (as read back from JSON)."""
        def sec(d: dict[str, Any]) -> Section:
            fields = {k: v for k, v in d.items() if k != "children"}
            return Section(**fields, children=[sec(c) for c in d.get("children", [])])

        omap = data.get("offset_map")
        plan = cls(text=data["text"], title=data.get("title"), doc_type=data.get("doc_type", "other"),
                   sections=[sec(s) for s in data.get("sections", [])], plan_id=data.get("plan_id", "plan"),
                   source=data.get("source"), source_text=data.get("source_text"),
                   removals=[Removal(**r) for r in data.get("removals", [])],
                   warnings=list(data.get("warnings", [])),
                   numbering_issues=[NumberingIssue(**i) for i in data.get("numbering_issues", [])],
                   paragraphs=[tuple(p) for p in data.get("paragraphs", [])],
                   meta=dict(data.get("meta", {})), model=data.get("model"),
                   offset_map=None if omap is None else OffsetMap.from_dict(omap))
        walked = list(plan.walk())
        for d in data.get("segments", []):
            k = d.get("section")
            plan.segments.append(Segment(
                start=d["start"], end=d["end"], kind=d["kind"], path=d.get("path", ""),
                level=d.get("level", 0), role=d.get("role", "other"),
                role_score=d.get("role_score", 0.0), role_from=d.get("role_from", "none"),
                themes=list(d.get("themes", [])), theme_scores=dict(d.get("theme_scores", {})),
                seg_id=d.get("seg_id", 0), paragraph=d.get("paragraph", 0),
                section=walked[k] if k is not None else None, plan=plan))
        return plan

    def to_docx(self, path, **kwargs) -> None:
        """Write the plan as a Word file formatted after GB/T 9704 (see :mod:`plantext.draft`)."""
        from .writers import write

        write("docx", self, path, **kwargs)

    def to_markdown(self) -> str:
        """The plan as Markdown, headings as #, ##, ###."""
        from .writers import write

        return write("markdown", self)

    def outline_str(self, *, roles: bool = True) -> str:
        """A readable indented outline, one heading a line."""
        lines = [self.title or "(untitled)"]
        for s in self.walk():
            tag = f"  [{s.role}]" if roles else ""
            lines.append("  " * s.level + f"{s.marker}{s.title}{tag}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"Plan({self.plan_id!r}, title={self.title!r}, doc_type={self.doc_type!r}, "
                f"sections={len(self.sections)}, segments={len(self.segments)}, "
                f"chars={len(self.text)})")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


@dataclass
class Suggestion:
    """A phrasing retrieved from a corpus, with where it came from."""

    text: str
    score: float
    role: str
    themes: list[str]
    source: str            # "<document id>#<section path>"
    title: str | None = None      # the source plan's title
    doc_type: str | None = None   # its document-type code
    level: str | None = None      # its unit's administrative level (社区, 街道, 县, 市 …)
    year: int | None = None       # its year
    unit: str | None = None       # the unit that wrote it
    file: str | None = None       # its file, relative to the corpus folder

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "score": round(float(self.score), 4), "role": self.role,
                "themes": list(self.themes), "source": self.source, "title": self.title,
                "doc_type": self.doc_type, "level": self.level, "year": self.year,
                "unit": self.unit, "file": self.file}

    def describe_source(self) -> str:
        """Where the phrasing came from, for staff: 《标题》（单位，2019年，工作计划）, else ``source``."""
        from .localize import doc_type_zh

        bits = [self.unit or "", f"{self.year}年" if self.year else "",
                doc_type_zh(self.doc_type) if self.doc_type not in (None, "", "other") else ""]
        bits = [b for b in bits if b]
        where = f"（{'，'.join(bits)}）" if bits else ""
        return f"《{self.title}》{where}［{self.source}］" if self.title else (self.source + where)


@dataclass
class Finding:
    """One thing the audit found, anchored in ``plan.text`` where it can be.

    ``start``/``end`` index ``plan.text``; ``source_start``/``source_end``
    index the text the user passed (or read from the user's file), so that
    ``text[f.source_start:f.source_end]`` is the flagged passage, and
    ``line``/``col`` (1-based) say where it begins there. All None for a
    finding about the whole plan (a missing section).
    """

    code: str
    severity: str          # error, warning, info
    message: str
    start: int | None = None
    end: int | None = None
    role: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    source_start: int | None = None
    source_end: int | None = None
    line: int | None = None
    col: int | None = None

    def locate(self, plan: "Plan") -> "Finding":
        """Fill the ``source_*``, ``line`` and ``col`` fields from ``plan``'s offset map (returns self)."""
        if self.start is not None and self.end is not None:
            self.source_start, self.source_end = plan.source_span(self.start, self.end)
            self.line, self.col = plan.source_position(self.source_start)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "start": self.start, "end": self.end, "source_start": self.source_start,
                "source_end": self.source_end, "line": self.line, "col": self.col, "role": self.role,
                "suggestions": [s.to_dict() for s in self.suggestions],
                "data": dict(self.data)}
