import pathlib
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plantext as pt

PLAN = "社区2024年工作计划\n为做好工作，制定本计划。\n一、工作目标\n到2025年，覆盖率达到90%。\n二、保障措施\n成立领导小组。"


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pt.PlanTextWarning)
        yield


def test_parse_text_gives_outline_and_roles():
    plan = pt.parse(PLAN, model="none")
    assert plan.title == "社区2024年工作计划"
    assert plan.doc_type == "work_plan"
    assert [(s.marker, s.title, s.role) for s in plan.sections] == [
        ("一、", "工作目标", "goal"), ("二、", "保障措施", "safeguard")]
    roles = {s.text: s.role for s in plan.segments}
    assert roles["到2025年，覆盖率达到90%。"] == "goal"
    assert roles["成立领导小组。"] == "safeguard"
    assert roles["为做好工作，制定本计划。"] == "preamble"


def test_segment_text_is_a_view_of_plan_text():
    plan = pt.parse(PLAN, model="none")
    for seg in plan.segments:
        assert seg.text == plan.text[seg.start:seg.end]


def test_clean_false_keeps_input_exactly():
    text = "首页>通知>\n\u3000\u3000" + PLAN + "\n打印\n"
    plan = pt.parse(text, clean=False, model="none")
    assert plan.text == text
    furniture = [s for s in plan.segments if s.role_from == "furniture"]
    assert [f.text for f in furniture] == ["首页>通知>", "打印"]


def test_clean_true_reports_removals_and_maps_offsets():
    text = "首页>通知>\n\u3000\u3000" + PLAN + "\n打印\n"
    plan = pt.parse(text, model="none")
    assert "首页" not in plan.text and "打印" not in plan.text
    assert any("furniture" in r.reason for r in plan.removals)
    for seg in plan.segments:
        a, b = plan.source_span(seg.start, seg.end)
        assert text[a:b] == seg.text


def test_to_frame_columns():
    frame = pt.parse(PLAN, model="none").to_frame()
    for col in ["plan_id", "seg_id", "path", "level", "kind", "text", "start", "end", "role",
                "role_score", "themes"]:
        assert col in frame.columns
    assert len(frame) == len(pt.parse(PLAN, model="none").segments)


def test_path_argument_is_read(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN, encoding="gb18030")
    for src in (str(f), f, pt.read(f)):
        plan = pt.parse(src, model="none")
        assert plan.title == "社区2024年工作计划"


@pytest.mark.parametrize("bad, exc", [
    ("", pt.InputError),
    ("   \n\u3000 \n", pt.InputError),
    ("\x00\x01\x02\x03" * 50, pt.InputError),
    ("首页>通知>\n打印\n", pt.InputError),     # nothing but furniture
])
def test_bad_text_raises_clear_error(bad, exc):
    with pytest.raises(exc) as info:
        pt.parse(bad)
    assert str(info.value).startswith("[E0")


def test_unsupported_and_corrupt_files(tmp_path):
    xls = tmp_path / "a.xls"
    xls.write_bytes(b"junk")
    with pytest.raises(pt.UnsupportedFormatError):
        pt.parse(xls)
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"not a zip at all")
    with pytest.raises(pt.CorruptFileError):
        pt.parse(docx)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(pt.PlanTextError):
        pt.parse(pdf)


def test_unknown_doc_type():
    with pytest.raises(pt.InputError):
        pt.parse(PLAN, doc_type="poem")


def test_too_large_input_is_refused():
    with pytest.raises(pt.InputError):
        pt.parse("字" * 101, max_chars=100)


def test_long_line_without_punctuation_parses():
    plan = pt.parse("字" * 1_000_000, model="none")
    assert sum(s.end - s.start for s in plan.segments) == 1_000_000


def test_parse_many_on_single_plan_returns_one():
    assert len(pt.parse_many(PLAN, model="none")) == 1


def test_seed_page_splits_into_three_clean_plans(seed_path):
    plans = pt.parse_many(seed_path, model="none")
    assert [p.title for p in plans] == [f"社区精神文明建设2021工作计划({n})" for n in "一二三"]
    for p in plans:
        for junk in ("学习啦", "小编", "相关文章", "993960", "分享"):
            assert junk not in p.text
    assert plans[0].meta["page_title"] == "社区精神文明建设2022工作计划"
    assert [s.marker for s in plans[1].sections] == ["1、", "2.", "3."]
    assert any(i.code == "mixed-style" for i in plans[1].numbering_issues)


def test_seed_page_single_parse_warns(seed_path):
    plan = pt.parse(seed_path, model="none")
    assert any("parse_many" in w for w in plan.warnings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.。；：第章条①\n \u3000甲乙丙为计划目标措施是”“")) ,
               min_size=0, max_size=300))
def test_parse_never_raises_anything_else(text):
    for clean in (True, False):
        try:
            plan = pt.parse(text, clean=clean, model="none")
        except pt.PlanTextError:
            continue
        for seg in plan.segments:
            assert seg.text == plan.text[seg.start:seg.end]
        starts = [s.start for s in plan.segments]
        assert starts == sorted(starts)
        if not clean:
            assert plan.text == text


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_parse_arbitrary_unicode(text):
    try:
        plan = pt.parse(text, model="none")
    except pt.PlanTextError:
        return
    for seg in plan.segments:
        assert seg.text == plan.text[seg.start:seg.end]


