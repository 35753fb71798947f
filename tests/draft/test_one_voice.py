"""Drafts read as one plan: runs from one source plan, no restatements, no context-bound
phrases, report goals that agree with the review, and a tier-filtered pool (issue 24)."""

from __future__ import annotations

import numpy as np
import pytest

from plantext.draft.context import context_bound
from plantext.draft.fill import Filler, repeats
from plantext.draft.grid_eval import content_sentences, figure_problems, plans_per_section
from plantext.draft.pool import merge, tier_index
from plantext.draft.report_figures import conflicts, fix_goal, indicators
from plantext.draft.substitute import Adapter
from plantext.suggest.entries import Entry
from plantext.suggest.index import Index


@pytest.mark.parametrize("sentence, themes, year, bound", [
    ("将确诊患者全部纳入家庭医生签约服务。", ["health"], 2026, "case"),     # which disease?
    ("将确诊的高血压患者全部纳入家庭医生签约服务。", ["health"], 2026, None),
    ("做好疫情防控和环境消杀工作。", ["environment"], 2026, "epidemic"),
    ("做好传染病疫情报告和处置工作。", ["health"], 2026, None),
    ("组织居民有序参加核酸检测。", ["health"], 2026, "covid"),
    ("组织居民有序参加核酸检测。", ["health"], 2021, None),
    ("举办社区第四届趣味运动会。", ["culture"], 2026, "edition"),
    ("开展“文化志愿者基层行”活动。", ["culture"], 2026, "campaign"),
    ("开展文化志愿服务进小区活动。", ["culture"], 2026, None),
    ("为居家老人重点提供以下三类服务。", ["elderly"], 2026, "pointer"),
    ("超出补助标准的部分，由家庭自愿承担。", ["elderly"], 2026, "pointer"),
    ("为60岁以下的困难居民办理就业登记。", ["employment"], 2026, None),
    ("建成县第二实验幼儿园和城南学校二期工程。", ["education"], 2026, "named"),
])
def test_context_bound(sentence, themes, year, bound):
    found = context_bound(sentence, themes, year)
    if bound is None:
        assert found == []
    else:
        assert any(f.startswith(bound) for f in found), found


def test_report_goal_below_the_review_becomes_a_marker():
    review = indicators("新签约亿元以上项目43个，竣工投产28个。新增高新技术企业37家。")
    goal = "新开工项目8个，竣工投产项目5个，新增高新技术企业40家。"
    bad = conflicts(goal, review)
    assert [(g.label, r.label) for g, r in bad] == [("竣工投产项目", "竣工投产")]
    assert fix_goal(goal, review) == "新开工项目8个，竣工投产项目【待补充：数量】个，新增高新技术企业40家。"
    # another unit for the same indicator is a contradiction too; a higher goal stands
    assert conflicts("高新技术企业达到40个。", review)
    assert not conflicts("竣工投产项目30个。", review)


def test_grid_figure_check_reads_the_review_and_goal_sections():
    text = ("桃源县2026年工作报告\n一、工作回顾\n竣工投产项目28个。\n二、主要预期目标\n"
            "竣工投产项目5个。\n三、重点工作\n竣工投产项目3个。\n桃源县\n2026年12月7日")
    assert figure_problems(text) == ["竣工投产项目 5个 < 竣工投产项目 28个"]


def test_repeats_needs_meaning_and_shared_words():
    assert repeats(0.0, 0.5)                 # nearly the same words
    assert repeats(0.95, 0.2)                # the same meaning, partly the same words
    assert not repeats(0.95, 0.02)           # one subject, other words: not a restatement
    assert not repeats(0.90, 0.3)


def _index(docs: dict[str, tuple[str, list[tuple[str, str, list[float]]]]]) -> Index:
    """A real index over hand-written entries: {doc: (level, [(role, text, vector)])}."""
    entries, vectors = [], []
    for doc, (level, rows) in docs.items():
        for role, text, vec in rows:
            entries.append(Entry(text, role, ["security"], doc, "", "work_plan", level=level))
            v = np.asarray(vec, dtype=np.float32)
            vectors.append(v / np.linalg.norm(v))
    return Index.from_entries(entries, dense=np.stack(vectors), meta={"encoder": "test"})


ONE = [1.0, 0.0, 0.0, 0.0]


