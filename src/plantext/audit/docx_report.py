"""A copy of the user's .docx with a Word comment anchored at each finding.

Offsets travel plan.text → input text (``plan.source_span``) → the block
(Word paragraph or table cell) the reader made of it → that paragraph's
runs, which are split where needed so that the comment covers exactly the
finding's words. A missing section is commented on the paragraph it should
follow (the place the profile's order gives it); other findings without a
place go on the first paragraph. Each suggestion is a line of its own in the
comment, with its source.
"""

from __future__ import annotations

import bisect
import copy
import pathlib
from typing import TYPE_CHECKING

from ..errors import InputError, error

if TYPE_CHECKING:  # pragma: no cover
    from .report import AuditReport

AUTHOR, INITIALS = "plantext", "PT"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def write_docx(report: "AuditReport", path, source=None) -> str:
    """Write the commented copy of ``source`` (default: the plan's file) to ``path``."""
    import docx

    from ..io import read
    from .names import SEVERITY_ZH

    src = pathlib.Path(source or report.plan.source or "")
    if src.suffix.lower() != ".docx" or not src.is_file():
        raise error(InputError, "E003", suffix=src.suffix or "(none)",
                    path=f"{src} (a Word report needs the plan's own .docx file)")
    text = read(src)
    document = docx.Document(str(src))
    _drop_own_comments(document)   # a copy audited again keeps one set of plantext's notes
    starts = [b.start for b in text.blocks]
    first = next((p for p in document.paragraphs if p.runs), None)
    gaps = _gap_spans(report)
    for f in report.findings:
        note = f"【{SEVERITY_ZH.get(f.severity, f.severity)}】{f.message}"
        span = (f.start, max(f.end, f.start + 1)) if f.start is not None and f.end is not None \
            else gaps.get(id(f))
        runs = None
        if span is not None:
            s0, s1 = report.plan.source_span(*span)
            runs = _anchor(document, text, starts, s0, s1)
            if f.start is None and runs:
                note += "（应补在本段之后）"
        runs = runs or (first.runs if first is not None else None)
        if runs:
            comment = document.add_comment(runs, text=note, author=AUTHOR, initials=INITIALS)
            for s in f.suggestions[:3]:       # one line each, then where it comes from
                comment.add_paragraph(f"参考：{s.text}")
                comment.add_paragraph(f"出处：{s.describe_source()}")
    out = pathlib.Path(path)
    document.save(str(out))
    return str(out)


def _gap_spans(report: "AuditReport") -> dict[int, tuple[int, int]]:
    """A missing section's place: the paragraph (plan offsets) after which it should go."""
    from .html import _gap_offsets, group_findings

    groups = [g for g in group_findings(report.findings, report.plan.text) if g.first.start is None]
    at = _gap_offsets(report, groups)
    text = report.plan.text
    out = {}
    for g in groups:
        if g.number not in at:
            continue
        k = at[g.number] - 1
        while k > 0 and text[k].isspace():
            k -= 1
        if k < 0 or text[k].isspace():
            continue
        line = text.rfind("\n", 0, k) + 1
        for f in g.findings:
            out[id(f)] = (line, k + 1)
    return out


def _drop_own_comments(document) -> int:
    """Remove the comments an earlier plantext audit left (author ``plantext``), with their
    anchors; the author's own comments stay. Returns how many were removed."""
    ids = set()
    for comment in list(document.comments):
        if comment.author == AUTHOR:
            ids.add(str(comment.comment_id))
            elm = comment._comment_elm
            elm.getparent().remove(elm)
    if not ids:
        return 0
    body = document.element.body
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for el in [e for e in body.iter(f"{_W}{tag}") if e.get(f"{_W}id") in ids]:
            parent = el.getparent()
            parent.remove(el)
            if tag == "commentReference" and parent.tag == f"{_W}r" and \
                    all(child.tag == f"{_W}rPr" for child in parent):
                parent.getparent().remove(parent)   # the run that only held the reference
    return len(ids)


def _anchor(document, text, starts: list[int], s0: int, s1: int):
    """The runs covering source span ``[s0, s1)``, split at its ends; None when not found."""
    i = bisect.bisect_right(starts, s0) - 1
    j = bisect.bisect_right(starts, max(s0, s1 - 1)) - 1
    if i < 0 or j < 0:
        return None
    b0, b1 = text.blocks[i], text.blocks[j]
    p0, p1 = _paragraph(document, b0.ref, str(text)[s0:min(s1, b0.end)]), \
        _paragraph(document, b1.ref, str(text)[max(s0, b1.start):s1])
    if p0 is None or p1 is None:
        return None
    if i == j:
        a, b = locate(p0, str(text)[s0:s1], s0 - b0.start, str(text)[b0.start:b0.end])
        return cover_runs(p0, a, b) if a is not None else (p0.runs or None)
    a, _ = locate(p0, str(text)[s0:b0.end], s0 - b0.start, str(text)[b0.start:b0.end])
    _, b = locate(p1, str(text)[b1.start:s1], 0, str(text)[b1.start:b1.end])
    head = cover_runs(p0, a, len(_runs_text(p0))) if a is not None else p0.runs
    tail = cover_runs(p1, 0, b) if b is not None else p1.runs
    return [head[0], tail[-1]] if head and tail else None


def _paragraph(document, ref, want: str):
    if isinstance(ref, int):
        paras = document.paragraphs
        return paras[ref] if 0 <= ref < len(paras) else None
    if isinstance(ref, tuple) and ref and ref[0] == "table":
        _, t, r, c = ref
        cell = document.tables[t].cell(r, c)
        want = want.strip()
        return next((p for p in cell.paragraphs if want and want in _runs_text(p)),
                    cell.paragraphs[0] if cell.paragraphs else None)
    return None


def _runs_text(paragraph) -> str:
    return "".join(r.text for r in paragraph.runs)


def locate(paragraph, want: str, rel: int, block_text: str) -> tuple[int | None, int | None]:
    """Where ``want`` sits in the paragraph's runs text, nearest to offset ``rel`` of the block
    (also used to renumber markers when completing a .docx in place)."""
    runs_text = _runs_text(paragraph)
    want = want.rstrip("\n")
    if not want:
        return None, None
    shift = len(block_text) - len(runs_text)      # a list marker the reader put in front
    target = max(0, rel - max(shift, 0))
    hits, k = [], runs_text.find(want)
    while k != -1:
        hits.append(k)
        k = runs_text.find(want, k + 1)
    if not hits:
        return None, None
    a = min(hits, key=lambda h: abs(h - target))
    return a, a + len(want)


def cover_runs(paragraph, a: int, b: int):
    """The runs exactly covering characters ``[a, b)`` of the paragraph, splitting two at most
    (also used to mark the sections a completion inserts into a .docx)."""
    _split_at(paragraph, b)
    _split_at(paragraph, a)
    out, pos = [], 0
    for run in paragraph.runs:
        n = len(run.text)
        if pos < b and a < pos + n or (n == 0 and a <= pos < b):
            out.append(run)
        pos += n
    return out or None


def _split_at(paragraph, k: int) -> None:
    pos = 0
    for run in paragraph.runs:
        n = len(run.text)
        if pos < k < pos + n and _plain(run):
            text = run.text
            twin = copy.deepcopy(run._r)
            run._r.addnext(twin)
            run.text = text[:k - pos]
            from docx.text.run import Run

            Run(twin, run._parent).text = text[k - pos:]
            return
        pos += n


def _plain(run) -> bool:
    """True when the run holds only properties and text (safe to split)."""
    return all(child.tag in (_W + "rPr", _W + "t") for child in run._r)
