"""Guessing the role of the passage a drafter writes, and keeping suggestions to it."""

from __future__ import annotations

import pytest

from plantext.suggest.query_role import FILTER_AT, RoleGuess, guess_role
from plantext.suggest.evaluate import _context


@pytest.mark.parametrize("text, context, role, source", [
    ("每季度组织一次检查，发现问题及时整改。", ["五、保障措施"], "safeguard", "heading"),
    # the nearest heading that names a role wins (labels.md rule 1)
    ("每季度组织一次检查。", ["三、主要任务", "（二）加强组织领导"], "safeguard", "heading"),
    ("每季度组织一次检查。", ["二、保障措施", "（一）繁荣社区文化"], "safeguard", "heading"),
    ("（二）加强组织领导。社区成立工作领导小组，书记任组长。", None, "safeguard", "heading"),
    ("成立工作领导小组，由社区书记任组长，明确责任分工，落实专项经费。", None, "safeguard", "model"),
    ("到2025年，社区养老服务覆盖率达到90%以上，创建市级文明社区。", None, "goal", "model"),
    ("坚持以人民为中心的发展思想，坚持党建引领，坚持问题导向。", None, "guiding", "model"),
    ("开展垃圾分类宣传进社区活动，组织志愿者入户指导。", None, "measure", "model"),
    # an inline heading that names a theme, not a role: the model reads the whole paragraph
    ("（三）繁荣社区文化。组织居民开展文体活动，建设社区书屋，举办邻里节。", None, "measure", "model"),
])
def test_guess_role(text, context, role, source):
    guess = guess_role(text, context)
    assert (guess.role, guess.source) == (role, source)
    assert 0.0 < guess.score <= 1.0


def test_a_one_line_query_is_not_read_as_a_plans_opening():
    # alone, a line is a whole document's first paragraph; the guess reads it as mid-plan text
    assert guess_role("开展垃圾分类宣传进社区活动").role == "measure"


@pytest.mark.parametrize("text, context", [(None, None), ("", []), ("   ", ["（三）繁荣社区文化"])])
def test_nothing_to_go_on_gives_no_guess(text, context):
    assert guess_role(text, context) is None


@pytest.mark.parametrize("score, role, filters", [
    (FILTER_AT, "safeguard", True), (FILTER_AT - 0.01, "safeguard", False), (0.99, "other", False)])
def test_only_a_sure_guess_filters(score, role, filters):
    assert RoleGuess(role, score, "model").filters is filters


def test_a_sure_guess_keeps_suggestions_to_its_role(sparse_index):
    from plantext.suggest import search

    text = "组织志愿者走访慰问"
    plain = search(sparse_index, text, k=2, mode="sparse")
    guided = search(sparse_index, text, k=2, mode="sparse", guess=RoleGuess("safeguard", 0.9, "heading"))
    assert guided.role_guess.role == "safeguard"
    assert [h.role for h in guided] == ["safeguard"] * len(guided) and guided
    assert any(h.role != "safeguard" for h in plain)
    unsure = search(sparse_index, text, k=2, mode="sparse", guess=RoleGuess("safeguard", 0.3, "model"))
    assert [h.text for h in unsure] == [h.text for h in plain]


def test_a_guess_with_too_few_entries_of_its_role_is_ignored(sparse_index):
    from plantext.suggest import search

    n = int((sparse_index.role_ids == 5).sum())   # ROLES.index("safeguard")
    hits = search(sparse_index, "组织志愿者走访慰问", k=n + 1, mode="sparse",
                  guess=RoleGuess("safeguard", 0.9, "heading"))
    assert any(h.role != "safeguard" for h in hits)


def test_context_lists_the_headings_above_each_line():
    class Doc:
        lines = ["标题", "一、总体要求", "（一）指导思想", "正文甲", "（二）工作目标", "正文乙", "二、主要任务", "正文丙"]
        data = {"headings": [{"line": 1, "level": 1, "title": "总体要求"},
                             {"line": 2, "level": 2, "title": "指导思想"},
                             {"line": 4, "level": 2, "title": "工作目标"},
                             {"line": 6, "level": 1, "title": "主要任务"}]}

    ctx = _context(Doc())
    assert ctx[0] == [] and ctx[1] == []
    assert ctx[3] == ["总体要求", "指导思想"]
    assert ctx[5] == ["总体要求", "工作目标"]
    assert ctx[7] == ["主要任务"]


@pytest.mark.parametrize("context", [[1, 2], ["三、保障措施", None], 5])
def test_context_must_be_headings(context):
    from plantext import PlanTextError

    with pytest.raises(PlanTextError, match="context takes the headings"):
        guess_role("每季度组织一次检查。", context)
