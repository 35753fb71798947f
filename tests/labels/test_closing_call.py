"""A report's closing call to the deputies is `requirement`, whichever section the outline puts it in."""

from __future__ import annotations

import pytest

import plantext as pt
from plantext.labels.assign import SURE_RULE

REPORT = """政府工作报告
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、过去一年的工作
过去一年，全县经济稳中有进，民生持续改善。
{review_close}
二、今年的重点工作
（一）加强政府自身建设
坚持依法行政，推进政务公开，改进工作作风。
{closing}
"""

CLOSINGS = [
    ("各位代表！新的一年，使命在肩。让我们更加紧密地团结在县委周围，埋头苦干，奋力完成全年目标任务！", True),
    ("各位代表，前路虽远，行则将至。让我们在县委的坚强领导下，同心协力，为建设美好家园而努力奋斗！", True),
    ("各位委员，让我们携手并进，共同书写新的篇章。", True),
    # review sentences that start the same way are not a call
    ("各位代表！一年来的实践，让我们深刻体会到，发展必须依靠群众。", False),
    ("各位代表！我们也清醒地看到，发展中还存在不少困难和问题。", False),
    # a call to action without the address is left to the models
    ("让我们更加紧密地团结起来，奋力完成全年目标任务！", False),
]


def _para(plan, start_text):
    """The segments of the paragraph that begins with ``start_text``."""
    pos = plan.text.index(start_text[:12])
    first = next(s for s in plan.segments if s.start <= pos < s.end)
    return [s for s in plan.segments if s.paragraph == first.paragraph]


@pytest.mark.parametrize("closing, is_call", CLOSINGS, ids=[c[:14] for c, _ in CLOSINGS])
def test_closing_call_is_requirement_over_the_section_it_sits_in(closing, is_call):
    plan = pt.parse(REPORT.format(review_close="总的看，各项工作取得了新成效。", closing=closing), model="none")
    segs = _para(plan, closing)
    if is_call:
        assert {(s.role, s.role_from, s.role_score) for s in segs} == {("requirement", "rule", SURE_RULE)}
    else:
        assert all(s.role != "requirement" or s.role_from != "rule" for s in segs)


def test_the_rule_holds_through_the_model_and_counts_as_fixed():
    from plantext.learn.units import plan_units

    closing = CLOSINGS[0][0]
    text = REPORT.format(review_close=CLOSINGS[3][0], closing=closing)
    plan = pt.parse(text, model="none")
    units = {u.text[:12]: u for u in plan_units(plan)}
    assert units[closing[:12]].fixed_role == "requirement"
    assert units[CLOSINGS[3][0][:12]].fixed_role != "requirement"
    labelled = pt.parse(text)   # the shipped sm models
    segs = _para(labelled, closing)
    assert {(s.role, s.role_from) for s in segs} == {("requirement", "rule")}
