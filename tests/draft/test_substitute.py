"""Adapting retrieved phrasings: place names, self-references, years, document words."""

from __future__ import annotations

import pytest

from plantext.draft.fill import tidy
from plantext.draft.substitute import (Adapter, SourceInfo, find_names, split_names, unit_base,
                                       unit_level)


@pytest.mark.parametrize("text, names", [
    ("根据城关街道党工委年度工作安排，结合社区实际", ["城关街道"]),
    ("为建设和谐宜居的阳光社区提供保证", ["阳光社区"]),
    ("在青石街道和柳林村开展试点", ["青石街道", "柳林村"]),
    ("临河县人民政府、青山镇、河口乡、东湖区", ["临河县", "青山镇", "河口乡", "东湖区"]),
    # no names: verbs, modifiers and common words before a level word
    ("引导在职党员回社区认领岗位，争创市级文明社区，创建文明城区", []),
    ("全镇各村要结合我镇实际，推进城乡一体化，老旧小区改造", []),
    ("中心和社区联动，农村社区、行政村、示范村", []),
])
def test_find_names(text, names):
    assert [n for _, _, n in find_names(text)] == names


def test_find_names_uses_known_names():
    assert [n for _, _, n in find_names("南关街道幸福里社区", ("幸福里社区",))] == ["南关街道", "幸福里社区"]


@pytest.mark.parametrize("unit, base, level", [
    ("XX社区", "XX社区", "社区"),
    ("和平社区居民委员会", "和平社区", "社区"),
    ("中共城关街道阳光社区委员会", "阳光社区", "社区"),
    ("临河县人民政府办公室", "临河县", "县"),
    ("青石街道办事处", "青石街道", "街道"),
    ("某公司", "某公司", None),
    (None, "", None),
])
def test_unit_base_and_level(unit, base, level):
    assert unit_base(unit) == base
    assert unit_level(unit) == level


def test_split_names():
    assert split_names("城关街道阳光社区") == ["城关街道", "阳光社区"]


SRC_2023 = SourceInfo(2023, ("城关街道", "阳光社区"), "社区")
SRC_TOWN = SourceInfo(2021, ("青山镇",), "镇")


@pytest.mark.parametrize("text, source, unit, year, doc_type, expected", [
    # same level → the target unit; a senior one keeps its level word
    ("在阳光社区开展试点。", SRC_2023, "和平社区", 2025, "work_plan", "在和平社区开展试点。"),
    ("根据城关街道党工委安排。", SRC_2023, "和平社区", 2025, "work_plan", "根据街道党工委安排。"),
    ("中共城关街道阳光社区委员会。", SRC_2023, "和平社区", 2025, "work_plan", "中共和平社区委员会。"),
    # a junior name in a senior target; a name not in the gazetteer, found by its pattern
    ("在阳光社区开展试点。", SRC_2023, "青石街道", 2025, "work_plan", "在辖区社区开展试点。"),
    ("与柳林社区结对共建。", SourceInfo(), "和平社区", 2025, "work_plan", "与和平社区结对共建。"),
    # the source's own name without its level word
    ("围绕“平安阳光”创建目标。", SourceInfo(2023, ("阳光社区", "青河区"), "区"), "和平社区", 2025,
     "work_plan", "围绕“平安阳光”创建目标。"),
    # …but never inside another compound (青河文明城区 is not the target's 文明城区)
    ("让志愿服务成为青河文明城区的标识。", SourceInfo(2023, ("青河区",), "区"), "和平社区", 2025,
     "work_plan", "让志愿服务成为青河文明城区的标识。"),
    ("打造“青河先锋”品牌。", SourceInfo(2023, ("青河区",), "区"), "和平社区", 2025,
     "work_plan", "打造“和平先锋”品牌。"),
    # self-references of another level
    ("结合我镇实际，全镇覆盖。", SRC_TOWN, "和平社区", 2024, "work_plan", "结合我社区实际，全社区覆盖。"),
    ("结合街道实际。", SourceInfo(2021, (), "街道"), "和平社区", 2024, "work_plan", "结合本社区实际。"),
    # years move together: 到2025年 in a 2023 plan → target + 2
    ("到2025年，覆盖率达到90%。", SRC_2023, "和平社区", 2026, "work_plan", "到2028年，覆盖率达到90%。"),
    ("2022年，评选文明家庭35户。", SRC_2023, "和平社区", 2026, "work_plan", "2025年，评选文明家庭35户。"),
    ("2023—2025年分三步实施。", SRC_2023, "和平社区", 2024, "work_plan", "2024—2026年分三步实施。"),
    ("全年服务2300余户，投入资金42万元。", SRC_2023, "和平社区", 2026, "work_plan",
     "全年服务2300余户，投入资金42万元。"),
    # unknown source year: the earliest year becomes the target year
    ("2019年起，到2021年全覆盖。", SourceInfo(), "和平社区", 2025, "work_plan", "2025年起，到2027年全覆盖。"),
    # the document's word for itself
    ("结合实际，制定本方案。", SRC_2023, "和平社区", 2025, "work_plan", "结合实际，制定本计划。"),
    ("制定本计划。", SRC_2023, "和平社区", 2025, "implementation_plan", "制定本方案。"),
    ("制定本实施方案。", SRC_2023, "和平社区", 2025, "work_points", "制定本要点。"),
    ("落实本方案要求。", SRC_2023, "和平社区", 2025, "work_summary", "落实本方案要求。"),
])
def test_adapter(text, source, unit, year, doc_type, expected):
    assert Adapter(unit, year, doc_type).adapt(text, source) == expected


@pytest.mark.parametrize("text, expected", [
    ("让志愿服务成为青河文明城区的标识。", ["青河"]),       # the source's place, left in a compound
    ("打造“青河先锋”品牌。", []),                          # a quoted brand is adapted
    ("在和平社区开展试点。", []),
])
def test_foreign_stems(text, expected):
    source = SourceInfo(2023, ("青河区",), "区")
    adapter = Adapter("和平社区", 2025, "work_plan")
    assert adapter.foreign_stems(adapter.adapt(text, source), source) == expected


def test_adapter_without_target_unit():
    adapter = Adapter(None, 2025, "work_plan")
    assert adapter.adapt("在阳光社区开展试点，根据城关街道安排。", SRC_2023) == "在本社区开展试点，根据街道安排。"


@pytest.mark.parametrize("raw, expected", [
    ("一是加强组织领导；", "加强组织领导。"),
    ("（三）组织志愿者开展文明劝导，", "组织志愿者开展文明劝导。"),
    ("首先，深化安全生产治本攻坚", "深化安全生产治本攻坚。"),
    ("同时也要看到不足。", "同时也要看到不足。"),
    ("争创街道“五星级党组织”", "争创街道“五星级党组织”。"),
    ("确保学习不落一人。”", "确保学习不落一人。”"),
    ("开展活动！", "开展活动！"),
])
def test_tidy(raw, expected):
    assert tidy(raw) == expected
