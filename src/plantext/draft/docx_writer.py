"""Word output after GB/T 9704 (党政机关公文格式) conventions.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号
(22 pt) bold 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312, fixed
line spacing 28.95 pt (22 lines a page), first-line indent of two
characters; level-1 headings 黑体, level-2 楷体_GB2312, levels 3 (1.) and
4 (（1）) in the body font. Headings use Word's own "Heading 1"–"Heading 4"
styles (with outline levels), so the navigation pane and a table of contents
work; the numbering stays literal text, as official documents write it. The
footer carries the page number (— 1 —).
"""

from __future__ import annotations

import pathlib
import re
from typing import Any, Mapping

from ..document import Plan
from .blocks import plan_blocks

#: GB/T 9704 fonts as Chinese Windows names them; ``fonts="windows"`` gives the Windows 10+ names
FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "h2": "楷体_GB2312",
         "latin": "Times New Roman", "page": "宋体"}
WINDOWS_FONTS = dict(FONTS, title="宋体", body="仿宋", h2="楷体")
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_PT, BODY_PT, LINE_PT = 22, 16, 28.95
HEADING_FONT = {1: "h1", 2: "h2", 3: "body", 4: "body"}
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def to_docx(plan: Plan, path, *, fonts: Mapping[str, str] | str | None = None) -> str:
    """Write ``plan`` as a formatted .docx at ``path``; returns the path written."""
    from docx import Document

    names = _fonts(fonts)
    doc = Document()
    _page(doc.sections[0])
    _styles(doc, names)
    for block in plan_blocks(plan):
        _paragraph(doc, block, names)
    _footer(doc.sections[0], names)
    out = pathlib.Path(path)
    doc.save(str(out))
    return str(out)


def _fonts(fonts: Mapping[str, str] | str | None) -> dict[str, str]:
    if fonts == "windows":
        return dict(WINDOWS_FONTS)
    if isinstance(fonts, str):
        raise ValueError(f"fonts must be a mapping or 'windows', not {fonts!r}")
    return {**FONTS, **(fonts or {})}


def _page(section) -> None:
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])


def set_font(style_or_run, east_asia: str, latin: str, size: float | None = None,
             bold: bool | None = None) -> None:
    """Set a style's or run's fonts: ``w:rFonts w:eastAsia`` for Chinese, theme fonts removed."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style_or_run.font
    font.name = latin
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)


def _body_format(fmt, indent: bool = True) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * BODY_PT) if indent else None


def _styles(doc, names: dict[str, str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    set_font(normal, names["body"], names["latin"], BODY_PT, False)
    _body_format(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(normal.element.get_or_add_pPr(), 200)
    title = doc.styles["Title"]
    set_font(title, names["title"], names["latin"], TITLE_PT, True)
    ppr = title.element.get_or_add_pPr()
    for bdr in ppr.findall(qn("w:pBdr")):
        ppr.remove(bdr)
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(36), Pt(0), Pt(LINE_PT)
    _indent_chars(ppr, 0)
    for level, key in HEADING_FONT.items():
        style = doc.styles[f"Heading {level}"]
        set_font(style, names[key], names["latin"], BODY_PT, False)
        _body_format(style.paragraph_format)
        style.paragraph_format.keep_with_next = True
        _indent_chars(style.element.get_or_add_pPr(), 200)
        _outline_level(style.element.get_or_add_pPr(), level - 1)


def _indent_chars(ppr, hundredths: int) -> None:
    """First-line indent in characters (``w:firstLineChars``: 200 = two characters)."""
    from docx.oxml.ns import qn

    ppr.get_or_add_ind().set(qn("w:firstLineChars"), str(hundredths))


def _outline_level(ppr, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = ppr.find(qn("w:outlineLvl"))
    if el is None:
        el = OxmlElement("w:outlineLvl")
        ppr.insert_element_before(el, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    el.set(qn("w:val"), str(level))


def _paragraph(doc, block, names: dict[str, str]) -> Any:
    if block.kind == "title":
        return doc.add_paragraph(block.text, style="Title")
    if block.kind == "heading":
        return doc.add_paragraph(block.text, style=f"Heading {min(block.level, 4)}")
    para = doc.add_paragraph(style="Normal")
    if block.kind == "signature":      # GB/T 9704: right side, the date four characters in
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.paragraph_format.first_line_indent = Pt(0)
        para.paragraph_format.right_indent = Pt(BODY_PT * (4 if _DATE_LINE.match(block.text) else 2))
        para.add_run(block.text)
        return para
    if block.lead and block.level in (1, 2):
        head = para.add_run(block.text[:block.lead])
        set_font(head, names[HEADING_FONT[block.level]], names["latin"])
        para.add_run(block.text[block.lead:])
    else:
        para.add_run(block.text)
    return para


def _footer(section, names: dict[str, str]) -> None:
    """— PAGE — centred in the footer, 4号 (14 pt) 宋体."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.first_line_indent = Pt(0)
    _indent_chars(para._p.get_or_add_pPr(), 0)
    runs = [para.add_run("— ")]
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = para.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
        runs.append(run)
    runs.append(para.add_run(" —"))
    for run in runs:
        set_font(run, names["page"], names["latin"], 14)
