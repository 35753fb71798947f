"""Evaluation protocols behind ``plantext evaluate``: outline, roles, themes.

Gold files follow ``spec/gold-format.md``: line-numbered headings and
paragraphs of a document stored under a root folder (``../shared``).
"""

from __future__ import annotations

import bisect
import json
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .document import Plan

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass
class GoldDoc:
    """One gold annotation and the text it annotates."""

    path: pathlib.Path
    data: dict[str, Any]
    text: str

    @property
    def doc_id(self) -> str:
        return self.path.stem

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def paragraphs(self) -> dict[int, dict[str, Any]]:
        return {p["line"]: p for p in self.data.get("paragraphs", [])}

    def headings(self) -> dict[int, dict[str, Any]]:
        return {h["line"]: h for h in self.data.get("headings", [])}


def load_gold(gold_dir: str | pathlib.Path, root: str | pathlib.Path | None = None) -> list[GoldDoc]:
    """Gold documents of ``gold_dir``; their ``file`` paths resolve against ``root``.

    ``root`` defaults to the parent of ``gold_dir`` (``../shared`` for
    ``../shared/gold``), falling back to the current directory.
    """
    gold_dir = pathlib.Path(gold_dir)
    docs = []
    for p in sorted(gold_dir.glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        for base in ([pathlib.Path(root)] if root else []) + [gold_dir.parent, gold_dir.parent.parent,
                                                             pathlib.Path.cwd()]:
            f = base / data["file"]
            if f.is_file():
                text = f.read_text(encoding="utf-8")
                docs.append(GoldDoc(p, resolve_titles(data, text), text))
                break
    return docs


def resolve_titles(data: dict[str, Any], text: str) -> dict[str, Any]:
    """Gold ``data`` with every title given by position (``title_at``) read from ``text``.

    Annotations of documents the project may not copy store where a heading's
    title stands (``"title_at": [start, end]``, offsets into the heading's line,
    or into that line and the next joined when the title runs over a line
    break) instead of the words; the document's own title likewise as
    ``"title_at": [line, start, end]``. The loaded data has ``title`` filled in,
    as in annotations that spell titles out.
    """
    lines = text.split("\n")

    def span(line: int, start: int, end: int) -> str:
        here = lines[line] if 0 <= line < len(lines) else ""
        if end > len(here) and line + 1 < len(lines):
            here += lines[line + 1].strip()
        return here[start:end]

    headings = []
    for h in data.get("headings", []):
        if "title" not in h and "title_at" in h:
            h = dict(h, title=span(h["line"], *h["title_at"]))
        headings.append(h)
    out = dict(data, headings=headings)
    if "title" not in data and "title_at" in data:
        out["title"] = span(*data["title_at"])
    return out


def norm_title(t: str) -> str:
    return _NON_WORD.sub("", t or "")


class LineIndex:
    """Maps offsets of a plan back to 0-based lines of the gold file."""

    def __init__(self, text: str):
        self.starts = [0]
        for i, c in enumerate(text):
            if c == "\n":
                self.starts.append(i + 1)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def plan_sections_by_line(plan: Plan, index: LineIndex) -> dict[int, Any]:
    return {index.line(plan.source_offset(s.heading_start)): s for s in plan.walk()}


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_outline(gold_dir, root=None, *, parse_kwargs: dict | None = None) -> dict[str, Any]:
    """Heading precision/recall/F1 (title match after removing punctuation) and level accuracy."""
    from .defaults import pipeline_for

    kwargs = dict(parse_kwargs or {})
    nlp = pipeline_for(kwargs.pop("model", None))
    total = Scores()
    level_ok = level_n = 0
    per_doc = []
    for doc in load_gold(gold_dir, root):
        plan = nlp.parse(doc.text, **kwargs)
        index = LineIndex(doc.text)
        pred = plan_sections_by_line(plan, index)
        gold = doc.headings()
        s = Scores()
        for line, h in gold.items():
            sec = pred.get(line)
            if sec is not None and norm_title(sec.title) == norm_title(h["title"]):
                s.tp += 1
                level_n += 1
                level_ok += sec.level == h["level"]
                if sec.level != h["level"]:
                    s.errors.append(f"level L{line}: gold {h['level']} got {sec.level} {h['title'][:20]}")
            else:
                s.fn += 1
                got = f"{sec.marker}{sec.title[:20]}" if sec is not None else "nothing"
                s.errors.append(f"missed L{line}: {h['marker']}{h['title'][:20]} (got {got})")
        for line, sec in pred.items():
            if line not in gold:
                s.fp += 1
                s.errors.append(f"extra L{line}: {sec.marker}{sec.title[:20]}")
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        per_doc.append({"doc": doc.doc_id, "tp": s.tp, "fp": s.fp, "fn": s.fn, "errors": s.errors})
    return {"documents": len(per_doc), "headings_gold": total.tp + total.fn,
            "precision": total.precision, "recall": total.recall, "f1": total.f1,
            "level_accuracy": level_ok / level_n if level_n else 0.0, "per_document": per_doc}


def gold_paragraph_segments(plan: Plan, doc: GoldDoc) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Each gold paragraph with the plan segments that start on its line."""
    index = LineIndex(doc.text)
    by_line: dict[int, list[Any]] = {}
    for seg in plan.segments:
        by_line.setdefault(index.line(plan.source_offset(seg.start)), []).append(seg)
    for line, para in sorted(doc.paragraphs().items()):
        yield para, by_line.get(line, [])
