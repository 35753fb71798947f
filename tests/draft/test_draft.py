"""draft(): sections in the profile's order, grouped measures, provenance, markers, clean audit."""

from __future__ import annotations

import re

import pytest

from plantext.audit import audit_plan
from plantext.audit.placeholders import find_placeholders
from plantext.draft.new_plan import draft_sections, section_roles, title_for
from plantext.errors import InputError
from plantext.labels import load_taxonomy, profile_for
from plantext.outline.markers import int_to_cn

DOC_TYPES = ["work_plan", "implementation_plan", "work_points", "gov_work_report",
             "work_summary", "opinion"]
MARKER = re.compile(r"【待补充：[^】]+】")


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_sections_follow_the_profile(make_draft, doc_type):
    plan = make_draft(doc_type)
    prof = profile_for(doc_type)
    roles = section_roles(prof)
    sections = draft_sections(prof)
    numbers = [f"{int_to_cn(i)}、" for i in range(1, len(sections) + 1)]
    assert [s.marker for s in plan.sections] == numbers
    assert [s.title for s in plan.sections] == [h or prof.heading(r) for r, h in sections]
    assert [s.role for s in plan.sections] == [r for r, _ in sections]
    assert list(dict.fromkeys(r for r, _ in sections)) == roles
    assert set(roles) | {"preamble"} >= set(prof.expected)
    assert plan.doc_type == doc_type


@pytest.mark.parametrize("doc_type, title", [
    ("work_plan", "和平社区2026年精神文明与道德建设和社会治安工作计划"),
    ("implementation_plan", "和平社区2026年精神文明与道德建设和社会治安实施方案"),
    ("work_points", "和平社区2026年精神文明与道德建设和社会治安工作要点"),
    ("work_summary", "和平社区2026年精神文明与道德建设和社会治安工作总结"),
    ("opinion", "和平社区关于加强精神文明与道德建设和社会治安工作的意见"),
])
def test_title(make_draft, doc_type, title):
    assert make_draft(doc_type).title == title
    assert title_for(doc_type, ["civility", "security"], "和平社区", 2026) == title


def test_preamble_opens_the_plan(make_draft):
    plan = make_draft("work_plan")
    first = plan.sections[0].heading_start
    opening = plan.text[len(plan.title):first].strip()
    assert opening.startswith("为") and opening.endswith("制定本计划。")


def test_measures_grouped_by_theme(make_draft):
    plan = make_draft("work_plan", ("civility", "security", "veterans"))
    measure = next(s for s in plan.sections if s.role == "measure")
    tax = load_taxonomy()
    assert [c.marker + c.title for c in measure.children] == [
        "（一）" + tax["civility"].zh, "（二）" + tax["security"].zh, "（三）" + tax["veterans"].zh]
    civility = measure.children[0]
    assert [c.marker for c in civility.children] == ["1.", "2.", "3."]


def test_unfillable_slot_becomes_a_marker(make_draft):
    plan = make_draft("work_plan", ("civility", "veterans"))
    # an opening about both themes is the genre's sentence with its basis left open
    markers = [m for m in plan.meta["markers"] if m["role"] not in ("preamble", "other")]  # not the 成文日期
    assert [m["text"] for m in markers] == ["【待补充：双拥优抚与退役军人方面的具体工作措施】"]
    assert all(plan.text[m["start"]:m["end"]] == m["text"] for m in markers)
    veterans = next(s for s in plan.sections if s.role == "measure").children[1]
    assert veterans.start <= markers[0]["start"] < veterans.end


def test_no_placeholder_left_but_markers(make_draft, index):
    plan = make_draft("work_plan", ("civility", "security", "elderly", "veterans"))
    text = MARKER.sub("", plan.text)
    assert find_placeholders(text) == []
    # the corpus holds a template (××街道, 【联系人】): none of it is used
    assert "××" not in plan.text and "联系人" not in plan.text
    assert all("cvd" not in p["source"] for p in plan.meta["provenance"])


