"""pt.audit as a library call: warnings reach the user, a page of plans is audited plan by plan,
findings come as a DataFrame, and a plan survives to_dict/from_dict."""

from __future__ import annotations

import json
import warnings

import pytest

import plantext as pt
from plantext import resources

PLAN = ("社区2024年养老服务工作计划\n一、工作目标\n到2024年底，辖区独居老人探访覆盖率达到100%。\n"
        "二、主要措施\n（一）为独居老人提供助餐服务，每周不少于三次。\n（二）组织志愿者开展上门探访。\n")
# a page of three short plans, numbered as a template page numbers them
PAGE = "社区养老服务工作计划汇编\n" + "".join(
    f"社区养老服务工作计划（{n}）\n一、工作目标\n到年底，探访覆盖率达到{pct}%。\n"
    f"二、主要措施\n为独居老人提供助餐服务，{extra}\n"
    for n, pct, extra in [("一", 90, "每周三次。"), ("二", 95, "由__负责。"), ("三", 100, "按月通报。")])


def test_missing_models_reach_the_user_as_a_warning_and_on_the_report(tmp_path, monkeypatch):
    monkeypatch.setenv(resources.MODELS_ENV, str(tmp_path))        # no trained models there
    with pytest.warns(pt.PlanTextWarning, match="No trained model"):
        report = pt.audit(PLAN, suggest=False)
    assert any("No trained model" in w for w in report.warnings)
    assert report.to_dict()["warnings"] == report.warnings


def test_unservable_suggestions_are_reported_not_swallowed(tmp_path):
    with pytest.warns(pt.PlanTextWarning, match="No phrasing suggestions"):
        report = pt.audit(PLAN, corpus=tmp_path / "missing")
    assert any("No phrasing suggestions" in w for w in report.warnings)


def test_audit_does_not_silence_warnings_process_wide():
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        pt.audit("Community work plan 2024: keep the streets clean.", suggest=False)
    assert any(issubclass(w.category, pt.PlanTextWarning) for w in seen)


@pytest.fixture(scope="module")
def page_report():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pt.audit(PAGE, suggest=False)


def test_a_page_of_plans_is_audited_plan_by_plan_like_the_cli(page_report):
    plans = pt.parse_many(PAGE)
    assert len(page_report.reports) == len(plans) == 3
    for part, plan in zip(page_report.reports, plans):
        alone = pt.audit(plan, suggest=False)
        assert part.plan.plan_id == plan.plan_id
        assert [(f.code, f.start) for f in part.findings] == [(f.code, f.start) for f in alone.findings]
    assert page_report.score == min(r.score for r in page_report.reports)
    assert {r["plan_id"] for r in page_report.to_dict()["plans"]} == {p.plan_id for p in plans}


def test_page_findings_point_into_the_whole_page_text(page_report):
    placeholder = [f for f in page_report.findings if f.code == "placeholder"]
    assert placeholder and all(page_report.plan.text[f.start:f.end] == "__" for f in placeholder)
    assert {f.data["plan_id"] for f in placeholder} == {page_report.reports[1].plan.plan_id}


def test_findings_as_a_frame(page_report):
    frame = page_report.to_frame()
    assert len(frame) == len(page_report.findings)
    assert list(frame.columns[:12]) == ["plan_id", "code", "severity", "message", "start", "end",
                                       "source_start", "source_end", "line", "role", "text",
                                       "suggestions"]
    row = frame[frame.code == "placeholder"].iloc[0]
    assert row.text == "__" and PAGE[int(row.source_start):int(row.source_end)] == "__"


@pytest.mark.parametrize("source", [PLAN, PAGE])
def test_a_plan_survives_to_dict_and_from_dict(source):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(source)
    data = json.loads(json.dumps(plan.to_dict(), ensure_ascii=False))
    back = pt.Plan.from_dict(data)
    assert back.to_dict() == data
    assert [s.section.path if s.section else None for s in back.segments] == \
        [s.section.path if s.section else None for s in plan.segments]
    assert [back.source_span(s.start, s.end) for s in back.segments] == \
        [plan.source_span(s.start, s.end) for s in plan.segments]
    assert pt.audit(back, suggest=False).score == pt.audit(plan, suggest=False).score
