"""Hard-wrapped paragraphs (PDF extracts) are judged as one paragraph by the models."""

from __future__ import annotations

import pytest

from plantext.learn.units import Unit, continuation_groups, merge_labels, merge_wrapped


def _units(*lines: str, kinds: str | None = None) -> list[Unit]:
    kinds = kinds or "b" * len(lines)
    return [Unit(para=i, start=0, end=len(t), text=t, kind="heading" if k == "h" else "body",
                 headings=[]) for i, (t, k) in enumerate(zip(lines, kinds))]


@pytest.mark.parametrize("lines, kinds, groups", [
    # a sentence broken over three lines, then a new paragraph
    (["到2025年底，标准规范体系更加", "健全，改造规模有效扩大，服务", "体验显著提升。", "推动通用设计。"], None, [0, 0, 0, 3]),
    # every line ends a sentence: nothing to join
    (["加强组织领导。", "落实经费保障；", "强化督促检查："], None, [0, 1, 2]),
    # an item marker starts a new paragraph even after an unfinished line
    (["主要任务包括", "（一）开展宣传", "1.组织培训", "——完善机制", "一是加强协调"], None, [0, 1, 2, 3, 4]),
    # a heading never joins, and nothing joins a heading
    (["工作目标", "到年底，社区居家养老服务覆盖率达到", "百分之九十以上。"], "hbb", [0, 1, 1]),
])
def test_continuation_groups(lines, kinds, groups):
    assert continuation_groups(_units(*lines, kinds=kinds)) == groups


def test_merge_joins_text_and_maps_back():
    units = _units("到2025年底，标准规范体系更加", "健全。", "推动通用设计。")
    merged, where = merge_wrapped(units)
    assert [u.text for u in merged] == ["到2025年底，标准规范体系更加健全。", "推动通用设计。"]
    assert where == [0, 0, 1]
    assert merge_labels([None, "goal", "measure"], where, len(merged)) == ["goal", "measure"]


def test_merging_is_idempotent():
    """Merged paragraphs are longer than the lines they came from; a second merge must not
    take their width as the new wrapping width and join paragraphs (the trf role model
    merges its training documents and then fits its sm part, which merges again)."""
    from plantext.learn.units import UnitList, merge_docs

    lines = ["到2025年底，标准规范体系更加", "健全，改造规模有效扩大，服务", "体验显著提升，产业生态更加成",
             "熟，格局基本形成，群众获得感明", "显增强", "完善社区养老服务网络，推动居家养老上门服务覆盖全部小区",
             "健全助餐点运营补贴机制，提升老年食堂服务质量和可及性，方便"]
    units = UnitList(_units(*lines))
    merged, where = merge_wrapped(units)
    assert len(merged) < len(units)
    again, where2 = merge_wrapped(merged)
    assert again is merged and where2 == list(range(len(merged)))
    docs, labels = merge_docs([units], [["goal"] * len(units)])
    docs2, labels2 = merge_docs(docs, labels)
    assert [u.text for u in docs2[0]] == [u.text for u in docs[0]] and labels2 == labels


def test_unwrapped_units_come_back_unchanged():
    units = _units("加强组织领导。", "落实经费保障。")
    merged, where = merge_wrapped(units)
    assert merged is units and where == [0, 1]


def test_the_lines_of_a_wrapped_paragraph_share_one_role():
    import plantext as pt

    text = ("社区养老服务工作方案\n"
            "为提升养老服务水平，制定本方案。\n"
            "到2025年底，社区居家养老服务覆盖率达到百分之九十以\n"
            "上，助餐点实现全覆盖，老年人满意度明显\n"
            "提升。\n"
            "开展助餐助洁服务，组织志愿者定期走访独居老人。\n")
    plan = pt.parse(text, model="sm")
    wrapped = [(s.role, tuple(s.themes)) for s in plan.segments
               if s.text.startswith(("到2025", "上，助餐", "提升。"))]
    assert len(wrapped) == 3 and len(set(wrapped)) == 1
    assert wrapped[0] == ("goal", ("elderly",))


WRAPPED = ["到2025年底，标准规范体系更加", "健全，改造规模有效扩大，服务", "体验显著提升，产业生态更加成", "熟，格局基本形成。"]


@pytest.mark.parametrize("lines, groups", [
    # a document of full paragraphs: the issuing office and the title do not swallow the next line
    (["水利部办公厅", "2022年推进智慧水利建设水资源管理工作要点",
      "2022年水资源管理工作要全面落实有关部署，按照需求牵引、应用至上的总体要求，统筹推进各项工作。",
      "利用用水统计直报系统，按季度统计大中型灌区、重点公共供水企业和重点工业企业的取用水量。"],
     [0, 1, 2, 3]),
    # a title as wide as the wrapped lines still stands alone
    (["社区养老服务三年行动实施方案", *WRAPPED], [0, 1, 1, 1, 1]),
    # short lines (a unit, a date) never continue, even in a wrapped document
    ([*WRAPPED, "阳光社区", "2024年3月"], [0, 0, 0, 0, 4, 5]),
])
def test_only_full_width_lines_continue(lines, groups):
    assert continuation_groups(_units(*lines)) == groups
