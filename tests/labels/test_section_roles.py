"""A section whose heading names no role takes the role the model gives its text."""

from __future__ import annotations

import warnings

import pytest

import plantext as pt
from plantext.document import Plan, Section, Segment
from plantext.labels.assign import section_roles_from_text

PLAN = """某社区2025年工作要点
一、强化基层党组织建设
全面落实“三会一课”制度，每月开展主题党日活动，组织党员到社区报到服务。
推进党建引领网格治理，由社区党委书记牵头，年底前完成网格党小组全覆盖。
二、保障措施
成立工作领导小组，落实工作经费，加强督查考核。
"""


def _parse(model):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pt.parse(PLAN, model=model)


def test_a_theme_heading_at_the_top_takes_its_sentences_role_from_the_model():
    plan = _parse("sm")
    first, second = plan.sections
    body = [s.role for s in plan.segments_in(first) if s.kind != "heading"]
    assert first.role == max(set(body), key=body.count) != "other"
    assert first.role_from == "model" and 0 < first.role_score <= 1
    assert (second.role, second.role_from) == ("safeguard", "heading")


def test_without_a_model_such_a_section_stays_undecided():
    first = _parse("none").sections[0]
    assert (first.role, first.role_from) == ("other", "none")


def _seg(start, end, kind, role, role_from="model"):
    return Segment(start=start, end=end, kind=kind, role=role, role_from=role_from)


@pytest.mark.parametrize("roles, expected, score", [
    (["measure", "measure", "goal"], "measure", 2 / 3),
    (["goal", "other", "goal"], "goal", 2 / 3),       # undecided sentences count in the share, not as a role
    (["other", "other", "other"], "other", None),     # nothing decided: stays undecided
])
def test_the_most_common_decided_role_wins_with_its_share(roles, expected, score):
    sec = Section(marker="一、", level=1, title="t", start=0, end=40)
    segs = [_seg(0, 10, "heading", "other")] + [_seg(10 * (i + 1), 10 * (i + 2), "sentence", r)
                                               for i, r in enumerate(roles)]
    plan = Plan(text="x" * 40, sections=[sec], segments=segs)
    section_roles_from_text(plan)
    assert sec.role == expected
    if score is not None:
        assert sec.role_score == pytest.approx(score) and sec.role_from == "model"
    else:
        assert sec.role_from == "none"
