"""Word documents: body order, tables, automatic list numbering, damaged files."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from plantext.errors import CorruptFileError, PlanTextError
from plantext.io import read, read_bytes
from plantext.io.numbering import chinese_counting, format_number


#: The outline numbering most Chinese plans use: 一、 / （一） / 1.
PLAN_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def _outline(builder):
    """The usual plan outline, numbered through numPr only (no marker in the text)."""
    num = builder.add_list(PLAN_LEVELS)
    for text, level in [("总体要求", 0), ("指导思想", 1), (None, None), ("坚持党的领导", 2),
                        ("坚持稳中求进", 2), ("主要目标", 1), ("重点任务", 0), ("加强统筹", 1),
                        ("健全机制", 2), ("强化考核", 2), ("保障措施", 0)]:
        if text is None:
            builder.para("以习近平新时代中国特色社会主义思想为指导。")
        else:
            builder.para(text, num, level)
    return num


OUTLINE = ["一、总体要求", "（一）指导思想", "以习近平新时代中国特色社会主义思想为指导。",
           "1.坚持党的领导", "2.坚持稳中求进", "（二）主要目标", "二、重点任务", "（一）加强统筹",
           "1.健全机制", "2.强化考核", "三、保障措施"]


def test_list_numbering_is_rendered_as_markers(docx_builder):
    _outline(docx_builder)
    src = read(docx_builder.save())
    assert src.split("\n") == OUTLINE
    assert src.format == "docx" and src.encoding is None
    assert "reconstructed 10 list-numbering markers" in src.warnings


def test_numbering_inherited_from_the_paragraph_style(docx_builder):
    num = docx_builder.add_list(PLAN_LEVELS)
    level1 = docx_builder.numbered_style("计划一级", num, 0)
    level2 = docx_builder.numbered_style("计划二级", num, 1)
    for text, style in [("总体要求", level1), ("指导思想", level2), ("工作目标", level2),
                        ("重点任务", level1), ("产业发展", level2)]:
        docx_builder.para(text, style=style)
    src = read(docx_builder.save())
    assert src.split("\n") == ["一、总体要求", "（一）指导思想", "（二）工作目标",
                               "二、重点任务", "（一）产业发展"]


def test_lists_sharing_a_definition_continue_unless_restarted(docx_builder):
    first = docx_builder.add_list([("decimalEnclosedCircle", "%1")])
    abstract = docx_builder.abstract_of(first)
    same = docx_builder.add_list(None, abstract=abstract)
    restarted = docx_builder.add_list(None, abstract=abstract, overrides={0: 1})
    later = docx_builder.add_list([("decimal", "%1.", 5)])
    for text, num in [("甲", first), ("乙", first), ("丙", same), ("丁", restarted),
                      ("戊", restarted), ("己", later)]:
        docx_builder.para(text, num, 0)
    assert read(docx_builder.save()).split("\n") == ["①甲", "②乙", "③丙", "①丁", "②戊", "5.己"]


def test_empty_numbered_paragraphs_take_a_number_but_show_nothing(docx_builder):
    num = docx_builder.add_list([("chineseCounting", "%1、")])
    docx_builder.para("总体要求", num, 0)
    docx_builder.para("", num, 0)
    docx_builder.para("重点任务", num, 0)
    assert read(docx_builder.save()) == "一、总体要求\n\n三、重点任务"


@pytest.mark.parametrize("value, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"), (105, "chineseCountingThousand", "一百零五"),
    (110, "chineseCounting", "一百一十"), (1005, "chineseCountingThousand", "一千零五"),
    (3, "chineseLegalSimplified", "叁"), (10, "chineseLegalSimplified", "壹拾"),
    (3, "ideographTraditional", "丙"), (11, "ideographTraditional", "11"),
    (1, "decimalEnclosedCircle", "①"), (20, "decimalEnclosedCircleChinese", "⑳"),
    (21, "decimalEnclosedCircle", "㉑"), (36, "decimalEnclosedCircle", "㊱"),
    (12, "decimalFullWidth", "１２"), (7, "decimalZero", "07"), (3, "decimalEnclosedParen", "⑶"),
    (2, "upperLetter", "B"), (27, "upperLetter", "AA"), (3, "lowerLetter", "c"),
    (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"), (12, "decimal", "12"), (5, "unknownFmt", "5"),
])
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_chinese_counting_covers_zeros():
    assert [chinese_counting(n) for n in (1, 9, 19, 99, 100, 1010, 9999, 0, 10000)] == [
        "一", "九", "十九", "九十九", "一百", "一千零一十", "九千九百九十九", "0", "10000"]


def test_level_text_with_two_placeholders(docx_builder):
    num = docx_builder.add_list([("chineseCounting", "第%1章"), ("decimal", "%1.%2")])
    docx_builder.para("总则", num, 0)
    docx_builder.para("目的", num, 1)
    docx_builder.para("范围", num, 1)
    assert read(docx_builder.save()).split("\n") == ["第一章 总则", "一.1 目的", "一.2 范围"]


def test_tables_one_line_per_row_one_block_per_cell(docx_builder):
    docx_builder.para("附表")
    table = docx_builder.doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["序号", "任务", "责任单位"], ["1", "加强统筹", "区发改委"],
                             ["2", "", "区财政局"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 1).add_paragraph("健全机制")
    table.cell(0, 1).merge(table.cell(0, 2))
    docx_builder.para("完")
    path = docx_builder.save()
    src = read(path)
    assert src.split("\n") == ["附表", "序号\t任务 责任单位", "1\t加强统筹 健全机制\t区发改委",
                               "2\t\t区财政局", "完"]
    import docx

    document = docx.Document(path)
    for block in src.blocks:
        shown = src[block.start:block.end]
        if block.kind == "table_cell":
            _, t, r, c = block.ref
            cell = document.tables[t].cell(r, c)
            assert shown == " ".join(p.text for p in cell.paragraphs if p.text)
        else:
            assert document.paragraphs[block.ref].text == shown
    assert ("table", 0, 0, 1) in [b.ref for b in src.blocks]
    assert ("table", 0, 0, 2) not in [b.ref for b in src.blocks]


def test_heading_styles_and_title(docx_builder):
    docx_builder.doc.core_properties.title = "某区2024年工作要点"
    docx_builder.doc.add_heading("一、总体要求", level=1)
    docx_builder.para("正文。")
    src = read(docx_builder.save())
    assert src.title == "某区2024年工作要点"
    assert [b.kind for b in src.blocks] == ["heading", "paragraph"]


def test_revisions_hidden_text_and_breaks(docx_builder):
    docx_builder.raw_para(
        '<w:r><w:t>保留</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
        '<w:del w:id="1" w:author="审稿"><w:r><w:delText>删去</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="审稿"><w:r><w:t>新增</w:t></w:r></w:ins>'
        '<w:r><w:br/><w:t>次行</w:t><w:tab/><w:t>末</w:t></w:r>')
    src = read(docx_builder.save())
    assert src == "保留新增\n次行\t末"
    assert src.removed == [(2, 2, "hidden text", "隐藏")]


def test_text_box_text_is_read_once(docx_builder):
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent>"
    docx_builder.raw_para(
        f'<w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="{mc}">'
        f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    assert read(docx_builder.save()) == "正文框内"


def test_blank_paragraphs_collapse_to_one_blank_line(docx_builder):
    for text in ["甲", "", "", "", "乙", ""]:
        docx_builder.para(text)
    assert read(docx_builder.save()) == "甲\n\n乙"


def test_table_of_contents_paragraphs_are_dropped(docx_builder):
    from docx.enum.style import WD_STYLE_TYPE

    docx_builder.doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    docx_builder.para("一、总体要求\t1", style="toc 1")
    docx_builder.para("一、总体要求")
    src = read(docx_builder.save())
    assert src == "一、总体要求"
    assert src.removed == [(0, 0, "table of contents", "一、总体要求 1")]


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _good_docx() -> bytes:
    import docx

    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph("正文。")
    document.save(buffer)
    return buffer.getvalue()


def _broken_document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_good_docx())) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = b"<w:document broken"
    return _zip(files)


@pytest.mark.parametrize("data, reason", [
    (os.urandom(3000), "not a ZIP"),
    (b"", "empty"),
    (_zip({"readme.txt": b"hello"}), "word/document.xml"),
    (_zip({"word/document.xml": b"<x/>"}), "KeyError"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "password"),
    (_broken_document_xml(), "XMLSyntaxError"),
    (_good_docx()[:1500], "not a ZIP"),
])
def test_damaged_files_raise_e005(tmp_path, data, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(PlanTextError) as info:
        read(path)
    if reason == "empty":
        assert info.value.code == "E001"
        return
    assert isinstance(info.value, CorruptFileError) and info.value.code == "E005"
    assert "Word (.docx)" in str(info.value) and reason in str(info.value)
    assert "bad.docx" in str(info.value)


def test_read_bytes_matches_read(docx_builder):
    _outline(docx_builder)
    path = docx_builder.save()
    assert read_bytes(path.read_bytes(), suffix="docx") == read(path)
    assert read_bytes(path.read_bytes(), suffix="docx").path is None