def test_provenance_covers_every_filled_sentence(make_draft, index):
    plan = make_draft("implementation_plan", ("civility", "security", "elderly"))
    spans = [(p["start"], p["end"]) for p in plan.meta["provenance"]]
    spans += [(m["start"], m["end"]) for m in plan.meta["markers"]]
    schedule = next(s for s in plan.sections if s.role == "schedule")
    closing = plan.text.rstrip().rsplit("\n", 2)[-2:]     # 署名 and 成文日期, written by draft()
    opening = plan.text[:plan.sections[0].start]         # the genre's opening around a marker
    for seg in plan.segments:
        if (schedule.start <= seg.start < schedule.end or seg.text.strip() in closing
                or (seg.end <= len(opening) and "【待补充" in seg.text)):
            continue                               # the dated phases are written, not retrieved
        if seg.kind == "heading" and seg.section is not None and not seg.section.inline:
            text = seg.text
            if re.match(r"\d+\.", text):   # a numbered item: its body is a phrasing
                assert any(a <= seg.start + 2 and seg.end <= b for a, b in spans), text
            continue
        if seg.kind == "heading":
            continue
        assert any(a <= seg.start and seg.end <= b for a, b in spans), seg.text
    entries = {e.source: e.text for e in index.entries}
    texts = {e.text for e in index.entries}
    for p in plan.meta["provenance"]:
        assert re.fullmatch(r"cv[a-ce]#.*", p["source"])
        assert p["source"] in entries and p["original"] in texts
        assert plan.text[p["start"]:p["end"]]


def test_names_and_years_substituted(make_draft):
    plan = make_draft("work_plan", ("civility", "security", "elderly"), unit="和平社区", year=2026)
    for name in ("阳光社区", "城关街道", "青山镇", "翠竹社区", "西湖街道"):
        assert name not in plan.text
    # cva is a 2023 plan: its 到2025年 becomes 到2028年 in a 2026 plan
    goal = next(p for p in plan.meta["provenance"] if p["original"].startswith("到2025年"))
    assert plan.text[goal["start"]:goal["end"]].startswith("到2028年")
    assert "我镇" not in plan.text and "全镇" not in plan.text


def test_drafted_plans_audit_clean(make_draft):
    for doc_type in DOC_TYPES:
        plan = make_draft(doc_type)
        report = audit_plan(plan, profile=doc_type, suggest=False, generalise=False)
        assert report.missing_roles == set(), doc_type
        spans = [(m["start"], m["end"]) for m in plan.meta["markers"]]
        serious = [f for f in report.findings if f.severity != "info"
                   and not any(f.start is not None and f.start < b and a < f.end for a, b in spans)]
        assert serious == [], (doc_type, [(f.code, f.message) for f in serious])


@pytest.mark.xfail(not find_placeholders("【待补充：本社区的量化工作目标】"), strict=False,
                   reason="audit/placeholders.py does not match 【待补充：…】 yet")
def test_audit_reports_markers(make_draft):
    plan = make_draft("work_plan", ("civility", "veterans"))
    report = audit_plan(plan, suggest=False, generalise=False)
    found = [(f.start, f.end) for f in report.findings if f.code == "placeholder"]
    for m in plan.meta["markers"]:
        assert any(a <= m["start"] and m["end"] <= b for a, b in found)


def test_year_defaults_to_the_year_being_planned(index):
    import datetime

    from plantext.draft import draft
    from plantext.draft.new_plan import default_year

    plan = draft("work_points", ["elderly"], unit="和平社区", corpus=index, model="none", k=1)
    year = default_year("work_points", datetime.date.today())
    assert year in (datetime.date.today().year, datetime.date.today().year + 1)
    assert plan.meta["year"] == year and str(year) in plan.title


@pytest.mark.parametrize("kwargs", [
    {"doc_type": "memo"}, {"themes": ["nope"]}, {"k": 0}, {"corpus": "/no/such/corpus"},
])
def test_bad_arguments(index, kwargs):
    from plantext.draft import draft

    args = {"doc_type": "work_plan", "themes": ["civility"], "corpus": index, **kwargs}
    with pytest.raises(InputError):
        draft(**args)
