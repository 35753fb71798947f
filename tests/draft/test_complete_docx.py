"""complete() on the user's own .docx: sections inserted in place, the author's formatting kept,
each insertion marked (tracked change or comment)."""

from __future__ import annotations

import copy
import datetime
import warnings

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from draft_samples import ELDERLY_BODY, NO_SAFEGUARD
from lxml import etree

from plantext import parse, read
from plantext.audit import audit_plan
from plantext.draft import complete

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
COLOUR = RGBColor(0x11, 0x22, 0x33)


def styled_docx(path, lines: list[str], closing: bool = True):
    """A plan written as an author would: own heading and body styles, a custom body font,
    direct run colour, a table, a header, the author's comment, a closing signature."""
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正仿宋_GBK")
    head = doc.styles.add_style("PT Level One", WD_STYLE_TYPE.PARAGRAPH)
    head.base_style, head.font.bold, head.font.size = normal, True, Pt(16)
    head.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正黑体_GBK")
    body = doc.styles.add_style("PT Body", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style, body.font.size = normal, Pt(15)
    body.paragraph_format.first_line_indent = Pt(30)
    doc.sections[0].header.paragraphs[0].text = "和平社区居民委员会文件"
    doc.add_paragraph(lines[0], style="Title")
    commented = None
    for line in lines[1:]:
        if line.lstrip("\u3000")[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、"):
            doc.add_paragraph(style="PT Level One").add_run(line)
        elif line.endswith(("（一）", "（二）")):            # a second plan's title
            doc.add_paragraph(line, style="Title")
        else:
            run = doc.add_paragraph(style="PT Body").add_run(line)
            run.font.color.rgb = COLOUR
            commented = commented or run
        if line.startswith("（二）"):
            table = doc.add_table(rows=2, cols=2)
            for (r, c), v in {(0, 0): "任务", (0, 1): "责任人", (1, 0): "消防检查",
                              (1, 1): "网格员"}.items():
                table.cell(r, c).text = v
    doc.add_comment(commented, text="请再写具体一些", author="张三", initials="ZS")
    for line in ("和平社区居民委员会", "2024年1月8日") if closing else ():
        doc.add_paragraph(line, style="PT Body")
    doc.save(str(path))
    return str(path)


@pytest.fixture
def given(tmp_path):
    return styled_docx(tmp_path / "draft.docx", NO_SAFEGUARD.split("\n"))


def _complete(source, index, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return complete(source, corpus=index, model="none", profile="implementation_plan", **kw)


def _xml(el) -> bytes:
    return etree.tostring(el)


def _by_plantext(el) -> bool:
    return el.get(W + "author") == "plantext"


def _inserted(p) -> bool:
    mark = p.find(f"{W}pPr/{W}rPr/{W}ins")
    return mark is not None and _by_plantext(mark)


def _rejected(body):
    """The body as Word's Reject All of plantext's revisions leaves it, runs of one format merged."""
    body = copy.deepcopy(body)
    for p in [p for p in body if p.tag == W + "p" and _inserted(p)]:
        body.remove(p)
    for ins in [e for e in body.iter(W + "ins") if _by_plantext(e)]:
        ins.getparent().remove(ins)
    for dele in [e for e in body.iter(W + "del") if _by_plantext(e)]:
        for t in dele.iter(W + "delText"):
            t.tag = W + "t"
        for child in list(dele):
            dele.addprevious(child)
        dele.getparent().remove(dele)
    for p in body.iter(W + "p"):
        _merge_runs(p)
    return body


def _merge_runs(p) -> None:
    prev = None
    for r in list(p.findall(W + "r")):
        plain = all(c.tag in (W + "rPr", W + "t") for c in r)
        if prev is not None and plain and _xml(r.find(W + "rPr") if r.find(W + "rPr") is not None
                                               else etree.Element("x")) == prev[1]:
            prev[0].find(W + "t").text += r.find(W + "t").text
            p.remove(r)
            continue
        rpr = r.find(W + "rPr")
        prev = (r, _xml(rpr if rpr is not None else etree.Element("x"))) if plain else None


def test_sections_go_into_the_authors_own_document(given, index, tmp_path):
    res = _complete(given, index)
    assert [(i.role, i.heading) for i in res.inserted] == [("safeguard", "五、保障措施")]
    out = res.to_docx(tmp_path / "out.docx", date=WHEN)
    before, after = docx.Document(given), docx.Document(out)

    # the author's styles, header and comment are as they were
    assert _xml(after.styles.element) == _xml(before.styles.element)
    assert _xml(after.sections[0].header._element) == _xml(before.sections[0].header._element)
    assert [(c.author, c.text) for c in after.comments] == [("张三", "请再写具体一些")]
    assert len(after.tables) == 1 and after.tables[0].cell(1, 1).text == "网格员"

    # the inserted paragraphs: the document's own heading and body formatting, each tracked
    new = [p for p in after.element.body if p.tag == W + "p" and _inserted(p)]
    styles = [p.find(f"{W}pPr/{W}pStyle").get(W + "val") for p in new]
    texts = ["".join(t.text for t in p.iter(W + "t")) for p in new]
    assert texts[0] == "五、保障措施" and styles[0] == "PTLevelOne"
    assert len(new) >= 2 and set(styles[1:]) == {"PTBody"}
    assert "\n".join(texts) == res.inserted[0].text
    for p in new:
        mark = p.find(f"{W}pPr/{W}rPr/{W}ins")
        assert mark.get(W + "date") == "2026-01-02T03:04:05Z"
        runs = p.findall(f".//{W}r")
        assert runs and all(r.getparent().tag == W + "ins" and _by_plantext(r.getparent())
                            for r in runs)
    for p in new[1:]:           # body runs keep the body's direct formatting (the author's colour)
        assert p.find(f".//{W}r/{W}rPr/{W}color").get(W + "val") == str(COLOUR)
    # before 六、考核评估, after the schedule
    order = [p for p in after.element.body if p.tag == W + "p"]
    at = order.index(new[0])
    assert "".join(t.text for t in order[at - 1].iter(W + "t")).startswith("1月至3月")

    # everything else is unchanged: Reject All gives back the author's body
    assert _xml(_rejected(after.element.body)) == _xml(_rejected(before.element.body))

    # read back, the completed plan has its 保障措施 and renumbered markers
    text = read(out)
    assert "五、保障措施\n" in text and "六、考核评估" in text and "七、工作要求" in text
    assert "五、考核评估" not in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = audit_plan(parse(out, model="none"), profile="implementation_plan", suggest=False, generalise=False)
    assert "safeguard" not in report.missing_roles


def test_renumbering_is_a_tracked_change(given, index, tmp_path):
    out = _complete(given, index).to_docx(tmp_path / "out.docx", date=WHEN)
    body = docx.Document(out).element.body
    dels = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    ins = ["".join(t.text for t in i.iter(W + "t")) for i in body.iter(W + "ins")
           if i.getparent().tag == W + "p" and not _inserted(i.getparent())]
    assert dels == ["五、", "六、"] and ins == ["六、", "七、"]


def test_a_comment_per_inserted_section(given, index, tmp_path):
    res = _complete(given, index)
    out = res.to_docx(tmp_path / "out.docx", mark="comment", date=WHEN)
    after = docx.Document(out)
    notes = [c for c in after.comments if c.author == "plantext"]
    assert len(notes) == 1 and "五、保障措施" in notes[0].text and "cve" in notes[0].text
    assert ("张三", "请再写具体一些") in [(c.author, c.text) for c in after.comments]
    texts = [p.text for p in after.paragraphs]
    at = texts.index("五、保障措施")
    assert texts[at + 1:].index("六、考核评估") == len(res.inserted[0].text.split("\n")) - 1
    assert "七、工作要求" in texts and not list(after.element.body.iter(W + "ins"))
    anchored = after.paragraphs[at]._p
    assert anchored.find(W + "commentRangeStart") is not None
    assert after.paragraphs[at].style.name == "PT Level One"


def test_both_marks(given, index, tmp_path):
    out = _complete(given, index).to_docx(tmp_path / "out.docx", mark="both", date=WHEN)
    after = docx.Document(out)
    assert any(c.author == "plantext" for c in after.comments)
    assert any(_inserted(p) for p in after.element.body if p.tag == W + "p")
    ids = [e.get(W + "id") for e in after.element.body.iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids))


def test_bad_mark_and_a_changed_file(given, index, tmp_path):
    from plantext.errors import InputError

    res = _complete(given, index)
    with pytest.raises(InputError, match="mark"):
        res.to_docx(tmp_path / "out.docx", mark="colour")
    styled_docx(given, ELDERLY_BODY.split("\n"))       # the file changed since completion
    with pytest.raises(InputError, match="不一致"):
        res.to_docx(tmp_path / "out.docx")


def test_text_input_still_gets_a_new_document(index, tmp_path):
    res = _complete(NO_SAFEGUARD, index)
    out = res.to_docx(tmp_path / "out.docx")
    names = [p.text for p in docx.Document(out).paragraphs if p.style.name == "Heading 1"]
    assert names[4:] == ["五、保障措施", "六、考核评估", "七、工作要求"]


def test_one_plan_of_a_docx_page_in_its_place(index, tmp_path):
    lines = (["和平社区工作方案（一）"] + ELDERLY_BODY.split("\n") + ["和平社区工作方案（二）"]
             + NO_SAFEGUARD.split("\n")[1:])
    page = styled_docx(tmp_path / "page.docx", lines)
    res = _complete(page, index, part=2)
    out = res.to_docx(tmp_path / "out.docx", date=WHEN)
    text = read(out)
    second = text.index("和平社区工作方案（二）")
    assert text[:second] == read(page)[:second]
    assert text.index("五、保障措施", second) < text.index("六、考核评估", second)
    after = docx.Document(out)
    assert _xml(_rejected(after.element.body)) == _xml(_rejected(docx.Document(page).element.body))


def _numbered_docx(path) -> str:
    """NO_SAFEGUARD with its top-level headings numbered by Word (一、 as list numbering)."""
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    lines = NO_SAFEGUARD.split("\n")
    doc.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、"):
            p = doc.add_paragraph(line[2:], style="Heading 1")
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
        else:
            doc.add_paragraph(line)
    doc.save(str(path))
    return str(path)


@pytest.mark.parametrize("indent", ["", "\u3000\u3000"])
def test_the_docx_reads_as_the_completed_text(index, tmp_path, indent):
    """Two sections appended at the end keep their order; a typed indent is followed."""
    text = NO_SAFEGUARD[:NO_SAFEGUARD.index("四、实施步骤")].rstrip("\n")
    lines = [indent + line for line in text.split("\n")]
    lines[0] = lines[0].lstrip("\u3000")
    given = styled_docx(tmp_path / "draft.docx", lines, closing=False)
    res = _complete(given, index)
    assert [i.role for i in res.inserted] == ["schedule", "safeguard"]
    out = res.to_docx(tmp_path / "out.docx", date=WHEN)
    assert str(read(out)) == res.source_text.rstrip("\n")
    new = [p for p in docx.Document(out).element.body if p.tag == W + "p" and _inserted(p)]
    texts = ["".join(t.text for t in p.iter(W + "t")) for p in new]
    assert texts[0] == indent + "四、实施步骤" and all(t.startswith(indent) for t in texts)
    assert indent + "五、保障措施" in texts


def test_headings_numbered_by_word_renumber_themselves(index, tmp_path):
    given = _numbered_docx(tmp_path / "numbered.docx")
    assert "五、考核评估" in read(given)
    res = _complete(given, index)
    with warnings.catch_warnings():
        warnings.simplefilter("error")        # nothing left for the author to renumber by hand
        out = res.to_docx(tmp_path / "out.docx", date=WHEN)
    text = read(out)
    assert "五、保障措施\n" in text and "六、考核评估" in text and "七、工作要求" in text
    heading = next(p for p in docx.Document(out).element.body
                   if p.tag == W + "p" and _inserted(p))
    assert "".join(t.text for t in heading.iter(W + "t")) == "保障措施"     # Word numbers it
    assert heading.find(f"{W}pPr/{W}numPr/{W}numId").get(W + "val") == "90"
    assert not list(docx.Document(out).element.body.iter(W + "del"))
