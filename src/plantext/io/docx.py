"""Word documents (.docx): body paragraphs and tables, list numbering shown.

Paragraphs and tables are read in body order. A table gives one line per
row, its cells joined by a tab, each cell its own ``table_cell`` block with
``ref = ("table", t, r, c)``: ``Document.tables[t].cell(r, c)`` in
python-docx (``c`` is the grid column). Paragraphs inside one cell are joined
by a space. A body paragraph's ``ref`` is its index in
``Document.paragraphs``; paragraphs inside a content control are
``("sdt", s, i)``. Automatic list numbering is rendered as the marker Word
shows (see :mod:`plantext.io.numbering`). Deleted revisions, hidden text,
tables of contents, headers, footers, footnotes and comments are not read;
hidden text and tables of contents are recorded in ``removed``.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import CorruptFileError, InputError, error
from .numbering import W, Numbering
from .source import SourceText, TextBuilder

_KIND = "Word (.docx)"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = frozenset((W + "del", W + "moveFrom", _MC_FALLBACK, W + "rPr", W + "pPr",
                   W + "footnoteReference", W + "endnoteReference", W + "commentReference"))
_BREAKS = {W + "tab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
_OFF = ("0", "false", "off")
_CONTAINERS = frozenset(W + tag for tag in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml",
                                            "ins", "moveTo"))


def read_docx(data: bytes, *, name: str = "<bytes>", path=None) -> SourceText:
    """Read .docx bytes into a :class:`SourceText` (format ``"docx"``)."""
    document = _open(data, name)
    reader = _BodyReader(document)
    reader.read_body(document.element.body)
    warnings = []
    if reader.markers:
        warnings.append(f"reconstructed {reader.markers} list-numbering markers")
    title = (document.core_properties.title or "").strip() or None
    result = reader.out.build(path=path, format="docx", warnings=warnings, title=title)
    if not result.strip():
        raise error(InputError, "E001")
    return result


def _open(data: bytes, name: str):
    """python-docx Document, or E005 saying why the file cannot be one."""
    import docx
    from lxml.etree import LxmlError

    if data.startswith(_OLE):
        raise _corrupt(name, "it is password-protected or an old .doc file renamed; "
                             "open it in Word and save it as .docx without a password")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise _corrupt(name, "it is not a ZIP archive, as .docx files are") from None
    if "word/document.xml" not in names:
        raise _corrupt(name, "the archive holds no word/document.xml")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError, zlib.error, EOFError) as exc:
        raise _corrupt(name, f"{type(exc).__name__}: {exc}") from exc


def _corrupt(name: str, reason: str):
    return error(CorruptFileError, "E005", path=name, kind=_KIND, reason=reason)


class _Styles:
    """Paragraph style facts: heading or not, table of contents or not."""

    def __init__(self, styles_xml) -> None:
        self.names: dict[str, str] = {}
        self.outline: dict[str, bool] = {}
        self.parent: dict[str, str] = {}
        self.default: str | None = None
        for style in styles_xml.iter(W + "style"):
            sid = style.get(W + "styleId")
            name = style.find(W + "name")
            self.names[sid] = (name.get(W + "val", "") if name is not None else "").lower()
            lvl = style.find(f"{W}pPr/{W}outlineLvl")
            self.outline[sid] = lvl is not None and lvl.get(W + "val", "9") < "9"
            based = style.find(W + "basedOn")
            if based is not None:
                self.parent[sid] = based.get(W + "val")
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default = sid

    def is_heading(self, sid: str | None) -> bool:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            name = self.names.get(sid, "")
            if name.startswith(("heading", "title", "标题")) or self.outline.get(sid):
                return True
            sid = self.parent.get(sid)
        return False

    def is_title(self, sid: str | None) -> bool:
        """Word's Title style (a title broken over lines with line breaks is one title)."""
        return self.names.get(sid or "", "") == "title"

    def is_toc(self, sid: str | None) -> bool:
        return self.names.get(sid or "", "").startswith("toc ")


