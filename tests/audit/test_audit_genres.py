"""Genres, document type without a title, evidence of sections, measure items, score.

Every plan here is written for these tests.
"""

from __future__ import annotations

import pytest

from plantext.audit import audit

from audit_fixtures import FULL_PLAN, without

ACTIVITY = """青石社区2024年中秋邻里游园活动方案
为增进邻里感情，营造团圆和美的节日氛围，经社区两委研究，决定举办中秋邻里游园活动，具体方案如下。
一、活动主题
月圆青石，邻里同乐
二、活动时间
2024年9月14日下午3:00至5:30
三、活动地点
社区文化广场
四、参加人员
辖区居民、共建单位志愿者
五、活动内容
（一）猜灯谜。在广场悬挂灯谜二百条，居民猜中可领取小奖品。
（二）做月饼。邀请面点师傅现场示范，居民分组动手制作月饼。
（三）文艺表演。社区合唱队和舞蹈队表演节目。
六、活动保障
（一）成立活动工作小组，社区书记任组长，明确分工。
（二）安排专人维持现场秩序，准备急救药箱。
七、活动要求
各网格员提前通知到户，活动结束后及时清理场地。
"""


def _codes(report, code):
    return [f for f in report.findings if f.code == code]


def _row(report, role):
    return next(r for r in report.sections if r["role"] == role)


# --- genres ---------------------------------------------------------------------------

def test_complete_activity_plan_is_judged_as_one():
    report = audit(ACTIVITY, model="none", suggest=False)
    assert report.plan.doc_type == "activity_plan" and report.profile == "activity_plan"
    assert report.missing_roles == set()
    assert not _codes(report, "missing-section")
    assert report.score >= 95
    assert _row(report, "measure")["evidence"].startswith("标题")


@pytest.mark.parametrize("heading, nxt, role, present_as, severity", [
    # 活动内容 holds the measures: deleting it is an error
    ("五、活动内容", "六、活动保障", "measure", None, "error"),
    ("六、活动保障", "七、活动要求", "safeguard", None, "warning"),
    ("七、活动要求", None, "requirement", None, "warning"),
])
def test_activity_plan_sections(heading, nxt, role, present_as, severity):
    report = audit(without(ACTIVITY, heading, nxt), model="none", suggest=False)
    if present_as is None:
        assert role in report.missing_roles
        assert [f.severity for f in _codes(report, "missing-section") if f.role == role] == [severity]
    else:
        assert role not in report.missing_roles
        assert _row(report, role)["source"] == present_as


def test_safety_notes_stand_in_for_the_arrangements():
    text = without(ACTIVITY, "六、活动保障", "七、活动要求").replace(
        "七、活动要求\n", "六、注意事项\n")
    report = audit(text, model="none", suggest=False)
    assert not report.missing_roles & {"safeguard", "requirement"}
    assert _row(report, "safeguard")["source"] == "equivalent"


def test_the_report_shows_the_evidence_per_part():
    report = audit(without(ACTIVITY, "六、活动保障", "七、活动要求"), model="none", suggest=False)
    html, text = report.to_html(), report.to_text()
    for out in (html, text):
        assert "✓ 活动内容：标题“五、活动内容”" in out and "✗ 活动保障：未找到" in out
    assert report.to_dict()["sections"] == report.sections


def test_activity_theme_stands_in_for_its_purpose():
    report = audit(ACTIVITY, model="none", suggest=False)
    row = _row(report, "goal")
    assert row["present"] and row["source"] == "equivalent" and "活动主题" in row["evidence"]


def test_activity_plan_is_not_asked_for_review_or_assessment():
    report = audit(ACTIVITY, model="none", suggest=False)
    assert not report.missing_roles & {"review", "assessment", "schedule"}


# --- document type without a title ----------------------------------------------------------

@pytest.mark.parametrize("text, doc_type", [
    ("为加强社区停车管理，结合小区实际，制定本实施意见。\n一、总体要求\n以方便居民出行为导向，规范停车秩序。\n"
     "二、主要任务\n（一）划定停车位。由物业公司负责，6月底前完成。\n", "implementation_plan"),
    ("为丰富暑期生活，特制定本次少儿书画活动方案。\n一、活动内容\n组织少儿现场作画。\n", "activity_plan"),
])
def test_untitled_plan_gets_its_type_and_section_checks(text, doc_type):
    report = audit(text, model="none", suggest=False)
    assert report.plan.doc_type == doc_type
    assert report.sections, "section checks must run"
    assert not _codes(report, "doc-type-unknown")


