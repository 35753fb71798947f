"""PDF: lines re-joined into paragraphs, page numbers and running heads dropped."""

from __future__ import annotations

import os

import pytest
from reportlab.pdfgen import canvas

from plantext.errors import CorruptFileError, InputError
from plantext.io import read
from plantext.io.pdf import _MARKER, _PAGE_NUMBER

INTRO = ("为深入贯彻落实党中央、国务院决策部署，加快推进高质量发展，结合本区实际，"
         "制定本方案。请各单位认真组织实施，确保各项任务落到实处。")
GOALS = ("坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，着力推动经济实现质的有效提升"
         "和量的合理增长，不断增强人民群众获得感幸福感安全感")   # no final punctuation
TASKS = ("到2025年，全区地区生产总值年均增长6%以上，规模以上工业增加值年均增长8%左右，"
         "城乡居民收入增长与经济增长基本同步。")


def _wrap(text: str, width: int = 30) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _plan_pages():
    first = ["某区推进高质量发展实施方案", *_wrap(INTRO), "一、总体要求", *_wrap(GOALS)]
    second = ["（一）主要目标", *_wrap(TASKS), "1.加强组织领导", "①健全工作机制。"]
    return [first, second]


EXPECTED = ["某区推进高质量发展实施方案", INTRO, "一、总体要求", GOALS,
            "（一）主要目标", TASKS, "1.加强组织领导", "①健全工作机制。"]


@pytest.mark.parametrize("number", [lambda n: f"- {n} -", lambda n: str(n),
                                    lambda n: f"第{n}页", lambda n: f"第 {n} 页 共 2 页",
                                    lambda n: f"{n}/2", lambda n: f"— {n} —"])
def test_paragraphs_rejoined_and_page_numbers_dropped(make_pdf, number):
    src = read(make_pdf(_plan_pages(), number=number))
    assert src.split("\n") == EXPECTED
    dropped = [(reason, text) for _, _, reason, text in src.removed]
    assert dropped == [("page number", number(1)), ("page number", number(2))]
    assert "dropped 2 page numbers" in src.warnings[0]
    assert src.format == "pdf" and src.encoding is None


def test_running_header_dropped_and_recorded(make_pdf):
    src = read(make_pdf(_plan_pages(), header="某区人民政府办公室文件", number=lambda n: f"- {n} -"))
    assert src.split("\n") == EXPECTED
    assert [r[2] for r in src.removed].count("running header/footer") == 2
    first_number = next(r for r in src.removed if r[2] == "page number")
    assert first_number[0] == first_number[1] == src.index(GOALS) + len(GOALS)


def test_a_paragraph_running_across_pages_is_joined(make_pdf):
    lines = _wrap(INTRO * 3)
    src = read(make_pdf([lines[:5], lines[5:]], number=lambda n: f"- {n} -"))
    assert src == INTRO * 3
    assert src.removed[0][:3] == (150, 150, "page number")


def test_blocks_point_at_page_and_line(make_pdf):
    src = read(make_pdf(_plan_pages(), number=lambda n: str(n)))
    assert [b.ref for b in src.blocks][:4] == [(0, 0), (0, 1), (0, 4), (0, 5)]
    assert src.blocks[4].ref[0] == 1
    assert all(b.kind == "paragraph" for b in src.blocks)


def test_metadata_title(make_pdf):
    assert read(make_pdf(_plan_pages(), title="某区实施方案")).title == "某区实施方案"
    assert read(make_pdf(_plan_pages(), name="untitled.pdf")).title is None   # reportlab's default
    assert read(make_pdf(_plan_pages(), title="Microsoft Word - 方案.docx")).title == "方案"


@pytest.mark.parametrize("line, is_number", [
    ("3", True), ("- 3 -", True), ("—12—", True), ("第3页", True), ("第三页", True),
    ("第 3 页 共 10 页", True), ("3 / 10", True), ("Page 3 of 10", True), ("１２", True),
    ("2024年", False), ("一、总体要求", False), ("12345", False), ("3.加强", False),
])
def test_page_number_pattern(line, is_number):
    assert bool(_PAGE_NUMBER.fullmatch(line)) is is_number


