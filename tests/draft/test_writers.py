"""Markdown and Word output: structure, GB/T 9704 page and fonts, Word heading styles, PDF."""

from __future__ import annotations

import shutil
import subprocess
import warnings

import pytest
from draft_samples import FOUR_LEVELS

from plantext import parse
from plantext.draft import to_docx, to_markdown
from plantext.draft.docx_writer import FONTS, LINE_PT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def plan():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse(FOUR_LEVELS, model="none")


@pytest.fixture(scope="module")
def docx_path(plan, tmp_path_factory):
    return to_docx(plan, tmp_path_factory.mktemp("docx") / "plan.docx")


@pytest.fixture(scope="module")
def document(docx_path):
    import docx

    return docx.Document(docx_path)


def test_markdown(plan):
    md = to_markdown(plan).split("\n\n")
    assert md[0] == "# 和平社区2024年文明创建工作方案"
    assert md[1] == "为巩固文明创建成果，结合社区实际，制定本方案。"
    assert md[2] == "## 一、总体要求"
    assert md[3] == "### （一）指导思想"
    assert "#### 1.开展文明宣讲" in md and "##### （1）进楼栋宣讲" in md
    assert "**（一）落实责任**。各网格要明确责任人，确保各项任务按时完成。" in md


def test_markdown_of_a_draft_reads_back(make_draft):
    import plantext.io

    plan = make_draft("work_plan")
    md = to_markdown(plan)
    assert md.startswith(f"# {plan.title}\n\n")
    back = plantext.io.read_bytes(md.encode("utf-8"), suffix=".md")
    assert [l for l in str(back).split("\n") if l] == [l for l in plan.text.split("\n") if l]


@pytest.mark.parametrize("attr, mm", [
    ("page_width", 210), ("page_height", 297), ("top_margin", 37), ("bottom_margin", 35),
    ("left_margin", 28), ("right_margin", 26),
])
def test_page_is_a4_with_gbt_margins(document, attr, mm):
    assert getattr(document.sections[0], attr).mm == pytest.approx(mm, abs=0.05)   # twip rounding


def test_paragraph_styles_and_numbering(document):
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[0] == ("Title", "和平社区2024年文明创建工作方案")
    heads = [(name, text) for name, text in styled if name.startswith("Heading")]
    assert heads == [
        ("Heading 1", "一、总体要求"), ("Heading 2", "（一）指导思想"), ("Heading 2", "（二）工作目标"),
        ("Heading 1", "二、主要任务"), ("Heading 2", "（一）加强宣传教育"), ("Heading 3", "1.开展文明宣讲"),
        ("Heading 4", "（1）进楼栋宣讲"), ("Heading 4", "（2）进学校宣讲"), ("Heading 3", "2.评选身边好人"),
        ("Heading 1", "三、保障措施")]
    body = [text for name, text in styled if name == "Normal"]
    assert "每月组织一次文明礼仪进楼栋宣讲活动。" in body
    inline = next(p for p in document.paragraphs if p.text.startswith("（一）落实责任"))
    assert inline.style.name == "Normal"
    assert _east_asia(inline.runs[0]._r) == FONTS["h2"]


def test_heading_styles_have_outline_levels_and_fonts(document):
    from docx.shared import Pt

    expected = {1: FONTS["h1"], 2: FONTS["h2"], 3: FONTS["body"], 4: FONTS["body"]}
    for level, font in expected.items():
        style = document.styles[f"Heading {level}"]
        ppr = style.element.pPr
        assert ppr.find(f"{W}outlineLvl").get(f"{W}val") == str(level - 1)
        assert _east_asia(style.element) == font
        assert style.font.size == Pt(16) and not style.font.bold
        rfonts = style.element.rPr.find(f"{W}rFonts")
        assert rfonts.get(f"{W}eastAsiaTheme") is None


