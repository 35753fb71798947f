"""The genre-set evaluation: how findings are scored against annotations, and a run on a tiny sample."""

from __future__ import annotations

import json

import pytest

from plantext.audit.genre_eval import Observation, Unit, evaluate, main, score_doc, summarise


def _unit(present=(), missing=(), ambiguous=(), ph=(), lines=(1, 10), anchor=None, types=("work_plan",)):
    return Unit("某社区工作计划", lines[0], lines[1], anchor or lines[0], tuple(types), frozenset(present),
                frozenset(missing), frozenset(ambiguous), tuple(ph))


def _obs(findings=(), missing_roles=(), ph=(), lines=(1, 10), doc_type="work_plan"):
    return Observation(lines[0], lines[1], doc_type, list(findings), set(missing_roles), list(ph))


ANN = {"id": "x1", "shape": "plan", "split": "dev"}


@pytest.mark.parametrize("role, kind", [
    ("safeguard", "ms_false"),      # present per the annotation: a false finding
    ("goal", "ms_confirmed"),       # left out on purpose
    ("schedule", "ms_arguable"),    # arguable
    ("assessment", "ms_absent"),    # absent, not counted as standard
])
def test_each_missing_section_finding_falls_in_one_class(role, kind):
    u = _unit(present={"measure", "safeguard"}, missing={"goal"}, ambiguous={"schedule"})
    sc = score_doc(ANN, [u], [_obs([role])])
    assert sc.ms_findings == 1 and getattr(sc, kind) == 1
    assert sc.ms_false + sc.ms_confirmed + sc.ms_arguable + sc.ms_absent == 1


def test_a_role_a_section_also_stands_for_is_present():
    # 活动目的 stands for goal or guiding: the unit's present set holds both
    u = _unit(present={"goal", "guiding", "measure"}, types=("activity_plan",))
    sc = score_doc(dict(ANN, shape="activity"), [u], [_obs(["guiding"], doc_type="implementation_plan")])
    assert sc.ms_false == 1 and sc.doctype_ok == 0


def test_deliberately_missing_roles_count_when_reported_by_finding_or_missing_roles():
    u = _unit(present={"measure"}, missing={"goal", "safeguard", "guiding"})
    sc = score_doc(ANN, [u], [_obs(["goal"], missing_roles={"safeguard"})])
    assert (sc.deliberate, sc.deliberate_found) == (3, 2)
    assert [d["role"] for d in sc.details if d["kind"] == "deliberate-missed"] == ["guiding"]


def test_placeholders_match_by_overlap_and_the_rest_are_false_alarms():
    u = _unit(ph=[(0, 6, "____社区"), (20, 31, "2023年  月  日"), (50, 54, "张**")])
    # the finding may cover part of the slot (年  月  日 of 2023年  月  日)
    sc = score_doc(ANN, [u], [_obs(ph=[(0, 6), (25, 31), (70, 72)])])
    assert (sc.ph_annotated, sc.ph_found, sc.ph_false_alarms) == (3, 2, 1)


def test_doc_type_accepts_the_alternatives_of_the_annotation():
    u = _unit(types=("activity_plan", "implementation_plan"))
    assert score_doc(ANN, [u], [_obs(doc_type="implementation_plan")]).doctype_ok == 1
    assert score_doc(ANN, [u], [_obs(doc_type="work_plan")]).doctype_ok == 0


def test_a_page_that_is_not_split_is_scored_on_the_merged_truth():
    a = _unit(present={"goal", "measure"}, missing={"safeguard"}, lines=(1, 10))
    b = _unit(present={"measure", "safeguard"}, missing={"goal"}, lines=(11, 20))
    page = dict(ANN, shape="multi", multi_plan=True)
    whole = _obs(["safeguard", "goal", "guiding"], lines=(1, 20))
    sc = score_doc(page, [a, b], [whole])
    assert not sc.split_ok
    # goal and safeguard are each present in one plan of the page the audit saw as one
    assert (sc.ms_false, sc.ms_absent) == (2, 1)
    split = score_doc(page, [a, b], [_obs(["safeguard"], lines=(1, 10)), _obs(["goal"], lines=(11, 20))])
    assert split.split_ok and (split.ms_confirmed, split.deliberate_found) == (2, 2)


def test_findings_of_a_plan_matching_no_annotated_plan_are_false():
    page = dict(ANN, shape="multi", multi_plan=True)
    a = _unit(present={"measure"}, lines=(3, 10))
    sc = score_doc(page, [a], [_obs(["measure"], lines=(1, 2)), _obs([], lines=(3, 10))])
    assert sc.ms_false == 1 and not sc.split_ok


