"""Third round on staff shapes (issue 19): a division of labour is the safeguard part, a goal
dated 到今年底 inside 总体要求 is the goal, a day left blank after its month and an empty
phone line are slots.

Every plan and sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from plantext.audit import audit
from plantext.audit.placeholders import find_placeholders
from plantext.audit.role_cues import HEADING_CUES, _first
from plantext.labels.heading_roles import match_heading_role


# --- 活动分工 / 分工安排: who does what is how an activity is organised -----------------------------

@pytest.mark.parametrize("title", ["活动分工", "分工安排", "职责与分工", "分工"])
def test_division_of_labour_heading_names_the_safeguard(title):
    assert match_heading_role(title)[0] == "safeguard"


@pytest.mark.parametrize("title, role", [
    ("明确人员分工", "safeguard"),
    ("细化活动分工", "safeguard"),
    ("活动内容", "measure"),
])
def test_heading_cue_reads_division_of_labour_as_safeguard(title, role):
    assert _first(HEADING_CUES, title) == role


ACTIVITY = """南塘社区“书香邻里”读书月活动方案
为营造爱读书、读好书的社区氛围，社区决定在4月开展读书月活动，方案如下。
一、活动目的
引导居民养成阅读习惯，让社区书屋真正用起来。
二、活动内容
1.好书漂流。居民把家里闲置的图书带到书屋登记交换。
2.亲子共读。每周六上午在书屋组织一次亲子共读。
3.读书分享。月底举办一次分享会，请居民讲讲读过的好书。
三、活动分工
1.社区主任负责活动总体安排；
2.网格员负责通知居民并统计报名人数；
3.志愿者负责书屋值守和图书登记；
4.文体专干负责分享会的场地和音响。
四、活动要求
各网格要提前发动，活动结束后一周内报送图片和小结。
"""


def test_activity_plan_with_a_division_of_labour_has_its_safeguard():
    report = audit(ACTIVITY, model="none", suggest=False)
    assert report.plan.doc_type == "activity_plan"
    assert "safeguard" not in report.missing_roles
    without = ACTIVITY.split("三、活动分工")[0] + "四、活动要求\n各网格要提前发动。\n"
    assert "safeguard" in audit(without, model="none", suggest=False).missing_roles


# --- the goal inside 总体要求 dated by the year's end without the number ----------------------------

FRAME_PLAN = """为做好今年全镇河道保洁工作，结合我镇实际，制定本方案。
一、总体要求
坚持属地管理、分段负责，以清漂、清淤、清违为重点，常态化开展河道保洁。{goal}
二、主要任务
（一）落实河道日常保洁。各村聘请保洁员，每天巡查所辖河段。
（二）整治河道违建。对侵占河道的违章建筑逐一登记，限期拆除。
（三）开展清淤疏浚。汛期前完成主要河道清淤。
三、保障措施
镇财政安排保洁经费，镇河长办每月通报各村保洁情况。
"""


@pytest.mark.parametrize("goal", [
    "到今年底，全镇主要河道水面无漂浮物，沿河违建全部清零。",
    "到年底，全镇河道保洁覆盖率达到100%。",
    "到2026年底，全镇河道水质稳定达到三类以上。",
])
def test_goal_dated_by_the_years_end_inside_the_frame_counts(goal):
    report = audit(FRAME_PLAN.format(goal=goal), model="none", suggest=False)
    assert "goal" not in report.missing_roles


def test_frame_without_an_outcome_still_misses_its_goal():
    report = audit(FRAME_PLAN.format(goal="全镇上下要形成合力。"), model="none", suggest=False)
    assert "goal" in report.missing_roles


# --- placeholders: a blank day after its month, empty phone lines -----------------------------------

@pytest.mark.parametrize("text, slot", [
    ("南塘社区居委会\n2026年4月  日", "2026年4月  日"),
    ("请各网格于5月　日前报送名单", "5月　日"),
    ("二〇二六年三月  日", "三月  日"),
    ("报名电话：\n四、活动要求", "报名电话："),
    ("咨询热线：    \n", "咨询热线："),
    ("值班电话：\n联系人：周敏", "值班电话："),
])
def test_new_slots_found(text, slot):
    found = find_placeholders(text)
    assert len(found) == 1
    assert found[0].text == slot


@pytest.mark.parametrize("text", [
    "2026年4月15日",
    "于 4 月 15 日前完成",
    "截至12月 日常巡查共开展60次",
    "报名电话：0571-86001234",
    "咨询热线：\n12345",
])
def test_written_dates_and_filled_phone_lines_are_no_slots(text):
    assert find_placeholders(text) == []


def test_a_way_of_supervising_introducing_its_list_is_no_field():
    assert find_placeholders("监督方式：\n设立意见箱；公开监督电话；每季度走访一次。") == []
