import pytest

from plantext.clean import apply_edits, clean_text, plan_starts
from plantext.clean.furniture import furniture_lines, line_reason
from plantext.clean.normalize import edge_whitespace, flattened_paragraphs, normalize_marker


@pytest.mark.parametrize("line, reason", [
    ("学习啦>实用范文>工作计划>年度工作计划>", "breadcrumb"),
    ("您的位置：首页 > 新闻", "breadcrumb"),
    ("来源：某某日报", "source line"),
    ("时间: 小王 分享", "source line"),
    ("时间：2024-03-05 10:22", "source line"),
    ("时间：2024年03月05日 10:22:31", "source line"),
    # a plan's own time field, filled or empty
    ("时间：", None),
    ("时间：3月5日上午9时", None),
    ("时 间：2024年3月5日", None),
    ("2026-02-03 09:02:33", "timestamp"),
    ("下面是小编带来的工作计划，希望对你有帮助！", "editor intro"),
    ("【字号：大 中 小】", "toolbar"),
    ("打印", "toolbar"),
    ("- 3 -", "page number"),
    ("第 3 页 共 10 页", "page number"),
    ("相关文章", None),                      # only a list at the end makes it furniture
    ("一、指导思想", None),
    ("坚持以人民为中心，来源于群众。", None),
    ("2024年工作计划", None),
])
def test_line_reason(line, reason):
    assert line_reason(line) == reason


def test_related_list_at_the_end_is_furniture():
    text = "计划正文。\n一、目标\n做好工作。\n\n某某计划相关文章\n\n2021年工作计划\n\n社区工作计划范文\n\n882211"
    reasons = [r for _, _, r in furniture_lines(text)]
    assert reasons == ["related articles"] * 3 + ["trailing id"]


def test_related_heading_followed_by_prose_is_kept():
    text = "一、相关文章\n本节说明了很多事情。这是正文，很长。"
    assert furniture_lines(text) == []


def test_clean_records_removals_and_maps_back():
    text = "首页>新闻>通知>\r\n\u3000\u3000一、指导思想  \r\n\r\n\r\n\r\n坚持人民至上。\n打印"
    r = clean_text(text)
    assert r.text == "一、指导思想\n\n坚持人民至上。"
    assert {x.reason for x in r.removals} >= {"page furniture: breadcrumb", "page furniture: toolbar"}
    for i, ch in enumerate(r.text):
        if ch != "\n":
            assert text[r.offset_map(i)] == ch


def test_apply_edits_keeps_first_of_overlapping():
    out, omap, removals = apply_edits("abcdef", [(1, 4, "", "x"), (2, 3, "Z", "y")])
    assert out == "aef" and [r.reason for r in removals] == ["x"]
    assert omap(1) == 4


def test_flattened_paragraphs_split():
    line = "各位代表：" + "\u3000\u3000现在报告工作。" * 30
    edits = flattened_paragraphs(line)
    assert len(edits) == 30 and all(e[2] == "\n" for e in edits)


def test_edge_whitespace():
    assert [t for *_, t in edge_whitespace("\u3000\u3000甲  \n乙")] == ["indentation and trailing spaces"] * 2


@pytest.mark.parametrize("marker, norm", [("(一)", "（一）"), ("1、", "1."), ("1．", "1."), ("一.", "一、"),
                                          ("(2)", "（2）"), ("（三）", "（三）")])
def test_normalize_marker(marker, norm):
    assert normalize_marker(marker) == norm


@pytest.mark.parametrize("lines, n", [
    (["社区工作计划(一)", "正文。", "社区工作计划(二)", "正文。", "社区工作计划(三)", "正文。"], 3),
    (["【篇一】社区计划", "正文。", "【篇二】街道计划", "正文。"], 2),
    (["社区工作计划(一)", "正文。"], 0),                          # one numbered title: no split
    (["社区工作计划(一)", "正文。", "社区工作计划(三)", "正文。"], 0),  # not consecutive
    (["第一篇 社区计划", "正文。", "第二篇 街道计划", "正文。"], 2),
    (["第一章 总体要求", "正文。", "第二章 主要任务", "正文。"], 0),    # chapters of one plan
    (["第一部分 工作回顾", "正文。", "第二部分 工作安排", "正文。"], 0),
    (["【第一节】目标", "正文。", "【第二节】任务", "正文。"], 0),
])
def test_plan_starts(lines, n):
    assert len(plan_starts("\n".join(lines))) == n


@pytest.mark.parametrize("source", [
    "社区工作计划\n一、目标\n加强管理，落实责任。\n第1页\n\n\n",
    "社区工作计划\r\n\r\n\r\n第2页\r\n\r\n\r\n一、目标\r\n加强管理。\r\n",
    "\n\n来源：阳光社区\n\n\n社区工作计划\n一、目标\n加强管理。\n\n\n\n上一篇：某某\n\n\n",
    "社区工作计划\n" + "\n".join(str(i) for i in range(40)) + "\n一、目标\n加强管理。\n",
])
def test_every_removal_is_the_source_under_its_span_and_none_overlap(source):
    result = clean_text(source)
    previous_end = 0
    for r in sorted(result.removals, key=lambda r: (r.start, r.end)):
        assert source[r.start:r.end] == r.text, r
        assert r.start >= previous_end, r
        previous_end = r.end