class _BodyReader:
    """Walks the document body in order, feeding a TextBuilder."""

    def __init__(self, document) -> None:
        styles = document.styles.element
        self.styles = _Styles(styles)
        self.numbering = Numbering(document.part.numbering_part.element, styles)
        self.out = TextBuilder()
        self.markers = 0

    def read_body(self, body) -> None:
        counts = {"p": 0, "tbl": 0, "sdt": 0}
        for child in body:
            tag = child.tag
            if tag == W + "p":
                self._body_paragraph(child, counts["p"])
                counts["p"] += 1
            elif tag == W + "tbl":
                self._table(child, counts["tbl"])
                counts["tbl"] += 1
            elif tag == W + "sdt":
                self._content_control(child, counts["sdt"])
                counts["sdt"] += 1

    def _body_paragraph(self, p, ref) -> None:
        text, drops, kind = self.paragraph(p)
        if kind == "toc":
            self.out.drop("table of contents", text)
        elif text.strip() or drops:
            self.out.line(text, kind, ref, drops)
        if not text.strip():
            self.out.blank()

    def _content_control(self, sdt, index: int) -> None:
        gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
        paragraphs = list(_paragraphs(sdt))
        if gallery is not None and "content" in gallery.get(W + "val", "").lower():
            text = " ".join(self.paragraph(p)[0] for p in paragraphs)
            self.out.drop("table of contents", text)
            return
        for i, p in enumerate(paragraphs):
            self._body_paragraph(p, ("sdt", index, i))

    def _table(self, tbl, t: int) -> None:
        for r, tr in enumerate(tbl.findall(W + "tr")):
            cells, column = [], _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
            for tc in tr.findall(W + "tc"):
                span = _int_val(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                continued = merge is not None and merge.get(W + "val") != "restart"
                if not continued:
                    cells.append((*self._cell(tc), ("table", t, r, column)))
                column += span
            self.out.row([(text, ref, drops) for text, drops, ref in cells], "table_cell")

    def _cell(self, tc):
        """Text of one cell (its paragraphs joined by a space) and its drops."""
        parts, drops, length = [], [], 0
        for p in _paragraphs(tc):
            text, p_drops, _ = self.paragraph(p, in_cell=True)
            if not text.strip():
                continue
            if parts:
                length += 1
            drops.extend((length + offset, reason, t) for offset, reason, t in p_drops)
            parts.append(text)
            length += len(text)
        return " ".join(parts), drops

    def paragraph(self, p, in_cell: bool = False):
        """``(text, drops, kind)`` of one w:p, with its list marker in front."""
        ppr = p.find(W + "pPr")
        sid = _val(ppr, "pStyle") or self.styles.default
        if self.styles.is_toc(sid):
            return _run_text(p, in_cell)[0], [], "toc"
        text, drops = _run_text(p, in_cell)
        if "\n" in text and not drops and self.styles.is_title(sid):
            text = text.replace("\n", "")       # a title broken over lines (GB/T 9704 回行)
        heading = self.styles.is_heading(sid) or (
            ppr is not None and _val(ppr, "outlineLvl", "9") < "9")
        kind = "heading" if heading else "paragraph"
        numbered = self.numbering.resolve(ppr, sid)
        if numbered:
            kind = kind if heading else "list_item"
            marker = self.numbering.next_marker(*numbered)   # empty ones count too
            if marker and text.strip():
                self.markers += 1
                stripped = text.lstrip()
                sep = _separator(marker, stripped)
                shift = len(marker) + len(sep) - (len(text) - len(stripped))
                text = marker + sep + stripped
                drops = [(offset + shift, reason, t) for offset, reason, t in drops]
        return text, drops, kind


def _separator(marker: str, text: str) -> str:
    """What goes between a marker and its text: a space after 第一章 or 1, none after 一、 ①."""
    last, first = marker[-1], text[:1]
    if last.isalpha() or last in "0123456789":
        return " "
    return " " if marker.isascii() and first.isascii() and first.isalnum() else ""


def _paragraphs(container):
    """The w:p inside a cell or content control, in order, nested tables included,
    text-box paragraphs (read inline with their anchor paragraph) left out."""
    for child in container:
        if child.tag == W + "p":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _paragraphs(child)


def _val(element, tag: str, default=None):
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val", default) if child is not None else default


def _int_val(element, default: int) -> int:
    try:
        return int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _run_text(p, in_cell: bool):
    """Visible text of a paragraph, and ``(offset, reason, text)`` of hidden runs."""
    parts, drops, length = [], [], 0
    stack = [iter(p)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == W + "r" and _hidden(element):
            hidden = "".join(t.text or "" for t in element.iter(W + "t"))
            if hidden:
                drops.append((length, "hidden text", hidden))
            continue
        piece = _piece(element, in_cell)
        if piece is None:
            stack.append(iter(element))
        elif piece:
            parts.append(piece)
            length += len(piece)
    return "".join(parts), drops


def _hidden(run) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "1") not in _OFF


def _piece(element, in_cell: bool) -> str | None:
    """Text one leaf element shows; None for containers to descend into."""
    tag = element.tag
    if tag == W + "t":
        return element.text or ""
    if tag in _BREAKS:
        return " " if in_cell and tag != W + "noBreakHyphen" else _BREAKS[tag]
    if tag == W + "br":
        if element.get(W + "type") in ("page", "column"):
            return ""
        return " " if in_cell else "\n"
    if tag == W + "p":     # a text box's paragraph inside this one
        return None
    return None if len(element) else ""
