"""Section coverage: missing roles, untitled content, ablation of the team corpus."""

from __future__ import annotations

import json

import pytest

from plantext.audit import audit

from audit_fixtures import FULL_PLAN, SHARED, TEAM, without

RENUMBER = {"三、主要任务": "二、主要任务", "四、保障措施": "三、保障措施", "五、时间安排": "四、时间安排"}


def _renumbered(text: str) -> str:
    for old, new in RENUMBER.items():
        text = text.replace(old, new)
    return text


def test_intact_plan_misses_nothing():
    report = audit(FULL_PLAN, model="none", suggest=False)
    assert report.missing_roles == set()
    assert not [f for f in report.findings if f.code == "missing-section"]


@pytest.mark.parametrize("heading, nxt, role, severity, profile", [
    ("二、工作目标", "三、主要任务", "goal", "error", None),
    ("四、保障措施", "五、时间安排", "safeguard", "warning", None),
    ("五、时间安排", None, "schedule", "warning", "implementation_plan"),
    ("一、指导思想", "二、工作目标", "guiding", "warning", None),
])
def test_deleted_section_is_missing(heading, nxt, role, severity, profile):
    report = audit(without(FULL_PLAN, heading, nxt), model="none", suggest=False, profile=profile)
    assert role in report.missing_roles
    found = [f for f in report.findings if f.code == "missing-section" and f.role == role]
    assert len(found) == 1 and found[0].severity == severity
    assert found[0].message.startswith("缺少“")


def test_missing_sections_come_first():
    text = without(FULL_PLAN, "二、工作目标", "三、主要任务") + "\n居民满意度要达到__%。"
    report = audit(text, model="none", suggest=False)
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[f.severity] for f in report.findings]
    assert ranks == sorted(ranks)


def test_schedule_is_optional_in_a_work_plan():
    report = audit(without(FULL_PLAN, "五、时间安排", None), model="none", suggest=False)
    assert "schedule" not in report.missing_roles


def test_goal_in_the_opening_is_present():
    text = ("幸福社区2024年工作计划\n为做好社区工作，制定本计划。\n"
            "今年社区工作的主要目标是：居民满意度达到90%以上，全年不发生重大安全事故。\n"
            "一、主要任务\n（一）加强环境整治。开展楼道清理。\n（二）丰富文化生活。组织文艺演出。\n"
            "二、保障措施\n成立工作领导小组，经费纳入年度预算。\n")
    report = audit(text, model="none", suggest=False, profile="work_plan")
    assert "goal" not in report.missing_roles
    row = next(r for r in report.sections if r["role"] == "goal")
    assert row["present"] and row["source"] == "opening" and "开头段落" in row["evidence"]


def test_profile_by_name_changes_expectations():
    report = audit(FULL_PLAN, model="none", suggest=False, profile="work_summary")
    assert report.profile == "work_summary"
    assert "review" in report.missing_roles       # required there, absent here
    assert not report.missing_roles & {"safeguard", "schedule"}   # not expected of a summary


def _team_cases(limit: int = 12):
    if not (TEAM / "annotations").is_dir():
        return []
    cases = []
    for ann in sorted((TEAM / "annotations").glob("*.json"))[:40]:
        gold = json.loads(ann.read_text(encoding="utf-8"))
        tops = [h for h in gold["headings"] if h["level"] == 1]
        if len(tops) >= 3:
            cases.append(ann)
        if len(cases) == limit:
            break
    return cases


@pytest.mark.skipif(not (TEAM / "annotations").is_dir(), reason="team corpus absent")
def test_ablation_on_team_corpus_plans():
    from plantext.audit.ablation import run_ablation

    res = run_ablation(TEAM / "annotations", TEAM.parents[1])
    assert res["n_cases"] > 100
    assert res["recall"] >= 0.95
    assert res["false_alarm_rate"] <= 0.05


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold absent")
def test_ablation_on_dev_gold():
    from plantext.audit.ablation import run_ablation

    res = run_ablation(SHARED / "gold", SHARED)
    assert res["recall"] >= 0.95
    assert res["false_alarm_rate"] <= 0.05


def test_missing_section_suggestions_from_fallback(tmp_path):
    from plantext.audit.suggestions import fallback_suggestions

    if not (TEAM / "annotations").is_dir():
        pytest.skip("team corpus absent")
    hits = fallback_suggestions("safeguard", ["security"], corpus=TEAM, k=3)
    assert len(hits) == 3
    assert all(h.role == "safeguard" and h.source for h in hits)
    assert any("security" in h.themes for h in hits)


@pytest.mark.skipif(not (TEAM / "annotations").is_dir(), reason="team corpus absent")
def test_each_missing_section_has_three_suggestions():
    text = without(FULL_PLAN, "四、保障措施", "五、时间安排")
    report = audit(text, model="none", corpus=TEAM)
    found = [f for f in report.findings if f.code == "missing-section"]
    assert found
    assert all(len(f.suggestions) >= 3 for f in found)
