"""Outline of text copied from web pages, 文库 sites and PDF extracts (sentences written for these tests)."""

from __future__ import annotations

import warnings

import pytest

import plantext as pt
from plantext.clean import clean_text

INTRO = "为提高居民禁毒意识，营造无毒社区环境，结合社区实际，制定本工作方案。"


def _outline(text: str, **kw) -> list[tuple[str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(text, model="none", **kw)
    return [(s.marker, s.title) for s in plan.walk()]


@pytest.mark.parametrize("text, expected", [
    # the first heading run into the sentence before it, and its title into its body
    ("青山社区禁毒宣传工作方案\n" + INTRO + "一、工作目标以无毒社区创建为抓手，全年开展宣传活动不少于六次。"
     "二、活动内容组织禁毒知识讲座和图片展览。",
     [("一、", "工作目标"), ("二、", "活动内容")]),
    # after a colon
    ("青山社区禁毒宣传工作方案\n具体安排如下:一、指导思想坚持以人民为中心，推动社区治理共建共享。\n二、工作目标\n全年开展活动六次。",
     [("一、", "指导思想"), ("二、", "工作目标")]),
    # a heading on its own line whose title runs straight into the body
    ("青山社区禁毒宣传工作方案\n" + INTRO + "\n一、工作目标到年底，社区内吸毒人员管控率达到百分之百。\n二、保障措施\n落实专人负责。",
     [("一、", "工作目标"), ("二、", "保障措施")]),
    # a marker alone on its line, the title on the next
    ("青山社区禁毒宣传工作方案\n" + INTRO + "\n一、\n指导思想\n坚持以人民为中心。\n二、\n工作目标\n全年开展活动六次。",
     [("一、", "指导思想"), ("二、", "工作目标")]),
    ("青山社区禁毒宣传工作方案\n" + INTRO + "\n（一）\n加强组织领导\n成立工作小组。\n（二）\n强化宣传教育\n每月开展一次宣传。",
     [("（一）", "加强组织领导"), ("（二）", "强化宣传教育")]),
    # page-number debris: a stray 3、 glued to the rest of a word cut by the page break …
    ("青山社区禁毒宣传工作方案\n一、工作目标\n在社区主要路口设置禁\n3、毒宣传栏，每月更新一次内容。\n二、保障措施\n落实专人负责。",
     [("一、", "工作目标"), ("二、", "保障措施")]),
    # … and a 2、 alone on its line in the middle of a sentence
    ("青山社区禁毒宣传工作方案\n一、工作目标\n全年组织宣传活动，在社区内开展禁\n2、\n毒宣传和教育活动，提高防范意识。\n二、保障措施\n落实专人负责。",
     [("一、", "工作目标"), ("二、", "保障措施")]),
    # a one-line web copy: a field value run into the next heading, a section name into its items
    ("社区植树活动方案\n为绿化家园，制定本方案。一、活动目的通过植树增强居民环保意识。二、活动时间2024年3月12日上午"
     "三、活动对象社区党员和志愿者。四、活动内容1.集中植树：在小区东侧空地栽种树苗。2.认领养护：每户认领一棵树。"
     "五、工作要求1.注意安全。2.爱护工具。",
     [("一、", "活动目的"), ("二、", "活动时间"), ("三、", "活动对象"), ("四、", "活动内容"), ("1.", "集中植树"),
      ("2.", "认领养护"), ("五、", "工作要求"), ("1.", "注意安全"), ("2.", "爱护工具")]),
    # a flattened report: a short title, a space, then the body
    ("青山镇2024年政府工作报告\n各位代表：现在报告工作。一、2023年工作回顾 2023年是开局之年，全镇经济稳步回升。"
     "二、2024年工作安排 今年工作的总体要求是，坚持稳中求进。",
     [("一、", "2023年工作回顾"), ("二、", "2024年工作安排")]),
])
def test_headings_of_copied_text(text, expected):
    assert _outline(text) == expected


@pytest.mark.parametrize("text, expected", [
    # compound titles and short inline headings stay whole
    ("青山社区工作方案\n一、指导思想和基本原则\n坚持以人民为中心。\n二、工作目标与主要任务\n全年开展活动。",
     [("一、", "指导思想和基本原则"), ("二、", "工作目标与主要任务")]),
    ("青山社区工作方案\n一、加强组织领导。成立工作小组，由书记任组长。\n二、强化宣传教育。每月开展一次宣传。",
     [("一、", "加强组织领导"), ("二、", "强化宣传教育")]),
    # a number run on after a value is a heading only when it continues the numbering with a section name
    ("青山社区工作方案\n一、工作目标\n完成改造任务三、四季度开展验收。\n二、保障措施\n落实专人负责。",
     [("一、", "工作目标"), ("二、", "保障措施")]),
    # a list run into prose without a second top-level number is prose
    ("青山社区工作方案\n一、工作目标\n本年度重点抓好：一、二级道路的保洁和绿化带的养护。\n二、保障措施\n落实专人负责。",
     [("一、", "工作目标"), ("二、", "保障措施")]),
    # numbering that goes on after a heading is not debris
    ("青山社区工作方案\n一、主要任务\n1、加强巡逻\n2、开展宣传\n4、强化督查\n二、保障措施\n落实专人负责。",
     [("一、", "主要任务"), ("1、", "加强巡逻"), ("2、", "开展宣传"), ("4、", "强化督查"), ("二、", "保障措施")]),
])
def test_ordinary_headings_unchanged(text, expected):
    assert _outline(text) == expected


def test_lone_marker_join_is_reported_and_maps_back():
    src = "青山社区工作方案\n一、\n指导思想\n坚持以人民为中心。\n"
    result = clean_text(src)
    assert "一、指导思想" in result.text
    joined = [r for r in result.removals if r.reason.startswith("outline marker alone")]
    assert len(joined) == 1 and src[joined[0].start:joined[0].end] == joined[0].text == "\n"


PAGE_BODY = ("为丰富居民文化生活，结合社区实际，制定本方案。\n一、活动主题\n邻里一家亲。\n"
             "二、活动内容\n组织居民开展包饺子比赛。\n")


@pytest.mark.parametrize("label", ["篇{}", "【篇{}】", "范文{}", "第{}篇", "篇{}："])
def test_parse_many_splits_numbered_pages_and_finds_each_title(label):
    page = "社区邻里节活动方案范文（精选三篇）\n" + "".join(
        f"{label.format(n)}\n青山社区{n}月邻里节活动方案\n{PAGE_BODY}" for n in "一二三")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plans = pt.parse_many(page, model="none")
    assert [p.title for p in plans] == [f"青山社区{n}月邻里节活动方案" for n in "一二三"]
    assert all([s.title for s in p.sections] == ["活动主题", "活动内容"] for p in plans)


def test_parse_many_splits_titles_numbered_at_their_end():
    page = "".join(f"青山社区邻里节活动方案 篇{n}\n{PAGE_BODY}" for n in "一二三")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plans = pt.parse_many(page, model="none")
    assert len(plans) == 3


def _wrap(text: str, width: int = 26) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


GOAL = ("到年底，社区志愿服务队伍发展到二百人以上，每月至少组织两次面向老年人和困难家庭的上门服务，"
        "居民对社区服务的满意度达到百分之九十以上。")
TASK = ("依托新时代文明实践站，整合辖区学校、医院和物业企业的力量，建立志愿服务项目清单，"
        "推行线上报名和积分兑换，形成可持续的志愿服务长效机制。")
WRAPPED = "\n".join(["青山社区志愿服务工作计划", "一、工作目标", *_wrap(GOAL), "二、主要任务", *_wrap(TASK),
                     "三、保障措施", *_wrap(GOAL + TASK)]) + "\n"


def test_hard_wrapped_lines_become_paragraphs_for_every_consumer():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(WRAPPED, model="none")
    assert [s.title for s in plan.sections] == ["工作目标", "主要任务", "保障措施"]
    body = [s.text for s in plan.segments if s.kind != "heading"]
    assert body[0] == GOAL and body[1] == TASK
    assert all(t.endswith("。") for t in body)            # sentences, not line fragments
    joined = [r for r in plan.removals if r.reason == "hard-wrapped lines joined"]
    assert len(joined) == len(_wrap(GOAL)) - 1 + len(_wrap(TASK)) - 1 + len(_wrap(GOAL + TASK)) - 1
    for seg in plan.segments:                               # offsets still lead into the input
        a, b = plan.source_span(seg.start, seg.end)
        assert WRAPPED[a:b].replace("\n", "") == seg.text


def test_suggestion_index_offers_no_line_fragments():
    from plantext.suggest.entries import plan_entries

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(WRAPPED, model="none")
    texts = [e.text for e in plan_entries(plan, doc_id="wrapped")]
    assert texts and all(t.endswith("。") for t in texts)


def test_text_with_one_paragraph_per_line_is_not_joined():
    text = "青山社区工作计划\n" + "\n".join([GOAL, TASK, GOAL[:-1] + "，" + TASK] * 3)
    assert not [r for r in clean_text(text).removals if r.reason == "hard-wrapped lines joined"]


@pytest.mark.parametrize("src, joined, removed", [
    ("一、工作目标\n在社区主要路口设置禁\n3、毒宣传栏，每月更新一次内容。\n",
     "在社区主要路口设置禁毒宣传栏，每月更新一次内容。", "\n3、"),
    ("一、工作目标\n全年组织宣传活动，在社区内开展禁\n2、\n毒宣传和教育活动，提高防范意识。\n",
     "全年组织宣传活动，在社区内开展禁毒宣传和教育活动，提高防范意识。", "\n2、\n"),
])
def test_page_number_debris_is_removed_and_the_sentence_joined(src, joined, removed):
    result = clean_text(src)
    assert joined in result.text.split("\n")
    debris = [r for r in result.removals if r.reason == "page number left in copied text"]
    assert [r.text for r in debris] == [removed]


@pytest.mark.parametrize("src", [
    "（二）深入开展数字化转型\n3.推进企业智能化改造。\n",      # numbers running on under a new heading
    "附件：1.典型场景清单\n2.相关标准应用清单\n",               # the number before is in the line above
    "一、工作目标\n加强社区巡逻。\n3、开展宣传。\n",               # a gap in numbering after a finished sentence
    "一、工作目标\n加强社区巡逻\n\n3、开展宣传。\n",               # a blank line between
])
def test_numbers_that_are_not_debris_stay(src):
    assert not [r for r in clean_text(src).removals if r.reason == "page number left in copied text"]


@pytest.mark.parametrize("text, title", [
    ("青山街道关于开展2024年\n“邻里守望”志愿服务活动的实施方案\n为推动志愿服务常态化，制定本方案。\n一、工作目标\n全年开展活动。",
     "青山街道关于开展2024年“邻里守望”志愿服务活动的实施方案"),
    ("青山社区2024年工作计划\n为做好全年工作，制定本计划。\n一、工作目标\n全年开展活动。", "青山社区2024年工作计划"),
    # a first line that is a sentence or a heading is no part of the title
    ("为推动志愿服务常态化，制定本方案。\n志愿服务活动实施方案\n一、工作目标\n全年开展活动。", None),
    ("本报讯3月16日电\n政府工作报告\n各位代表：\n现在报告工作。", None),   # a dateline is not joined
])
def test_title_over_two_lines(text, title):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert pt.parse(text, model="none").title == title
