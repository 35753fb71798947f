"""Builders for the reader tests: .docx with list numbering, PDFs with page furniture."""

from __future__ import annotations

import re

import pytest

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

class DocBuilder:
    """A python-docx document plus helpers to add list numbering through oxml."""

    def __init__(self, directory):
        import docx

        self.directory = directory
        self.doc = docx.Document()
        self._next_id = 90

    def _xml(self, body: str):
        from docx.oxml import parse_xml

        return parse_xml(re.sub(r"^<(w:\w+)", rf'<\1 xmlns:w="{W_NS}"', body, count=1))

    def add_list(self, levels, *, abstract: int | None = None, overrides=None) -> str:
        """Add a numbering definition; return its numId. ``levels``: (numFmt, lvlText[, start])."""
        numbering = self.doc.part.numbering_part.element
        self._next_id += 1
        if abstract is None:
            abstract = self._next_id
            lvls = "".join(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="{lvl[2] if len(lvl) > 2 else 1}"/>'
                f'<w:numFmt w:val="{lvl[0]}"/><w:lvlText w:val="{lvl[1]}"/>'
                f'<w:suff w:val="nothing"/></w:lvl>' for i, lvl in enumerate(levels))
            element = self._xml(f'<w:abstractNum w:abstractNumId="{abstract}">{lvls}</w:abstractNum>')
            first_num = numbering.find(f"{{{W_NS}}}num")
            if first_num is not None:
                first_num.addprevious(element)
            else:
                numbering.append(element)
        extra = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                        for i, v in (overrides or {}).items())
        numbering.append(self._xml(f'<w:num w:numId="{self._next_id}">'
                                   f'<w:abstractNumId w:val="{abstract}"/>{extra}</w:num>'))
        return str(self._next_id)

    def abstract_of(self, num_id: str) -> int:
        numbering = self.doc.part.numbering_part.element
        for num in numbering.iter(f"{{{W_NS}}}num"):
            if num.get(f"{{{W_NS}}}numId") == num_id:
                return int(num.find(f"{{{W_NS}}}abstractNumId").get(f"{{{W_NS}}}val"))
        raise KeyError(num_id)

    def numbered_style(self, name: str, num_id: str, ilvl: int):
        """A paragraph style that carries numPr, as outline heading styles do."""
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        ppr = style.element.get_or_add_pPr()
        ppr.append(self._xml(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return style

    def para(self, text: str = "", num_id: str | None = None, ilvl: int = 0, style=None):
        paragraph = self.doc.add_paragraph(text, style=style)
        if num_id is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(self._xml(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return paragraph

    def raw_para(self, inner_xml: str):
        """Append a w:p built from raw run XML (revisions, hidden text …)."""
        paragraph = self.doc.add_paragraph()
        paragraph._p.append(self._xml(f"<w:wrap>{inner_xml}</w:wrap>"))
        wrapper = paragraph._p[-1]
        for child in list(wrapper):
            paragraph._p.append(child)
        paragraph._p.remove(wrapper)
        return paragraph

    def save(self, name: str = "plan.docx"):
        path = self.directory / name
        self.doc.save(path)
        return path


@pytest.fixture
def docx_builder(tmp_path):
    return DocBuilder(tmp_path)


def wrap(text: str, width: int) -> list[str]:
    """Cut ``text`` into physical lines of ``width`` characters."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


@pytest.fixture
def make_pdf(tmp_path):
    """Write a PDF whose pages hold the given lines, in STSong-Light.

    ``pages`` is a list of lists of lines; ``header`` is drawn at the top of
    every page and ``number(n)`` (n from 1) at the bottom when given.
    """
    def build(pages, *, name="plan.pdf", header=None, number=None, title=None):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        path = tmp_path / name
        pdf = canvas.Canvas(str(path))
        if title:
            pdf.setTitle(title)
        for n, lines in enumerate(pages, start=1):
            pdf.setFont("STSong-Light", 12)
            if header:
                pdf.drawString(72, 810, header)
            for i, line in enumerate(lines):
                pdf.drawString(72, 780 - 18 * i, line)
            if number:
                pdf.drawString(290, 30, number(n))
            pdf.showPage()
        pdf.save()
        return path

    return build
