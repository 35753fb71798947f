"""Goal phrasings for a draft: measurable and dated first, so the draft's goal audits clean
whatever order retrieval lists its candidates in; a dated outcome reads as goal content."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from plantext.audit.role_cues import strong_role
from plantext.draft.fill import Filler, dated, measurable

VAGUE = "进一步提升社区治安防控水平。"
NUMBER_ONLY = "社区矛盾纠纷调处成功率达到98%以上。"
NUMBER_AND_DATE = "到2025年底，社区矛盾纠纷调处成功率达到98%以上。"
DATE_ONLY = "年内建成社区综治中心。"


@pytest.mark.parametrize("text, is_measurable, is_dated", [
    (VAGUE, False, False), (NUMBER_ONLY, True, False), (NUMBER_AND_DATE, True, True),
])
def test_measurable_and_dated(text, is_measurable, is_dated):
    assert (measurable(text), dated(text)) == (is_measurable, is_dated)


@pytest.mark.parametrize("order", [
    [VAGUE, NUMBER_ONLY, DATE_ONLY, NUMBER_AND_DATE],
    [NUMBER_AND_DATE, NUMBER_ONLY, VAGUE, DATE_ONLY],
    [NUMBER_ONLY, VAGUE, NUMBER_AND_DATE, DATE_ONLY],
])
def test_goal_candidates_rank_measurable_and_dated_first_in_any_retrieval_order(order):
    filler = Filler.__new__(Filler)
    filler.doc_type = "opinion"
    filler._candidates = lambda role, themes, pool: [SimpleNamespace(text=t) for t in order]
    ranked = [c.text for c in filler._ranked("goal", None, 12)]
    assert ranked[0] == NUMBER_AND_DATE and ranked[1] == NUMBER_ONLY


@pytest.mark.parametrize("text, role", [
    ("到2027年，电力装备制造业数字化转型取得明显成效。", "goal"),
    ("力争到2025年底，社区养老服务覆盖率达到90%。", "goal"),
    ("到2025年底，完成老旧小区改造。", None),          # a dated task, not an outcome
    ("2025年底前完成老旧小区改造。", None),
])
def test_a_dated_outcome_opening_a_sentence_reads_as_goal_content(text, role):
    seg = SimpleNamespace(kind="sentence", text=text)
    assert strong_role(seg) == role
