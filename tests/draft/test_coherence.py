"""Drafts read as one plan: one administrative level, one subject, figures of its own, a dated schedule."""

from __future__ import annotations

import datetime
import re

import pytest
from click.testing import CliRunner

from plantext.draft.coherence import (fits_level, figures, mark_figures, out_of_date,
                                      plan_level, scale_problems, setting_fits, voice_levels)
from plantext.draft.grid_eval import schedule_problems
from plantext.errors import InputError


@pytest.mark.parametrize("unit, level, tier", [
    ("和平社区", None, "community"), ("柳林村", None, "community"),
    ("东湖街道", None, "street"), ("青山镇", None, "street"), ("石门乡", None, "street"),
    ("桃源县", None, "county"), ("和平社区", "街道", "street"), ("XX单位", None, None),
    ("XX单位", "county", "county"), ("XX单位", "市", "city"),
])
def test_plan_level(unit, level, tier):
    assert plan_level(unit, level) == tier


def test_plan_level_refuses_an_unknown_level():
    with pytest.raises(InputError, match="层级"):
        plan_level("和平社区", "大区")


@pytest.mark.parametrize("sentence, voices", [
    ("各社区要明确一名联络员。", {"street"}),                      # a street office to its communities
    ("结合我镇实际，全镇统一部署。", {"street"}),
    ("镇财政安排专项经费用于培训。", {"street"}),
    ("将此项工作纳入村级年度考核。", {"street"}),
    ("对工作不力的社区，约谈社区党组织书记。", {"street"}),
    ("全县各乡镇要在年底前完成。", {"county"}),
    ("县城建成区绿化覆盖率达到40%。", {"county"}),
    ("全市统一组织检查。", {"city"}),
    ("社区将每月开展一次宣讲。", {"community"}),                   # a community speaking
    ("由街道办事处主任任组长。", {"street"}),                        # a higher office runs the work
    ("所需经费列入街道年度预算。", {"street"}),
    ("推动区、街道、社区三级平台全覆盖。", {"county"}),
    ("各地要将所需经费纳入本级预算。", {"city"}),
    ("配合街道做好人口普查。", {"community"}),
    ("街道组织社区逐楼召开恳谈会。", {"street"}),
    ("2025年，社区共协助办理临时救助。", {"community"}),
    ("今年社区的目标是建成示范点。", {"community"}),
    ("由县长任组长，统筹推进。", {"county"}),
    ("鼓励各地探索新型文化空间。", {"city"}),
    ("推动区、街道（镇）、社区（村）三级全覆盖。", {"county"}),
    # naming a superior, a title or the unit itself is no change of voice
    ("根据街道党工委安排，结合本社区实际，制定本计划。", {"community"}),
    ("争创市级文明社区。", set()),
    ("根据县委政法委要求开展排查。", set()),
    ("开展文明家庭评选活动。", set()),
])
def test_voice_levels(sentence, voices):
    assert voice_levels(sentence) == voices


@pytest.mark.parametrize("sentence, tier, fits", [
    ("各社区要明确一名联络员。", "street", True),
    ("各社区要明确一名联络员。", "community", False),
    ("社区将每月开展一次宣讲。", "county", False),
    ("开展文明家庭评选活动。", "community", True),
    ("开展文明家庭评选活动。", None, True),
])
def test_fits_level(sentence, tier, fits):
    assert fits_level(sentence, tier) is fits


def test_a_sentence_naming_its_own_unit_of_another_level_does_not_fit():
    text = "青山镇全面推行河长制。"
    assert fits_level(text, "community") is True                   # no voice word of its own
    assert fits_level(text, "community", source_level="镇", source_names=("青山镇",)) is False
    assert fits_level(text, "street", source_level="镇", source_names=("青山镇",)) is True