@pytest.mark.parametrize("line, is_marker", [
    ("一、总体要求", True), ("（一）主要目标", True), ("(二)任务", True), ("1.加强", True),
    ("2、健全", True), ("（1）完善", True), ("①健全", True), ("第三章 保障", True),
    ("十二、其他", True), ("附件", True), ("1.5亿元投资", False), ("2024年", False),
    ("坚持稳中求进", False), ("一是加强", False),
])
def test_outline_marker_pattern(line, is_marker):
    assert bool(_MARKER.match(line)) is is_marker


def test_scanned_pdf_asks_for_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    for _ in range(2):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as info:
        read(path)
    assert info.value.code == "E015" and "OCR" in str(info.value) and "2 page" in str(info.value)


@pytest.mark.parametrize("data", [os.urandom(4000), b"%PDF-1.4\n" + os.urandom(400),
                                  b"%PDF-1.7\n%%EOF\n"])
def test_corrupt_pdf_raises_e005(tmp_path, data):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(CorruptFileError) as info:
        read(path)
    assert info.value.code == "E005" and "PDF" in str(info.value) and "bad.pdf" in str(info.value)


def test_password_protected_pdf_raises_e005(tmp_path, make_pdf):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(_plan_pages())
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(CorruptFileError) as info:
        read(locked)
    assert "password" in str(info.value)


def _runs_pdf(path, lines, *, gap=0.0, separate=False, title=None):
    """A PDF whose lines are drawn as runs, as word processors do: Latin and digits in Times,
    Chinese and quotation marks in STSong, each run positioned on its own (``separate``:
    each in a text object of its own), ``gap`` points apart; ``title`` lines in 18 pt on top."""
    import re

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    y = 780
    for line in title or []:
        pdf.setFont("STSong-Light", 18)
        pdf.drawCentredString(297, y, line)
        y -= 26
    t = pdf.beginText(72, y)
    for line in lines:
        x = 72
        for piece in re.findall(r"[0-9A-Za-z.% ]+|[“”]|[^0-9A-Za-z.%“” ]+", line):
            font = "Times-Roman" if piece[0].isascii() else "STSong-Light"
            if separate:
                pdf.setFont(font, 12)
                pdf.drawString(x, y, piece)
            else:
                t.setTextOrigin(x, y)
                t.setFont(font, 12)
                t.textOut(piece)
            x += pdfmetrics.stringWidth(piece, font, 12) + gap
        y -= 18
    if not separate:
        pdf.drawText(t)
    pdf.showPage()
    pdf.save()
    return path


RUN_LINES = ["全年开展“学雷锋”志愿服务活动12次，覆盖居民3000人次。",
             "按照2024年3月5日动员会部署，开展“邻里守望”行动。"]


@pytest.mark.parametrize("gap, separate", [(0.0, True), (1.5, False), (3.0, False), (1.5, True)])
def test_runs_drawn_apart_keep_quotes_in_place_and_digits_unspaced(tmp_path, gap, separate):
    src = read(_runs_pdf(tmp_path / "runs.pdf", RUN_LINES, gap=gap, separate=separate))
    assert str(src).split("\n") == RUN_LINES


def test_latin_words_drawn_apart_keep_their_space(tmp_path):
    src = read(_runs_pdf(tmp_path / "latin.pdf", ["使用 Word 2016 编辑文档。"], gap=3.0))
    assert str(src) == "使用Word 2016编辑文档。"


def test_title_set_over_two_lines_is_one_line(tmp_path):
    title = ["青山街道关于开展2024年", "“邻里守望”志愿服务活动的实施方案"]
    src = read(_runs_pdf(tmp_path / "title.pdf", RUN_LINES, title=title))
    assert str(src).split("\n")[0] == "".join(title)
    import plantext as pt

    with __import__("warnings").catch_warnings():
        __import__("warnings").simplefilter("ignore")
        plan = pt.parse(tmp_path / "title.pdf", model="none")
    assert plan.title == "".join(title) and plan.doc_type in ("activity_plan", "implementation_plan")
