"""Word output after GB/T 9704 (党政机关公文格式) conventions.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号
(22 pt) bold 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312, fixed
line spacing 28.95 pt (22 lines a page), first-line indent of two
characters; level-1 headings 黑体, level-2 楷体_GB2312, levels 3 (1.) and
4 (（1）) in the body font. Headings use Word's own "Heading 1"–"Heading 4"
styles (with outline levels), so the navigation pane and a table of contents
work; the numbering stays literal text, as official documents write it. A
title longer than a line is broken at a phrase boundary (after the year, before
和/与/及, before the document type …), never inside a word. The footer
carries the page number (— 1 —) on the outer side: odd pages right, even
pages left, one character in (different odd and even footers).
"""

from __future__ import annotations

import pathlib
import re
from typing import TYPE_CHECKING, Any, Mapping

from .blocks import plan_blocks

if TYPE_CHECKING:  # pragma: no cover  (Plan.to_docx calls this module: no import back at run time)
    from ..document import Plan

#: GB/T 9704 fonts as Chinese Windows names them; ``fonts="windows"`` gives the Windows 10+ names
FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "h2": "楷体_GB2312",
         "latin": "Times New Roman", "page": "宋体"}
WINDOWS_FONTS = dict(FONTS, title="宋体", body="仿宋", h2="楷体")
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_PT, BODY_PT, LINE_PT = 22, 16, 28.95
HEADING_FONT = {1: "h1", 2: "h2", 3: "body", 4: "body"}
_DATE_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|【待补充：成文日期】)$")   # 成文日期, or its marker


def to_docx(plan: Plan, path, *, fonts: Mapping[str, str] | str | None = None) -> str:
    """Write ``plan`` as a formatted .docx at ``path``; returns the path written."""
    from docx import Document

    names = _fonts(fonts)
    doc = Document()
    _page(doc.sections[0])
    _styles(doc, names)
    for block in plan_blocks(plan):
        _paragraph(doc, block, names)
    doc.settings.odd_and_even_pages_header_footer = True
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
        para = doc.add_paragraph(style="Title")
        for i, line in enumerate(title_lines(block.text)):
            run = para.add_run(line)
            if i:
                run._r.addprevious(_line_break())
        return para
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


def _line_break():
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


#: characters of the title font that fit on one line of the type area (156 mm / 22 pt)
TITLE_LINE_CHARS = int((PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72 // TITLE_PT)
_DOC_TAIL = re.compile(r"(?:工作)?(?:计划|方案|要点|意见|总结|报告|规划|办法|细则|通知|安排)(?:（[^）]*）)?$")
_AFTER = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九十]{2,4})\s*(?:年度?|—\d{4}年)|关于|(?:社区|街道|委员会|办事处|"
                    r"政府|党委|党工委|居委会|村委会|镇|乡|县|区|市)(?=\d|关于|[〇二])")


def title_lines(title: str, width: int | None = None) -> list[str]:
    """``title`` in lines that fit the title line, broken between words at the best phrase
    boundary (GB/T 9704: 回行时词意完整, 排列对称): after the year or 关于, before 和/与/及 or
    the document type; among equal boundaries the most even split wins."""
    width = width or TITLE_LINE_CHARS
    if _width(title) <= width:
        return [title]
    cuts = _boundaries(title)
    best = None
    for k in sorted(cuts):
        head, rest = title[:k], title[k:]
        if _width(head) > width:
            continue
        tail = title_lines(rest, width) if _width(rest) > width else [rest]
        lines = [head, *tail]
        score = (len(lines), -cuts[k], abs(_width(head) - _width(rest)) if len(lines) == 2 else 0)
        if best is None or score < best[0]:
            best = (score, lines)
    if best is not None:
        return best[1]
    return [title[:width], *title_lines(title[width:], width)]   # no boundary fits: cut by length


def _width(text: str) -> float:
    """Title width in characters (half-width digits and letters count a half)."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def _boundaries(title: str) -> dict[int, int]:
    """Offset → strength (2 phrase, 1 word) of the places where the title may be broken."""
    from ..segmentation import segmenter

    out: dict[int, int] = {}
    pos = 0
    for word in segmenter().cut(title):
        pos += len(word)
        if 0 < pos < len(title):
            out[pos] = 1
    for m in _AFTER.finditer(title):
        if 0 < m.end() < len(title):
            out[m.end()] = 2
    for m in re.finditer(r"[和及、]", title):
        if 0 < m.start() and m.start() in out:
            out[m.start()] = 2
    tail = _DOC_TAIL.search(title)
    if tail and 0 < tail.start() and tail.start() in out:
        out[tail.start()] = max(out[tail.start()], 1)
    for name in _names():          # never inside a theme's name (精神文明与道德建设)
        for m in re.finditer(re.escape(name), title):
            for k in range(m.start() + 1, m.end()):
                out.pop(k, None)
    return out


def _names() -> tuple[str, ...]:
    from ..labels.names import theme_names

    return tuple(n for n in theme_names().values() if len(n) > 2)


def _footer(section, names: dict[str, str]) -> None:
    """GB/T 9704 page numbers: — PAGE — in 4号 (14 pt) 宋体, odd pages on the right and even
    pages on the left, one character in from the type area's edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        _page_number(footer.paragraphs[0], align, names)


def _page_number(para, align, names: dict[str, str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    para.alignment = align
    para.paragraph_format.first_line_indent = Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        para.paragraph_format.right_indent = Pt(14)
    else:
        para.paragraph_format.left_indent = Pt(14)
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