@pytest.mark.parametrize("text, found", [
    ("安排专项经费10万元。", [("10万元", 1e5, "money")]),
    ("零售总额突破2万亿元。", [("2万亿元", 2e12, "money")]),
    ("开展活动420余场，服务3000人次。", [("420余场", 420, "count"), ("3000人次", 3000, "count")]),
    ("发放问卷3100余份。", [("3100余份", 3100, "count")]),
    ("覆盖率达到95%以上。", []),
])
def test_figures(text, found):
    assert [(f.text, f.value, f.kind) for f in figures(text)] == found


@pytest.mark.parametrize("text, tier, bad", [
    ("零售总额突破2万亿元。", "county", ["2万亿元"]),
    ("零售总额突破2万亿元。", "city", []),
    ("社区常住人口突破50万人。", "community", ["50万人"]),
    ("安排专项经费10万元。", "community", []),
])
def test_scale_problems(text, tier, bad):
    assert [f.text for f in scale_problems(text, tier)] == bad


@pytest.mark.parametrize("text, marked", [
    ("安排专项经费10万元。", "安排专项经费【待补充：金额】万元。"),
    ("全年开展活动420余场，组建队伍3支。", "全年开展活动【待补充：数量】场，组建队伍3支。"),
    ("覆盖率达到95%以上。", "覆盖率达到95%以上。"),
])
def test_borrowed_figures_become_markers(text, marked):
    assert mark_figures(text) == marked


@pytest.mark.parametrize("sections, problems", [
    (["（一）动员阶段（2026年1月至2月）。（二）实施阶段（2026年3月至10月）。"], []),
    (["（一）实施阶段（2026年3月至10月）。（二）动员阶段（2026年1月至2月）。"], ["phases out of order"]),
    (["（一）动员阶段（2025年1月）。（二）实施阶段（2025年3月至10月）。"],
     ["a phase outside the plan's year"]),
    (["各单位按月推进，及时总结。"], ["fewer than two dated phases"]),
    ([], ["no schedule section"]),
])
def test_schedule_problems(sections, problems):
    assert schedule_problems(sections, 2026) == problems


# drafts from the tiny corpus (tests/draft/draft_samples.py): cvb is a township's plan

def test_draft_without_themes_is_refused(index):
    from plantext import draft

    with pytest.raises(InputError, match="主题"):
        draft("work_plan", [], unit="和平社区", corpus=index)


def test_community_draft_takes_nothing_in_a_township_voice(make_draft):
    plan = make_draft("implementation_plan", ("security", "civility"), unit="和平社区")
    originals = [p["original"] for p in plan.meta["provenance"]]
    assert originals                                                # something was filled
    assert not [o for o in originals if re.search(r"镇财政|村级|各村|我镇|全镇", o)]
    assert not [s for s in re.split("[。\n]", plan.text) if voice_levels(s) - {"community"}]


def test_township_draft_may_speak_as_a_township(make_draft):
    plan = make_draft("implementation_plan", ("security",), unit="石门镇")
    originals = [p["original"] for p in plan.meta["provenance"]]
    assert any(re.search(r"镇财政|村级|各村", o) for o in originals)


def test_schedule_is_dated_and_ordered(make_draft):
    plan = make_draft("implementation_plan", ("civility",), unit="和平社区", year=2027)
    schedule = [plan.text[s.start:s.end] for s in plan.sections if s.role == "schedule"]
    assert schedule_problems(schedule, 2027) == []
    assert "动员部署阶段（2027年1月至2月）" in schedule[0]


def test_signature_and_date_close_the_plan(index):
    from plantext import draft

    plan = draft("work_plan", ["civility"], unit="和平社区", year=2027, corpus=index,
                 date=datetime.date(2026, 12, 7))
    assert plan.text.rstrip().split("\n")[-2:] == ["和平社区", "2026年12月7日"]


def test_summary_names_its_problems(make_draft):
    plan = make_draft("work_summary", ("civility", "security"))
    titles = [s.title for s in plan.sections]
    assert titles.index("存在的问题") == titles.index("主要工作及成效") + 1
    assert "安排如下" not in plan.text and "制定本" not in plan.text


