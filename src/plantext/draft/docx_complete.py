"""A completed plan written into the user's own .docx: the missing sections inserted in place.

Only the body changes. Each inserted section becomes new paragraphs placed
before the paragraph (or table) that completion inserted it before, the next
top-level section or the closing 署名 and date; each paragraph is formatted
like the document's own paragraph of the same kind nearest before it (a
top-level heading like its top-level headings, a （一） heading like its
（一） headings, body text like its body text: paragraph and run properties
copied). Markers of the later top-level sections are renumbered in their
runs; headings numbered by Word itself renumber on their own, and the
inserted heading then takes their numbering instead of a typed marker.
Styles, fonts, tables, headers, footers and the author's comments are left
as they are.

Each insertion is marked (``mark``):

- ``"track"`` (the default): a Word tracked change by author ``plantext``
  with the date — the new paragraphs as insertions, each renumbered marker as
  a deletion and an insertion — so that Review → Reject All gives back the
  document exactly as it was, and Accept keeps the section;
- ``"comment"``: a Word comment on each inserted section saying where its
  sentences came from and how many 【待补充】 remain (the audit's Word
  comments, :mod:`plantext.audit.docx_report`);
- ``"both"``.
"""

from __future__ import annotations

import bisect
import copy
import datetime
import pathlib
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..audit.docx_report import AUTHOR, INITIALS, cover_runs, locate
from ..errors import InputError, PlanTextWarning
from . import layout
from .blocks import Block, placed_blocks

if TYPE_CHECKING:  # pragma: no cover
    from .complete import CompletionResult

MARKS = ("track", "comment", "both")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def from_docx(result: "CompletionResult") -> bool:
    """True when the completed plan was read from a .docx file that is still there."""
    src = result.original.source
    return bool(src) and pathlib.Path(src).suffix.lower() == ".docx" and pathlib.Path(src).is_file()


def complete_docx(result: "CompletionResult", path, *, mark: str = "track",
                  date: datetime.datetime | None = None, source=None) -> str:
    """Write a copy of the plan's .docx (``source``, default the plan's file) with the inserted
    sections in place, each marked as ``mark`` says; returns the path written."""
    import docx

    from ..io import read

    if mark not in MARKS:
        raise InputError(f"mark 应为 {' / '.join(MARKS)}；收到的是 {mark!r}。 / mark must be one "
                         f"of {', '.join(MARKS)}, not {mark!r}.")
    src = pathlib.Path(source or result.original.source or "")
    if src.suffix.lower() != ".docx" or not src.is_file():
        raise InputError(f"{src} 不是 .docx 文件，无法在原文件中补全。 / {src} is not a .docx file.")
    text = read(src)
    if str(text) != layout.source_text(result.original):
        raise InputError(f"{src} 与补全时读到的内容不一致（文件已改动？），请重新补全。"
                         f" / {src} no longer holds the text that was completed.")
    document = docx.Document(str(src))
    _Editor(document, text, result, mark, date).apply()
    out = pathlib.Path(path)
    document.save(str(out))
    return str(out)


@dataclass
class _Template:
    """A paragraph of the document to copy the formatting of."""

    at: int              # source offset
    p: Any               # its w:p
    auto: bool = False   # its marker is Word's list numbering, not typed text


