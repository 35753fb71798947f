"""What reading the plan noticed reaches the audit report: JSON, terminal text and HTML page."""

from __future__ import annotations

import pytest

import plantext as pt


@pytest.fixture(scope="module")
def report():
    return pt.audit("Community work plan 2024: keep the streets clean.", suggest=False)


def test_the_dict_carries_the_plans_warnings(report):
    assert report.plan.warnings and report.to_dict()["warnings"] == report.plan.warnings


@pytest.mark.parametrize("render", ["to_text", "to_html"])
def test_the_text_and_html_reports_show_them(report, render):
    out = getattr(report, render)()
    assert "注意：" in out and "几乎没有汉字" in out


def test_a_chinese_plan_without_reading_problems_shows_no_note():
    r = pt.audit("社区2024年工作计划\n一、工作目标\n到年底，辖区独居老人探访覆盖率达到100%。\n", suggest=False,
                 model="none")
    assert r.to_dict()["warnings"] == [] and "注意：" not in r.to_html()


def test_the_terminal_report_wraps_long_chinese_advice_instead_of_cutting_it():
    from plantext.audit.text import render_text

    r = pt.audit("社区2024年工作计划\n一、工作目标\n进一步提升服务水平。\n二、主要措施\n加强巡逻。\n", suggest=False,
                 model="none")
    advice = next(f.message for f in r.findings if f.code == "missing-section")
    out = render_text(r, width=60)
    assert "…" not in out
    assert advice in "".join(line.strip("│ ") for line in out.splitlines())