def test_unknown_type_is_checked_as_a_generic_plan_and_says_so():
    text = "绿苑小区楼道整治\n一、清理杂物\n由楼栋长负责，5月底前清理楼道堆放物。\n二、粉刷墙面\n由物业公司负责，6月底前完成。\n"
    report = audit(text, model="none", suggest=False)
    assert report.plan.doc_type == "other" and report.profile == "other"
    note = _codes(report, "doc-type-unknown")
    assert len(note) == 1 and "一般工作计划" in note[0].message
    assert {r["role"] for r in report.sections} >= {"measure", "goal"}
    assert "goal" in report.missing_roles


# --- evidence from the opening paragraph, the frame, and runs ------------------------------

@pytest.mark.parametrize("opening, role", [
    ("今年社区工作以提升居民满意度为指导，坚持问题导向。", "guiding"),
    ("2024年是社区治理提质增效的关键一年。", "preamble"),
])
def test_opening_paragraph_content_is_credited(opening, role):
    text = FULL_PLAN.replace("为进一步提升社区平安建设水平，结合社区实际，制定本计划。", opening)
    text = without(text, "一、指导思想", "二、工作目标") if role == "guiding" else text
    report = audit(text, model="none", suggest=False)
    assert role not in report.missing_roles
    assert _row(report, role)["source"] == "opening"


FRAMED = """翠柳街道2024年老旧小区改造实施方案
为改善居民居住条件，制定本方案。
一、总体要求
（一）指导思想
以居民需求为导向，坚持先民生后提升。
（二）工作目标
到2024年底，完成6个小区改造，居民满意度达到90%以上。
二、主要任务
（一）改造管网。由街道城建科牵头，8月底前完成。
（二）加装电梯。由各社区负责，11月底前完成。
三、保障措施
成立改造工作领导小组，街道主任任组长，经费纳入年度预算。
"""


def test_deleting_the_frame_reports_every_role_it_held():
    report = audit(without(FRAMED, "一、总体要求", "二、主要任务"), model="none", suggest=False)
    assert {"guiding", "goal"} <= report.missing_roles


def test_goal_written_inside_the_frame_counts():
    text = FRAMED.replace("（一）指导思想\n", "").replace("（二）工作目标\n", "")
    report = audit(text, model="none", suggest=False, profile="implementation_plan")
    assert "goal" not in report.missing_roles


def test_short_task_sections_make_the_tasks():
    # a flat plan of short untitled sections, one sentence each (the sm model reads them)
    text = ("绿苑小区楼道整治工作安排\n一、清理杂物\n由楼栋长负责，5月底前清理楼道堆放物。\n"
            "二、粉刷墙面\n由物业公司负责，6月底前粉刷完毕。\n三、更换灯具\n由社区居委会负责，7月底前更换声控灯。\n")
    report = audit(text, suggest=False)
    assert "measure" not in report.missing_roles


def test_a_lone_stray_paragraph_is_not_a_section():
    # one paragraph in the tasks mentions a leading group; there is no safeguard section
    text = without(FRAMED, "三、保障措施", None) + "（三）建立台账。成立工作专班，逐户登记改造意见。\n"
    report = audit(text, suggest=False)
    assert "safeguard" in report.missing_roles


@pytest.mark.parametrize("body, reviewed", [
    ("预计2025年3月开工建设社区活动中心，希望在2026年争取建成养老服务站。", False),
    ("今年以来，社区完成了12个楼栋的外墙修缮，新建停车位80个。", True),
])
def test_review_only_for_what_was_done(body, reviewed):
    text = f"幸福社区工作总结\n{body}\n一、下一步打算\n（一）加强环境整治。开展楼道清理。\n"
    report = audit(text, model="none", suggest=False, profile="work_summary")
    assert ("review" not in report.missing_roles) is reviewed


# --- no-owner / no-deadline ---------------------------------------------------------------------

def test_field_lines_and_activity_items_get_no_owner_notes():
    report = audit(ACTIVITY, model="none", suggest=False)
    assert not _codes(report, "no-owner")
    assert not _codes(report, "no-deadline")     # 活动时间 dates the whole event