def test_title_and_body_fonts(document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    title = document.styles["Title"]
    assert _east_asia(title.element) == FONTS["title"]
    assert title.font.size == Pt(22) and title.font.bold
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.element.pPr.find(f"{W}pBdr") is None
    normal = document.styles["Normal"]
    assert _east_asia(normal.element) == FONTS["body"] and normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(LINE_PT)
    assert 28 <= fmt.line_spacing.pt <= 29
    assert fmt.first_line_indent == Pt(32)
    assert normal.element.pPr.find(f"{W}ind").get(f"{W}firstLineChars") == "200"


def test_footer_has_a_page_field(document):
    footer = document.sections[0].footer.paragraphs[0]._p
    instr = [el.text for el in footer.iter(f"{W}instrText")]
    assert instr == [" PAGE "]
    kinds = [el.get(f"{W}fldCharType") for el in footer.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]


def test_docx_reads_back_as_the_same_plan(plan, docx_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = parse(docx_path, model="none")
    assert back.title == plan.title
    assert [(s.marker, s.title, s.level) for s in back.walk()] == \
        [(s.marker, s.title, s.level) for s in plan.walk()]


def test_windows_fonts(plan, tmp_path):
    import docx

    doc = docx.Document(to_docx(plan, tmp_path / "w.docx", fonts="windows"))
    assert _east_asia(doc.styles["Normal"].element) == "仿宋"
    assert _east_asia(doc.styles["Heading 2"].element) == "楷体"


@pytest.mark.slow
def test_pdf_rendering(plan, docx_path, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from pypdf import PdfReader

    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"   # no shared lock
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=180)
    reader = PdfReader(str(tmp_path / "plan.pdf"))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "").replace(" ", "")
    assert plan.title in text
    assert "一、总体要求" in text and "（1）进楼栋宣讲" in text


def _east_asia(element) -> str | None:
    rpr = element.find(f"{W}rPr")
    rfonts = None if rpr is None else rpr.find(f"{W}rFonts")
    return None if rfonts is None else rfonts.get(f"{W}eastAsia")


def test_signature_and_date_sit_on_the_right(make_draft, tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from plantext.draft.blocks import plan_blocks

    plan = make_draft("work_plan", ("civility",), unit="和平社区")
    assert [b.kind for b in plan_blocks(plan)[-2:]] == ["signature", "signature"]
    doc = docx.Document(to_docx(plan, tmp_path / "signed.docx"))
    unit, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (unit.text, unit.alignment) == ("和平社区", WD_ALIGN_PARAGRAPH.RIGHT)
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date.text.endswith("日") or date.text == "【待补充：成文日期】"   # today, if it fits
    assert date.paragraph_format.right_indent > unit.paragraph_format.right_indent


@pytest.mark.parametrize("title, lines", [
    ("和平社区2026年精神文明与道德建设和社会治安工作计划", ["和平社区2026年精神文明与道德建设", "和社会治安工作计划"]),
    ("阳光社区2024年平安建设工作计划", ["阳光社区2024年平安建设工作计划"]),
    ("城关街道阳光社区2026年社会救助与困难群体和就业与社会保障工作实施方案",
     ["城关街道阳光社区2026年社会救助与困难群体", "和就业与社会保障工作实施方案"]),
    ("青河县人民政府办公室关于印发2026年度全县安全生产工作要点的通知",
     ["青河县人民政府办公室关于印发2026年度", "全县安全生产工作要点的通知"]),
])
def test_long_titles_break_at_phrase_boundaries(title, lines):
    from plantext.draft.docx_writer import TITLE_LINE_CHARS, _width, title_lines

    got = title_lines(title)
    assert got == lines and "".join(got) == title
    assert all(_width(line) <= TITLE_LINE_CHARS for line in got)


def test_a_broken_title_is_one_title_in_word_and_reads_back(tmp_path):
    import docx

    title = "和平社区2026年精神文明与道德建设和社会治安工作计划"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = parse(FOUR_LEVELS.replace("和平社区2024年文明创建工作方案", title), model="none")
        assert plan.title == title
        path = to_docx(plan, tmp_path / "t.docx")
        doc = docx.Document(path)
        first = doc.paragraphs[0]
        assert first.style.name == "Title" and len(list(first._p.iter(f"{W}br"))) == 1
        assert first.text.split("\n") == ["和平社区2026年精神文明与道德建设", "和社会治安工作计划"]
        assert parse(path, model="none").title == title


def test_page_numbers_sit_on_the_outer_side(document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent == Pt(14)
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent == Pt(14)
    for para in (odd, even):
        assert [el.text for el in para._p.iter(f"{W}instrText")] == [" PAGE "]
        assert para.text.startswith("— ") and para.text.endswith(" —")


def test_items_of_one_list_are_set_alike():
    from plantext.draft.blocks import plan_blocks

    text = ("社区安全工作计划\n一、主要任务\n（一）治安防控\n1.巡逻防控\n"
            "2.组织社区网格员和平安志愿者每周开展不少于三次夜间巡逻，重点巡查出租房屋和背街小巷\n"
            "3.加强技防设施建设，在小区出入口和重点路段增设视频监控，协调物业做好设备维护\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = parse(text, model="none")
    items = [b for b in plan_blocks(plan) if b.text[:2] in ("1.", "2.", "3.")]
    assert len(items) == 3 and len({b.kind for b in items}) == 1 and items[0].kind == "body"


def test_a_deep_item_that_ends_a_sentence_is_body_not_a_heading():
    from plantext.document import Section
    from plantext.draft.blocks import is_heading

    item = Section(marker="1.", level=3, title="加强出租房屋和流动人口服务管理", start=0, end=10)
    assert not is_heading(item, "1.加强出租房屋和流动人口服务管理。")
    assert is_heading(item, "1.加强出租房屋和流动人口服务管理")