def test_summary_rates_per_shape_and_overall():
    u = _unit(present={"measure"}, missing={"goal"}, ph=[(0, 4, "20XX")])
    s1 = score_doc(ANN, [u], [_obs(["goal", "measure"], ph=[(0, 4)])])
    s2 = score_doc(dict(ANN, id="x2", shape="draft"), [u], [_obs([])])
    summ = summarise([s1, s2])
    assert summ["plan"]["false_share"] == 0.5 and summ["draft"]["false_share"] is None
    assert summ["all"]["placeholder_recall"] == 0.5 and summ["all"]["deliberate_recall"] == 0.5
    assert summ["all"]["docs"] == 2


# -- a run of the real pipeline on a two-document sample written for this test ------------

PLAN = """青柳社区20XX年环境卫生工作计划
一、工作目标
全年组织清洁行动十二次，小区垃圾分类准确率提高到七成。
二、工作措施
（一）每月第一个周六组织居民清扫楼道和绿化带。
（二）在每个小区设置分类投放点，安排督导员值守。
"""

PAGE = """篇一：社区读书节活动方案
一、活动目的
引导居民多读书、读好书，办一次全家参与的读书节。
二、活动内容
1.开展亲子共读和好书交换。
2.评选书香家庭五户。
三、活动要求
各网格做好通知，活动中注意安全。
篇二：社区读书节活动方案（二）
一、活动目的
让老人和孩子一起走进社区书屋。
二、活动内容
1.组织故事会和读书分享会。
2.为行动不便的老人送书上门。
三、活动要求
志愿者提前布置场地。
"""


def _span(text, s):
    a = text.index(s)
    return {"text": s, "line": text.count("\n", 0, a) + 1, "start": a, "end": a + len(s)}


@pytest.fixture
def sample(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "annotations").mkdir()
    (tmp_path / "docs" / "p1.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "docs" / "m1.txt").write_text(PAGE, encoding="utf-8")
    p1 = {"id": "p1", "file": "docs/p1.txt", "split": "dev", "shape": "plan", "multi_plan": False,
          "doc_type": "work_plan", "doc_type_also": [], "title": PLAN.split("\n")[0], "title_line": 1,
          "sections": [{"role": "goal", "heading": "一、工作目标", "line": 2},
                       {"role": "measure", "heading": "二、工作措施", "line": 4}],
          "missing_roles": ["safeguard"], "ambiguous_roles": [], "placeholders": [_span(PLAN, "20XX")]}
    plan = {"doc_type": "activity_plan", "doc_type_also": [], "missing_roles": ["safeguard"],
            "ambiguous_roles": [], "placeholders": [],
            "sections": [{"role": "goal", "heading": "一、活动目的", "line": 0, "also": ["guiding"]},
                         {"role": "measure", "heading": "二、活动内容", "line": 0},
                         {"role": "requirement", "heading": "三、活动要求", "line": 0}]}
    m1 = {"id": "m1", "file": "docs/m1.txt", "split": "test", "shape": "multi", "multi_plan": True,
          "doc_type": None, "plans": [dict(plan, title="社区读书节活动方案", title_line=1, start_line=1, end_line=8),
                                      dict(plan, title="社区读书节活动方案（二）", title_line=9, start_line=9,
                                           end_line=16)]}
    for a in (p1, m1):
        (tmp_path / "annotations" / f"{a['id']}.json").write_text(json.dumps(a, ensure_ascii=False),
                                                                  encoding="utf-8")
    return tmp_path


def test_a_split_is_evaluated_alone_and_its_counts_add_up(sample):
    (dev,) = evaluate(sample, "dev")
    assert dev.doc_id == "p1" and dev.units == 1
    assert dev.ms_findings == dev.ms_false + dev.ms_confirmed + dev.ms_arguable + dev.ms_absent
    assert dev.ph_annotated == 1 and dev.ph_found == 1      # an XX year is caught
    (test,) = evaluate(sample, "test")
    assert test.doc_id == "m1" and test.units == 2 and test.plans_found >= 1
    assert test.doctype_ok <= 2 and test.deliberate == 2


def test_the_command_prints_the_table_and_writes_json(sample, tmp_path, capsys):
    out = tmp_path / "scores.json"
    assert main([str(sample), "--split", "all", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "split=all" in printed and "multi" in printed and "targets" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {d["doc_id"] for d in data["documents"]} == {"p1", "m1"}
    assert data["summary"]["all"]["docs"] == 2


def test_a_folder_without_annotations_is_a_clear_error(tmp_path):
    from plantext.errors import PlanTextError
    with pytest.raises(PlanTextError):
        evaluate(tmp_path)