def test_a_plan_in_chapters_is_one_plan_with_its_title_and_chapter_sections():
    body = "坚持以人民为中心，推进基层治理现代化，不断提升群众获得感。"
    text = (f"某街道社区治理工作实施方案\n第一章 总体要求\n一、指导思想\n{body}\n二、工作目标\n{body}\n"
            f"第二章 主要任务\n一、加强组织建设\n{body}\n二、完善机制\n{body}\n")
    plans = pt.parse_many(text)
    assert len(plans) == 1 and plans[0].title == "某街道社区治理工作实施方案"
    assert [(s.marker, s.title) for s in plans[0].sections] == [("第一章", "总体要求"), ("第二章", "主要任务")]
    assert [c.title for c in plans[0].sections[1].children] == ["加强组织建设", "完善机制"]


@pytest.mark.parametrize("text, warned", [
    ("hello world", True),
    ("Work plan 2024\n1. Goals\nReach 90% coverage by December.", True),
    ("Plan 计划 2024", True),                               # two Chinese characters
    ("社区工作计划\n一、目标\n完成任务。", False),
    ("Grid management 网格化管理工作计划 2024", False),     # eight or more
    ("完成率达到95.5%。", False),                           # few, but no Latin letters
    ("？？？", True),                                       # nothing Chinese at all
])
def test_text_with_almost_no_chinese_gets_a_warning(text, warned):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(text, model="none")
    assert any("几乎没有汉字" in w for w in plan.warnings) is warned


@pytest.mark.parametrize("text", ["/nonexistent/dir/plan.txt", "draft.DOCX", "社区工作计划.pdf"])
def test_a_str_that_names_a_missing_file_is_a_clear_error(text):
    """A one-line string ending in a suffix plantext reads is a path: a typo in it is E006,
    not a one-line 'plan' with a warning."""
    with pytest.raises(pt.InputError, match="No such file") as info:
        pt.parse(text, model="none")
    assert info.value.code == "E006"


@pytest.mark.parametrize("text", ["完成率达到95.5%。", "社区工作计划\n见附件 plan.docx"])
def test_text_that_merely_mentions_a_file_is_read_as_text(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(text, model="none")
    assert plan.text == text


def test_a_str_that_names_a_folder_is_a_clear_error(tmp_path):
    with pytest.raises(pt.InputError, match="folder") as info:
        pt.parse(str(tmp_path), model="none")
    assert info.value.code == "E014"


BODY = "一、工作目标\n到年底，辖区独居老人探访覆盖率达到100%。\n二、主要措施\n为独居老人提供助餐服务。\n"


def test_furniture_before_the_first_kept_character_is_reported():
    src = "首页 > 通知公告 > 工作计划\n来源：阳光社区\n社区工作计划\n" + BODY
    plan = pt.parse(src, model="none")
    reported = [(r.reason, src[r.start:r.end]) for r in plan.removals]
    assert ("page furniture: breadcrumb", "首页 > 通知公告 > 工作计划\n") in reported
    assert any(text.startswith("来源：阳光社区") for _, text in reported)
    assert plan.text.startswith("社区工作计划")


def test_furniture_after_the_last_plan_of_a_page_is_reported_on_it():
    page = "社区工作计划(一)\n" + BODY + "社区工作计划(二)\n" + BODY + "上一篇：某某计划\n下一篇：某某总结\n"
    first, last = pt.parse_many(page, model="none")
    tail = [page[r.start:r.end] for r in last.removals if "related" in r.reason]
    assert any("上一篇" in t for t in tail) and any("下一篇" in t for t in tail)
    assert not any("related" in r.reason for r in first.removals)


def test_segments_in_matches_a_scan_and_follows_a_replaced_segment_list():
    text = "\n".join(["社区工作计划"] + [line + f"加强社区管理第{i}段，落实工作责任。" for i in range(5)
                                   for line in ("一、总体要求", "（一）工作目标", "1.具体任务", "（1）推进措施")])
    plan = pt.parse(text, model="none")
    for sec in plan.walk():
        assert plan.segments_in(sec) == [s for s in plan.segments if sec.start <= s.start < sec.end]
    first = plan.sections[0]
    plan.segments = plan.segments[len(plan.segments) // 2:]
    assert plan.segments_in(first) == [s for s in plan.segments if first.start <= s.start < first.end]


def test_the_default_size_limit_stops_a_text_too_big_for_memory_before_any_work():
    from plantext.pipeline import MAX_CHARS

    assert MAX_CHARS <= 5_000_000        # about 1 KB per character at peak: 5 GB
    with pytest.raises(pt.InputError, match=r"\[E013\].*max_chars="):
        pt.parse("字" * (MAX_CHARS + 1))


@pytest.mark.parametrize("clean", [True, False])
def test_what_the_html_reader_leaves_out_is_reported_on_the_plan(tmp_path, clean):
    page = ("<html><body><nav>首页 &gt; 通知公告</nav><h1>社区工作计划</h1><p>一、工作目标</p>"
            "<p>到年底，辖区独居老人探访覆盖率达到100%。</p><div style='display:none'>隐藏的说明文字</div>"
            "<footer>版权所有 某某网站</footer></body></html>")
    (tmp_path / "plan.html").write_text(page, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(tmp_path / "plan.html", model="none", clean=clean)
    reader = {r.reason: r.text for r in plan.removals if r.reason.startswith("reader: ")}
    assert any("首页" in t for t in reader.values())
    assert any("隐藏的说明文字" in t for t in reader.values())
    assert any("版权所有" in t for t in reader.values())
    assert all(r.start == r.end for r in plan.removals if r.reason.startswith("reader: "))
    assert "首页" not in plan.text and "版权所有" not in plan.text