class _Editor:
    def __init__(self, document, text, result: "CompletionResult", mark: str,
                 date: datetime.datetime | None) -> None:
        self.document, self.text, self.result, self.mark = document, text, result, mark
        when = date or datetime.datetime.now(datetime.timezone.utc)
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.starts = [b.start for b in text.blocks]
        body = document.element.body
        self.paragraphs = [c for c in body if c.tag == W + "p"]
        self.tables = [c for c in body if c.tag == W + "tbl"]
        self.sdts = [c for c in body if c.tag == W + "sdt"]
        ids = [int(v) for e in body.iter() for v in [e.get(W + "id")] if v and v.isdigit()]
        comments = [c.comment_id for c in document.comments] if mark != "track" else []
        # comment ids are taken next (max + 1 …); revision ids start above them all
        self.next_id = max(ids + comments + [0]) + len(result.inserted) + 1
        self.headings, self.bodies, self.leads = self._templates()

    # -- the plan's paragraphs in the document ------------------------------------------------
    def _block(self, src: int):
        """The reader's block holding source offset ``src`` (None outside every block)."""
        i = bisect.bisect_right(self.starts, src) - 1
        if i >= 0 and src < self.text.blocks[i].end:
            return self.text.blocks[i]
        return None

    def _element(self, ref):
        """The body element a block came from: its w:p, or the w:tbl of a table cell."""
        if isinstance(ref, int):
            return self.paragraphs[ref] if 0 <= ref < len(self.paragraphs) else None
        if isinstance(ref, tuple) and ref and ref[0] == "table":
            return self.tables[ref[1]] if ref[1] < len(self.tables) else None
        if isinstance(ref, tuple) and ref and ref[0] == "sdt" and ref[1] < len(self.sdts):
            inner = [p for p in self.sdts[ref[1]].iter(W + "p")]
            return inner[ref[2]] if ref[2] < len(inner) else self.sdts[ref[1]]
        return None

    def _paragraph_at(self, src: int):
        """The body paragraph (not a table cell) holding source offset ``src``, and its block."""
        block = self._block(src)
        ref = block.ref if block is not None else None
        if not (isinstance(ref, int) or (isinstance(ref, tuple) and ref and ref[0] == "sdt")):
            return None, None
        el = self._element(ref)
        return (el, block) if el is not None and el.tag == W + "p" else (None, None)

    def _templates(self):
        """The document's own headings by level, body paragraphs, and inline-headed bodies."""
        plan = self.result.original
        headings: dict[int, list[_Template]] = {}
        for sec in plan.walk():
            if sec.inline:
                continue
            src = layout.source_offset(plan, sec.heading_start)
            p, block = self._paragraph_at(src)
            if p is None:
                continue
            shown = str(self.text)[block.start:block.end].lstrip()
            auto = shown.startswith(sec.marker) and not _p_text(p).lstrip().startswith(sec.marker)
            headings.setdefault(sec.level, []).append(_Template(src, p, auto))
        bodies: dict[int, list[_Template]] = {}
        leads: dict[int, list[_Template]] = {}
        for off, b in placed_blocks(plan):
            if b.kind != "body":
                continue
            src = layout.source_offset(plan, off)
            p, _ = self._paragraph_at(src)
            if p is None or not _p_text(p).strip():
                continue
            (leads if b.lead else bodies).setdefault(b.level if b.lead else 0, []).append(
                _Template(src, p))
        return headings, bodies, leads

    # -- edits --------------------------------------------------------------------------------
    def apply(self) -> None:
        """Resolve every place first (block refs count paragraphs), then edit."""
        res = self.result
        inserts = [e for e in res.source_edits if e["kind"] == "insert"]
        renumbers = [e for e in res.source_edits if e["kind"] == "renumber"]
        places = [(e, *self._place(e["start"])) for e in inserts]
        marks = [(e, *self._paragraph_at(e["start"])) for e in renumbers]
        auto_top = any(t.auto for t in self.headings.get(1, []))
        for e, p, block in marks:
            if p is None or not self._renumber(p, block, e) and not auto_top:
                warnings.warn(f"编号“{e['old']}”未能在 Word 段落中改为“{e['new']}”，请手工修改。"
                              f" (Could not renumber {e['old']} in the .docx.)", PlanTextWarning,
                              stacklevel=3)
        done = res.plan
        typed = placed_blocks(done)
        tails: dict[Any, Any] = {}      # sections appended after one element follow each other
        for e, anchor, before in places:
            ins = res.inserted[e["index"]]
            blocks = [(off, b) for off, b in typed if ins.start <= off < ins.end]
            new = [self._new_paragraph(b, e["start"], self._marker_of(done, off, b))
                   for off, b in blocks]
            for p in new:
                if before:
                    anchor.addprevious(p)
                else:
                    tails.get(anchor, anchor).addnext(p)
                    tails[anchor] = p
            if self.mark in ("comment", "both") and new:
                self._comment(new, ins)

    def _place(self, src: int):
        """The element to insert before (``before`` True), or after, for source offset ``src``."""
        i = bisect.bisect_left([b.end for b in self.text.blocks], src + 1)
        for block in self.text.blocks[i:]:
            el = self._element(block.ref)
            if el is not None and block.end > src:
                return el, True
        for block in reversed(self.text.blocks):
            el = self._element(block.ref)
            if el is not None:
                return el, False
        body = self.document.element.body
        return body[-1], body[-1].tag != W + "sectPr"

    @staticmethod
    def _marker_of(done, off: int, block: Block) -> str:
        sec = next((s for s in done.walk() if s.heading_start == off), None)
        return sec.marker if sec is not None and block.text.startswith(sec.marker) else ""

    def _nearest(self, table: dict[int, list[_Template]], level: int, src: int):
        got = table.get(level) or []
        before = [t for t in got if t.at < src]
        return before[-1] if before else (got[0] if got else None)

    def _new_paragraph(self, block: Block, src: int, marker: str):
        """A w:p for one inserted paragraph, formatted like the document's own of its kind."""
        body = self._nearest(self.bodies, 0, src)
        text = block.text
        if block.kind == "heading":
            tpl = self._nearest(self.headings, block.level, src) or body
            if tpl is not None and tpl.auto and marker:
                text = text[len(marker):].lstrip()
            parts = [(text, _first_rpr(tpl.p) if tpl is not None else None)]
        elif block.lead:       # （一）加强领导。… : the lead like the document's, the rest as body
            tpl = self._nearest(self.leads, block.level, src)
            head = tpl or self._nearest(self.headings, block.level, src) or body
            rest = _last_rpr(tpl.p) if tpl is not None else \
                (_first_rpr(body.p) if body is not None else None)
            parts = [(text[:block.lead], _first_rpr(head.p) if head is not None else None),
                     (text[block.lead:], rest)]
            tpl = tpl or body
        else:
            tpl = self._nearest(self.bodies, block.level, src) or body
            parts = [(text, _first_rpr(tpl.p) if tpl is not None else None)]
        indent = _typed_indent(tpl.p) if tpl is not None else ""
        if indent and parts and parts[0][0]:      # the author types the indent (　　): so do we
            parts[0] = (indent + parts[0][0], parts[0][1])
        p = _make_p(tpl.p if tpl is not None else None, tpl is not None and tpl.auto)
        track = self.mark in ("track", "both")
        holder = p
        if track:
            _mark_paragraph(p, self._revision("ins"))
            holder = self._revision("ins")
            p.append(holder)
        for piece, rpr in parts:
            if piece:
                holder.append(_run(piece, rpr))
        return p

    def _revision(self, kind: str):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        el = OxmlElement(f"w:{kind}")
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el

    def _renumber(self, p, block, edit: dict) -> bool:
        """Replace a typed top-level marker in its runs (tracked: deleted and inserted)."""
        from docx.text.paragraph import Paragraph

        para = Paragraph(p, None)
        shown = str(self.text)[block.start:block.end]
        a, b = locate(para, edit["old"], edit["start"] - block.start, shown)
        if a is None:
            return False
        runs = cover_runs(para, a, b)
        if not runs or "".join(r.text for r in runs) != edit["old"]:
            return False
        first = runs[0]._r
        if self.mark in ("track", "both"):
            rpr = first.find(W + "rPr")
            dele = self._revision("del")
            first.addprevious(dele)
            for run in runs:
                for t in run._r.findall(W + "t"):
                    t.tag = W + "delText"
                dele.append(run._r)
            ins = self._revision("ins")
            ins.append(_run(edit["new"], rpr))
            dele.addnext(ins)
        else:
            runs[0].text = edit["new"]
            for run in runs[1:]:
                run._r.getparent().remove(run._r)
        return True

    def _comment(self, paragraphs: list, ins) -> None:
        from docx.text.run import Run

        runs = [r for p in paragraphs for r in p.iter(W + "r")]
        if not runs:
            return
        first, last = Run(runs[0], None), Run(runs[-1], None)
        sources = list(dict.fromkeys(p["source"].split("#", 1)[0] for p in ins.provenance))
        note = (f"plantext 补全插入：{ins.heading or '开头段落'}。"
                + (f"{len(ins.provenance)}句取自语料（{'、'.join(sources[:3])}"
                   + ("等" if len(sources) > 3 else "") + "）" if ins.provenance else "未找到合适的语句")
                + (f"，{len(ins.markers)}处【待补充】需要填写" if ins.markers else "")
                + "。请核对后保留或删除。")
        self.document.add_comment([first, last], text=note, author=AUTHOR, initials=INITIALS)