def test_cli_without_theme_says_to_give_one(index_dir):
    from plantext.cli import main

    res = CliRunner().invoke(main, ["draft", "--unit", "和平社区", "-c", str(index_dir)])
    assert res.exit_code != 0
    assert "--theme" in res.output and "治安" in res.output


@pytest.mark.parametrize("sentence, word, fits", [
    ("修订完善镇级应急预案。", "街道", False),      # a sibling level's word within the tier
    ("所需经费纳入街道年度财政预算。", "镇", False),
    ("推进新型城镇化建设。", "街道", True),
    ("修订完善镇级应急预案。", "镇", True),
    ("召开村两委会议研究部署。", "社区", False),
    ("召开村两委会议研究部署。", "村", True),
    ("开展应急演练。", "街道", True),
])
def test_sibling_level_words(sentence, word, fits):
    tier = plan_level("X" + "X" + word)
    assert fits_level(sentence, tier, word=word) is fits


def test_a_summary_reviews_achievements_and_problems_apart(make_draft):
    from plantext.draft.fill import PROBLEM_CUE

    plan = make_draft("work_summary", ("civility", "security"))
    review = next(s for s in plan.sections if s.title == "主要工作及成效")
    for p in plan.meta["provenance"]:
        if review.start <= p["start"] < review.end:
            assert not PROBLEM_CUE.search(p["original"]), p["original"]


@pytest.mark.parametrize("doc_type, start, end", [
    ("work_summary", "2026年，和平社区围绕", "。现将有关情况总结如下。"),
    ("work_plan", "为做好", "，结合本社区实际，制定本计划。"),
])
def test_the_genres_own_opening_when_the_corpus_has_none(doc_type, start, end):
    from plantext.draft.fill import Filler
    from plantext.draft.scaffold import opening
    from plantext.draft.substitute import Adapter

    class NoCorpus(Filler):
        def __init__(self):            # no index needed: the opening is written, not retrieved
            self.adapter, self.unit_word, self.doc_type = Adapter("和平社区", 2026, doc_type), "本社区", doc_type

    pieces = opening(doc_type, ["civility"], NoCorpus())
    text = "".join(p if isinstance(p, str) else p.text for p in pieces)
    assert text.startswith(start) and text.endswith(end) and "【待补充：" in text
    assert sum(not isinstance(p, str) and p.marker for p in pieces) == 1


@pytest.mark.parametrize("sentence, word, fits", [
    ("持续改善农村人居环境。", "街道", False),      # a street office has no villages
    ("持续改善农村人居环境。", "镇", True),
    ("对无电梯老旧楼房的老人上门服务。", "村", False),
    ("对无电梯老旧楼房的老人上门服务。", "社区", True),
    ("开展垃圾分类宣传。", "村", True),
])
def test_setting_fits(sentence, word, fits):
    assert setting_fits(sentence, word) is fits


@pytest.mark.parametrize("sentence, word, fits", [
    ("根据街道普法工作安排，开展宣传。", "街道", False),   # its own tier cited as its superior
    ("根据街道党工委部署，开展宣传。", "街道", True),       # the party committee is its superior
    ("根据街道普法工作安排，开展宣传。", "社区", True),
])
def test_a_plan_does_not_cite_itself(sentence, word, fits):
    assert fits_level(sentence, plan_level("XX" + word), word=word) is fits


@pytest.mark.parametrize("sentence, year, stale", [
    ("深入学习贯彻党的十九大精神。", 2026, ["党的十九大"]),
    ("深入学习贯彻党的十九大精神。", 2021, []),
    ("巩固脱贫攻坚成果，对接十四五规划。", 2026, ["十四五", "脱贫攻坚"]),
    ("落实十五五规划部署。", 2026, []),
])
def test_out_of_date(sentence, year, stale):
    assert sorted(out_of_date(sentence, year)) == sorted(stale)


def test_an_opening_names_the_whole_subject(make_draft):
    plan = make_draft("work_plan", ("civility", "security"), unit="和平社区")
    opening = plan.text[len(plan.title):plan.sections[0].start]
    assert "精神文明与道德建设、社会治安工作" in opening