@pytest.mark.parametrize("item, owner, deadline", [
    # the lines after the item give its date and owner
    ("（一）清理楼道。\n时间：3月2日\n责任单位：物业公司", True, True),
    ("（一）清理楼道。由物业公司负责，3月底前完成。", True, True),
    ("（一）清理楼道。", False, False),
])
def test_item_read_with_the_lines_that_follow(item, owner, deadline):
    text = ("晴川社区2024年环境整治工作计划\n为改善环境，制定本计划。\n一、工作目标\n全年清理杂物100处。\n"
            f"二、主要任务\n{item}\n（二）修剪绿化。由物业公司负责，4月底前完成。\n")
    report = audit(text, model="none", suggest=False)
    item_findings = [f for f in report.findings if f.code in ("no-owner", "no-deadline")
                     and "清理楼道" in f.message]
    assert (not [f for f in item_findings if f.code == "no-owner"]) is owner
    assert (not [f for f in item_findings if f.code == "no-deadline"]) is deadline


def test_one_summary_when_no_owner_is_named_anywhere():
    text = ("晴川社区2024年文化工作计划\n为丰富生活，制定本计划。\n一、工作目标\n全年举办活动12场。\n二、主要任务\n"
            "（一）举办读书会。每月一次。\n（二）组织广场舞比赛。9月举行。\n（三）开展书法培训。每周一次。\n")
    report = audit(text, model="none", suggest=False)
    owners = _codes(report, "no-owner")
    assert len(owners) == 1 and owners[0].data["scope"] == "plan" and "全文" in owners[0].message


def test_no_second_note_on_dates_when_the_schedule_is_missing():
    text = ("晴川社区2024年文化工作计划\n为丰富生活，制定本计划。\n一、工作目标\n全年举办活动12场。\n二、主要任务\n"
            "（一）举办读书会。由社区居委会负责。\n（二）组织广场舞比赛。由社区文体队负责。\n")
    report = audit(text, model="none", suggest=False, profile="implementation_plan")
    assert "schedule" in report.missing_roles
    assert not _codes(report, "no-deadline")
    report = audit(text, model="none", suggest=False, profile="work_points")   # no schedule asked
    assert [f.data.get("scope") for f in _codes(report, "no-deadline")] == ["plan"]


# --- score ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", [
    lambda t: t.replace("社区文化广场", "________"),                               # a blank field
    lambda t: t.replace("2024年9月14日", "20XX年X月X日").replace("社区文化广场", "XX"),  # several
    lambda t: without(t, "五、活动内容", "六、活动保障"),                           # required section
])
def test_a_complete_plan_outscores_a_damaged_one(damage):
    whole = audit(ACTIVITY, model="none", suggest=False).score
    assert audit(damage(ACTIVITY), model="none", suggest=False).score < whole


def test_score_never_rises_with_more_blanks():
    text, scores = ACTIVITY, []
    for old in ("社区文化广场", "2024年9月14日", "辖区居民", "月圆青石"):
        text = text.replace(old, "____", 1)
        scores.append(audit(text, model="none", suggest=False).score)
    assert scores == sorted(scores, reverse=True) and scores[0] < 100


# --- suggestions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kept", [
    ("巩故建设成果，完善长效管理机制。", False),          # a typo the audit flags
    ("由XX社区牵头，每月组织一次安全检查。", False),        # a placeholder
    ("20__年底前建成社区老年食堂。", False),
    ("成立活动工作小组，明确人员分工，确保活动安全有序。", True),
])
def test_nothing_the_audit_flags_is_offered(text, kept):
    from plantext.audit.suggestions import clean_suggestions
    from plantext.document import Suggestion

    out = clean_suggestions([Suggestion(text, 1.0, "safeguard", ["culture"], "doc#1")])
    assert bool(out) is kept


def test_activity_plan_suggestions_are_on_its_topic():
    text = without(ACTIVITY, "六、活动保障", None)
    report = audit(text, model="none")
    from plantext.audit.placeholders import find_placeholders
    from plantext.audit.typos import typo_findings

    found = [f for f in report.findings if f.code == "missing-section"]
    hits = [s for f in found for s in f.suggestions]
    assert all(not find_placeholders(s.text) and not typo_findings(s.text) for s in hits)
    missing = {f.role: f for f in found}
    if "safeguard" in missing and missing["safeguard"].suggestions:
        assert "活动" in missing["safeguard"].suggestions[0].text or \
            set(missing["safeguard"].suggestions[0].themes) & set(report.themes or ["culture"])
