"""The 成文日期 and default year of a new draft fit the document they close."""

import datetime as dt

import pytest

from plantext.draft.new_plan import DATE_MARKER, default_year, signature_lines, signing_date


@pytest.mark.parametrize("doc_type, year, today, expected", [
    # a plan is signed before its first phase (January-February of its year) is over
    ("work_plan", 2027, dt.date(2026, 12, 7), dt.date(2026, 12, 7)),
    ("implementation_plan", 2026, dt.date(2026, 2, 20), dt.date(2026, 2, 20)),
    ("work_plan", 2026, dt.date(2026, 12, 7), None),
    ("work_points", 2026, dt.date(2026, 3, 1), None),
    ("activity_plan", 2025, dt.date(2026, 6, 1), None),
    # a summary reviews its year: signed in it or after it, never before
    ("work_summary", 2026, dt.date(2026, 12, 7), dt.date(2026, 12, 7)),
    ("work_summary", 2025, dt.date(2026, 1, 10), dt.date(2026, 1, 10)),
    ("work_summary", 2027, dt.date(2026, 12, 7), None),
])
def test_signing_date(doc_type, year, today, expected):
    assert signing_date(doc_type, year, today) == expected


@pytest.mark.parametrize("doc_type, today, expected", [
    ("work_plan", dt.date(2026, 12, 7), 2027),      # drafted at year end: next year's plan
    ("work_plan", dt.date(2026, 11, 1), 2027),
    ("work_plan", dt.date(2026, 10, 31), 2026),
    ("work_summary", dt.date(2026, 12, 7), 2026),   # a summary reviews the current year
])
def test_default_year(doc_type, today, expected):
    assert default_year(doc_type, today) == expected


def test_signature_without_a_fitting_date_is_a_marker():
    unit, date = signature_lines("青松社区", None)
    assert unit == "青松社区"
    assert date.marker and date.text == DATE_MARKER
    assert signature_lines("青松社区", dt.date(2026, 1, 5)) == ["青松社区", "2026年1月5日"]


def test_drafted_plan_is_not_signed_after_its_first_phase(make_draft):
    plan = make_draft("work_plan", ("security",))
    closing = plan.text.rstrip().rsplit("\n", 1)[-1]
    year = plan.meta["year"]
    if closing == DATE_MARKER:
        assert any(m["text"] == DATE_MARKER for m in plan.meta["markers"])
    else:
        y, rest = closing.split("年", 1)
        m = int(rest.split("月", 1)[0])
        assert (int(y), m) < (year, 3), closing