def _p_text(p) -> str:
    """The visible typed text of a paragraph (deleted text left out)."""
    return "".join(t.text or "" for t in p.iter(W + "t"))


def _typed_indent(p) -> str:
    """The spaces (full- or half-width) the paragraph's text opens with."""
    text = _p_text(p)
    return text[:len(text) - len(text.lstrip(" \u3000\xa0"))]


def _text_runs(p) -> list:
    return [r for r in p.iter(W + "r") if any((t.text or "").strip() for t in r.findall(W + "t"))]


def _first_rpr(p):
    runs = _text_runs(p)
    return runs[0].find(W + "rPr") if runs else None


def _last_rpr(p):
    runs = _text_runs(p)
    return runs[-1].find(W + "rPr") if runs else None


def _make_p(template, numbered: bool):
    """A new w:p with the template's paragraph properties (never its section break or own
    revision marks; list numbering only where the template's marker is Word's own)."""
    from docx.oxml import OxmlElement

    p = OxmlElement("w:p")
    ppr = template.find(W + "pPr") if template is not None else None
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        for tag in ("sectPr", "pPrChange"):
            for el in ppr.findall(W + tag):
                ppr.remove(el)
        rpr = ppr.find(W + "rPr")
        if rpr is not None:
            for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange"):
                for el in rpr.findall(W + tag):
                    rpr.remove(el)
        if not numbered:
            for el in ppr.findall(W + "numPr"):
                ppr.remove(el)
        p.append(ppr)
    return p


def _mark_paragraph(p, ins) -> None:
    """Mark the paragraph's own mark as inserted (w:pPr/w:rPr/w:ins), so Reject removes it."""
    from docx.oxml import OxmlElement

    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(W + "rPr")
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.insert(0, ins)


def _run(text: str, rpr):
    """A w:r holding ``text`` with a copy of ``rpr`` (its own revision marks dropped)."""
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    if rpr is not None:
        rpr = copy.deepcopy(rpr)
        for el in rpr.findall(W + "rPrChange"):
            rpr.remove(el)
        r.append(rpr)
    t = OxmlElement("w:t")
    t.set(_XML_SPACE, "preserve")
    t.text = text
    r.append(t)
    return r
