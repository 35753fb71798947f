"""Shapes staff write that the audit misread (issue 19, second round).

Every plan and sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from plantext.audit import audit
from plantext.audit.role_cues import HEADING_CUES, _first


def _codes(report, code):
    return [f for f in report.findings if f.code == code]


# --- 保障 in a theme heading is no safeguard section ----------------------------------------------

@pytest.mark.parametrize("title, role", [
    ("抓好民生保障", "measure"),
    ("完善社会保障", "measure"),
    ("做好住房保障", "measure"),
    ("强化组织保障", "safeguard"),
    ("保障措施", "safeguard"),
    ("加强经费保障", "safeguard"),
    ("活动安全保障", "safeguard"),
    ("保障", "safeguard"),
    ("组织领导", "safeguard"),
])
def test_heading_cue_reads_baozhang_as_safeguard_only_as_support(title, role):
    assert _first(HEADING_CUES, title) == role


VILLAGE_PLAN = """松岗村2025年工作计划
今年全村要围绕增收和宜居两件事，力争村集体经济收入达到40万元，重点抓好以下工作。
1.抓好产业发展。扩大高山蔬菜种植面积200亩，由合作社统一收购。
2.抓好道路建设。硬化通组道路3公里，10月底前完工。
3.抓好民生保障。落实低保动态管理，为独居老人每月上门探访一次。
4.抓好乡风文明。评选“好媳妇”“好婆婆”各10名。
"""


def test_theme_heading_with_baozhang_does_not_make_the_safeguard_section():
    report = audit(VILLAGE_PLAN, model="none", suggest=False)
    assert "safeguard" in report.missing_roles
    with_safeguard = VILLAGE_PLAN + "5.强化组织保障。村“两委”班子分片包干，经费从村集体收入中列支。\n"
    assert "safeguard" not in audit(with_safeguard, model="none", suggest=False).missing_roles


# --- a summary's plans for what comes next, written without a heading --------------------------

SUMMARY = """金沙社区2024年工作总结
2024年，金沙社区在街道党工委的领导下，围绕服务居民这个中心，较好地完成了全年工作。
社区全年组织志愿服务活动46场，参加志愿者1300余人次，为困难家庭办实事32件。
新建的社区书屋于6月开放，全年接待居民借阅4000余人次，举办读书分享会10场。
完成了3个老旧小区的雨污分流改造，清理楼道堆物500余处，居民满意度明显提升。
但社区活动的参与者以老年人为主，年轻居民参与较少，停车难问题也还没有根本解决。
{closing}
"""


@pytest.mark.parametrize("closing, planned", [
    ("2025年，社区将重点做好三件事：一是新建充电车棚2处；二是开设周末亲子课堂；三是推动小区错时停车。", True),
    ("下一步，社区将继续推进老旧小区改造，力争新增停车位60个。", True),
    ("新的一年，我们要把服务做得更细更实，让居民有更多获得感。", True),
    # a verdict on the year, and a year that opens a review sentence: nothing planned
    ("总的来看，一年来的工作有进步，也有不足。", False),
    ("2024年，社区还获得了区级文明社区称号。", False),
])
def test_unheaded_next_steps_of_a_summary(closing, planned):
    report = audit(SUMMARY.format(closing=closing), model="none", suggest=False)
    assert report.plan.doc_type == "work_summary"
    assert "review" not in report.missing_roles
    assert ("measure" not in report.missing_roles) is planned


def test_a_next_steps_sentence_is_no_task_part_outside_a_summary():
    # a plan whose task part is gone keeps one sentence about what comes after: no tasks
    text = ("青溪社区2025年环境整治工作计划\n为改善人居环境，结合社区实际，制定本计划。\n一、工作目标\n"
            "全年清理卫生死角120处，垃圾分类准确率达到80%。\n二、保障措施\n成立工作小组，社区书记任组长。\n"
            "今后要继续加大投入，认真研究解决居民反映的问题。\n")
    report = audit(text, model="none", suggest=False)
    assert report.plan.doc_type == "work_plan"
    assert "measure" in report.missing_roles


# --- untitled plans: the preamble names the genre in its own words -------------------------------

@pytest.mark.parametrize("opening, doc_type", [
    ("为做好汛期防汛工作，按照县里的统一部署，特制定本镇2025年防汛工作方案。", "implementation_plan"),
    ("根据上级要求，经社区研究，现就做好居家养老服务制定如下实施方案。", "implementation_plan"),
    ("为推进美丽庭院创建，特制定本村2025年美丽庭院创建工作计划。", "work_plan"),
])
def test_untitled_plan_typed_from_its_preamble(opening, doc_type):
    text = (f"{opening}\n一、工作目标\n年内完成全部任务。\n二、主要任务\n（一）开展排查。由网格员负责，3月底前完成。\n"
            "三、保障措施\n成立工作专班，经费纳入预算。\n")
    report = audit(text, model="none", suggest=False)
    assert report.plan.doc_type == doc_type
    assert not _codes(report, "doc-type-unknown")


def test_work_done_is_no_self_naming():
    from plantext.labels.doctype import detect_doc_type

    assert detect_doc_type(None, "年初制定了防汛工作方案，落实了巡查责任。") == "other"
    assert detect_doc_type(None, "今年，社区制定了年度工作计划，按月推进。") == "other"


# --- 时间： field lines are the plan's own -------------------------------------------------------

ACTIVITY = """石湾社区2025年元宵节猜灯谜活动方案
为丰富居民节日文化生活，经社区研究，决定举办元宵节猜灯谜活动，方案如下。
一、活动安排
时间：
地点：社区文化广场
二、活动内容
悬挂灯谜三百条，居民猜中可领取汤圆一份。
三、活动要求
各网格员提前通知居民，安排志愿者维持秩序。
"""


def test_an_empty_time_field_is_kept_and_flagged():
    report = audit(ACTIVITY, model="none", suggest=False)
    assert "时间：" in report.plan.text
    fields = [f for f in _codes(report, "placeholder") if f.data["kind"] == "field"]
    assert [f.data["text"] for f in fields] == ["时间："]
    filled = audit(ACTIVITY.replace("时间：\n", "时间：2月12日晚7时\n"), model="none", suggest=False)
    assert "时间：2月12日晚7时" in filled.plan.text
    assert not _codes(filled, "placeholder")


def test_removed_page_lines_are_reported():
    page = "来源：石湾社区\n时间：2025-02-03 10:12\n" + ACTIVITY.replace("时间：\n", "时间：2月12日晚7时\n")
    report = audit(page, model="none", suggest=False)
    notes = _codes(report, "removed-lines")
    assert len(notes) == 1 and notes[0].data["lines"] == ["来源：石湾社区", "时间：2025-02-03 10:12"]
    assert "删去了2行" in notes[0].message
    assert not _codes(audit(ACTIVITY, model="none", suggest=False), "removed-lines")


# --- field check: text copied from 文库 and template sites ----------------------------------------

def test_flattened_page_title_and_headings_on_one_line():
    # a 文库 page flattened to one line, with its rights notice and pinyin readings left in
    page = ("版权(quán)说明:本文档由用户上传，收益归属内容提供方\n文档简介\n"
            "青柳街道端午包粽子活动方案一、活动主题“粽叶飘香，邻里同乐”二、活动目的通过包粽子比赛，增进邻里感情。"
            "三、活动时间6月8日上午9:00四、活动地点街道文化站五、参与人员辖区居民六、活动内(nèi)容"
            "1.包粽子比赛。每个网格组一队参赛。2.端午知识问答。答对者领取香包一个。")
    from plantext import parse

    plan = parse(page, model="none")
    assert plan.title == "青柳街道端午包粽子活动方案" and plan.doc_type == "activity_plan"
    titles = [s.title for s in plan.sections]
    assert titles == ["活动主题", "活动目的", "活动时间", "活动地点", "参与人员", "活动内容"]
    reasons = {r.reason for r in plan.removals}
    assert "pinyin annotations" in reasons and "page furniture: source line" in reasons


def test_a_standard_name_after_an_unfinished_list_item_is_a_heading():
    text = ("柳荫社区夏夜纳凉晚会活动方案\n活动内容\n1. 社区合唱队演唱\n2. 少儿舞蹈表演\n注意事项\n"
            "请居民自带座椅，活动结束后带走垃圾。\n")
    from plantext import parse

    plan = parse(text, model="none")
    assert [s.title for s in plan.sections] == ["活动内容", "注意事项"]


@pytest.mark.parametrize("line, furniture", [
    ("时间:22-09-27 网友", True),
    ("已阅读5页,还剩9页未读", True),
    ("文档简介", True),
    ("时间:8月5日下午", False),
])
def test_site_lines(line, furniture):
    from plantext.clean.furniture import line_reason

    assert (line_reason(line) is not None) is furniture


def test_an_empty_date_line_under_a_page_title_is_page_furniture():
    from plantext.clean.furniture import furniture_lines

    page = "2024年社区消防安全工作计划\n时间:\n推荐阅读\n为做好消防安全工作，制定本计划。"
    assert [page[a:b] for a, b, _ in furniture_lines(page)] == ["时间:"]
    field = "社区消防演练方案\n时间:\n地点:社区广场\n"
    assert furniture_lines(field) == []


def test_an_event_dated_anywhere_gets_no_deadline_note_and_no_goal_metrics():
    text = ("桂园社区七夕手工活动方案\n为丰富居民生活，经研究决定举办七夕手工活动。\n一、活动目的\n增进邻里交流，弘扬传统文化。\n"
            "二、活动内容\n1. 编织同心结\n2. 绘制团扇\n三、注意事项\n请提前报名，爱护公共设施。\n")
    dated = text.replace("为丰富居民生活，", "为丰富居民生活，本次活动于8月10日在社区活动室举行，")
    timed = text.replace("1. 编织同心结", "1. 编织同心结（14:00—15:00）")
    assert [f.data["scope"] for f in _codes(audit(text, model="none", suggest=False), "no-deadline")] == ["plan"]
    for plan in (dated, timed):
        report = audit(plan, model="none", suggest=False)
        assert not _codes(report, "no-deadline")
        assert not _codes(report, "vague-goal")


# --- field check, second batch -----------------------------------------------------------------

@pytest.mark.parametrize("title, text, code", [
    ("石桥镇2024年上半年工作开展情况和下半年工作打算", "", "work_summary"),
    ("社区2024年重点工作完成情况汇报", "", "work_summary"),
    ("青石街道2025年党建重点工作清单", "", "work_points"),
    (None, "2024年，社区各项工作有序推进。现将全年工作情况汇报如下：", "work_summary"),
    (None, "各社区：现将《青石街道2025年重点工作清单》印发给你们，请认真落实。", "work_points"),
])
def test_reports_and_task_lists_are_typed(title, text, code):
    from plantext.labels.doctype import detect_doc_type

    assert detect_doc_type(title, text) == code


def test_repeated_owner_notes_of_a_list_are_no_duplicates():
    text = ("青石街道2025年重点工作清单\n一、基层组织\n1.调整网格。按每网格300户重新划分网格。\n"
            "〔责任部门：党政办公室、各社区，完成时间：2025年6月前〕\n2.建强支部。在每个小区建立党支部。\n"
            "〔责任部门：党政办公室、各社区，完成时间：2025年6月前〕\n")
    report = audit(text, model="none", suggest=False)
    assert not _codes(report, "duplicate-sentence")


class _Seg:
    def __init__(self, text):
        self.text = text


@pytest.mark.parametrize("texts, done", [
    (["进村伊始，我们就按照要求制定了一系列驻村工作制度。", "全年共开展学习12次。"], True),
    (["下半年，我们要继续抓好产业发展。", "计划新建机耕路3公里。"], False),
    # 要求, 主要, 重要 are no plans
    (["主要做法是按照上级要求建立了台账。"], True),
])
def test_work_done_is_not_a_summarys_next_steps(texts, done):
    from plantext.audit.sections import _mostly_done

    assert _mostly_done([_Seg(t) for t in texts]) is done
