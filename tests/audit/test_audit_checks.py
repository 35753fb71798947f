"""Goals, measures, duplicates and numbering findings."""

from __future__ import annotations

import pytest

from plantext.audit import audit
from plantext.audit.goals import extract_indicators

from audit_fixtures import FULL_PLAN, without


def _codes(report, code):
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize("text, kind", [
    ("覆盖率达到95%以上", "percent"),
    ("全年开展活动不少于12场", "quantity"),
    ("到2025年底完成改造", "deadline"),
    ("6月底前完成", "deadline"),
    ("全年不发生重大安全事故", "zero"),
    ("实现社区网格全覆盖", "coverage"),
    ("争创市级文明社区", "rank"),
])
def test_indicators(text, kind):
    kinds = {i.kind for i in extract_indicators(text)}
    assert kind in kinds


def test_indicator_offsets_index_the_text():
    text = "目标：覆盖率达到95%，年底前完成。"
    for ind in extract_indicators(text, offset=100):
        assert text[ind.start - 100:ind.end - 100] == ind.text


@pytest.mark.parametrize("goal, vague", [
    ("到2024年底，居民满意度达到95%以上。", False),
    ("进一步提升社区治理水平，让居民更满意。", True),
])
def test_vague_goal(goal, vague):
    text = FULL_PLAN.replace(
        "到2024年底，社区刑事案件发案率下降10%，居民安全感达到95%以上，全年不发生重大火灾事故。", goal)
    found = _codes(audit(text, model="none", suggest=False), "vague-goal")
    assert bool(found) is vague
    if vague:
        assert found[0].severity == "warning" and found[0].role == "goal"


def test_no_owner_no_deadline_are_info():
    # without its 时间安排, the plan dates item by item and one item has no date
    text = FULL_PLAN.replace("由社区居委会牵头，组建巡逻队，每周巡逻不少于3次。", "加强巡逻防控。")
    text = without(text, "五、时间安排", None)
    report = audit(text, model="none", suggest=False)
    owners = _codes(report, "no-owner")
    deadlines = _codes(report, "no-deadline")
    assert [f.severity for f in owners] == ["info"]
    assert "（一）加强治安巡逻" in owners[0].message
    assert [f.severity for f in deadlines] == ["info"]
    assert not _codes(audit(FULL_PLAN, model="none", suggest=False), "no-owner")


@pytest.mark.parametrize("extra, dup", [
    ("组织志愿者定期走访辖区独居老人，及时了解生活困难。", False),
    ("由社区居委会牵头，组建巡逻队，每周巡逻不少于3次。", True),
    ("由社区居委会牵头，组建巡逻队伍，每周巡逻不少于3次。", True),
])
def test_duplicate_sentences(extra, dup):
    text = FULL_PLAN.replace("（二）开展消防检查。", "（二）开展消防检查。" + extra)
    found = _codes(audit(text, model="none", suggest=False), "duplicate-sentence")
    assert bool(found) is dup
    if dup:
        f = found[0]
        assert f.data["similarity"] >= 0.85 and f.data["first_start"] < f.start


@pytest.mark.parametrize("old, new, code", [
    ("三、主要任务", "四、主要任务", "numbering-gap"),
    ("四、保障措施", "三、保障措施", "numbering-repeat"),
])
def test_numbering_findings(old, new, code):
    report = audit(FULL_PLAN.replace(old, new), model="none", suggest=False)
    found = _codes(report, code)
    assert found and found[0].start is not None
    assert "编号" in found[0].message
    assert not [f for f in audit(FULL_PLAN, model="none", suggest=False).findings
                if f.code.startswith("numbering")]