def test_a_section_is_a_run_from_one_source_plan():
    index = _index({
        "a": ("社区", [("measure", "组织网格员逐户走访出租房屋，登记实际居住人员信息。", ONE),
                      ("measure", "联合社区民警开展夜间巡逻，重点巡查背街小巷和老旧小区。", [0, 1, 0, 0]),
                      ("measure", "在小区出入口安装视频监控，接入社区综治中心统一管理。", [0, 0, 1, 0])]),
        "b": ("社区", [("measure", "组建平安志愿者巡逻队，在重点时段开展治安巡防工作。", [0, 0, 0, 1])]),
        "c": ("社区", [("measure", "每月召开一次平安建设例会，分析研判辖区治安形势变化。", [1, 1, 0, 0])]),
    })
    filler = Filler(Adapter("青松社区", 2026, "work_plan"), corpus=index, tier="community",
                    themes=["security"])
    got = filler.pick_run("measure", ["security"], 3, numbered=True)
    assert [f.source.split("#")[0] for f in got] == ["a", "a", "a"]
    assert [f.original for f in got] == [e.text for e in index.entries[:3]]


def test_a_restatement_is_not_used_twice():
    same = [1.0, 0.05, 0.0, 0.0]
    index = _index({
        "a": ("社区", [("measure", "压实安全生产责任，开展燃气、消防、道路交通等领域专项整治。", ONE),
                      ("measure", "深化安全生产治本攻坚，聚焦燃气、消防、交通、自建房等领域排查整治。", same),
                      ("measure", "组织居民开展应急疏散演练，普及火灾逃生和自救互救知识。", [0, 0, 1, 0])]),
    })
    filler = Filler(Adapter("青松社区", 2026, "work_plan"), corpus=index, tier="community",
                    themes=["security"])
    got = [f.original for f in filler.pick_run("measure", ["security"], 3)]
    assert got == [index.entries[0].text, index.entries[2].text]


def test_tier_index_keeps_the_tier_and_its_vectors():
    index = _index({"a": ("社区", [("measure", "组织网格员逐户走访出租房屋，登记实际居住人员信息。", ONE)]),
                    "b": ("镇", [("measure", "镇综治中心每月调度各村治安形势，研判重点问题。", [0, 1, 0, 0])]),
                    "c": ("县", [("measure", "全县统一开展出租房屋专项整治，落实房东治安责任。", [0, 0, 1, 0])])})
    assert tier_index(index, "street") is None               # too few entries to stand alone
    import plantext.draft.pool as pool

    old = pool.MIN_TIER_ENTRIES
    pool.MIN_TIER_ENTRIES = 1
    try:
        street = tier_index(Index(index.entries, index.bm25, index.dense, dict(index.meta)), "street")
    finally:
        pool.MIN_TIER_ENTRIES = old
    assert [e.doc_id for e in street.entries] == ["b"]
    assert np.allclose(street.dense[0], index.dense[1])


def test_merge_keeps_every_folder_and_vector(tmp_path):
    a = _index({"a": ("社区", [("measure", "组织网格员逐户走访出租房屋，登记实际居住人员信息。", ONE)])})
    b = _index({"b": ("镇", [("measure", "镇综治中心每月调度各村治安形势，研判重点问题。", [0, 1, 0, 0])])})
    merged = merge([a, b], [str(tmp_path / "x"), str(tmp_path / "y")])
    assert len(merged) == 2 and merged.dense.shape == (2, 4)
    assert merged.meta["folders"] == [str(tmp_path / "x"), str(tmp_path / "y")]


def test_content_sentences_and_plans_per_section():
    text = ("青松社区2026年工作计划\n为做好工作，根据【待补充：上级有关文件】，制定本计划。\n一、主要任务\n"
            "（一）社会治安\n1.组织网格员逐户走访出租房屋。\n2.联合社区民警开展夜间巡逻。\n"
            "二、实施步骤\n（一）动员部署阶段（2026年1月至2月）：制定本计划，召开动员部署会。\n"
            "青松社区\n2026年12月7日")
    assert content_sentences(text) == ["组织网格员逐户走访出租房屋。", "联合社区民警开展夜间巡逻。"]
    a, b = text.index("组织"), text.index("联合")
    row = {"text": text, "provenance": [{"start": a, "source": "x#1"}, {"start": b, "source": "y#2"}]}
    assert plans_per_section(row) == [2]
