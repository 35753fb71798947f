"""Attachments, the sign-off, table-of-contents entries and figure captions are `other`
(labels.md), whatever section the outline lets them fall in."""

from __future__ import annotations

import plantext as pt
from plantext.labels.closing import is_signoff
from plantext.labels.scores import SURE_RULE
from plantext.learn.units import plan_units

PLAN = """河岸区推进河道整治工作实施方案
为改善辖区水环境，结合本区实际，制定本方案。
一、工作目标
到年底前，辖区主要河道水质稳定达标，沿岸垃圾清理率达到百分之百。
二、保障措施
（一）加强组织领导。成立河道整治工作领导小组，统筹推进各项工作。
（二）落实经费保障。区财政每年安排专项资金，用于河道清淤和护岸建设。
{tail}"""

SIGNOFF = """河岸区人民政府办公室
河岸区水务局
2025年3月6日"""

ATTACHMENT = """附件：河道整治重点项目清单
一、清淤工程
北支河清淤约两公里，年内完工。
二、护岸工程
南支河新建生态护岸一处。"""


def _roles(plan, start_text):
    pos = plan.text.index(start_text)
    para = next(s for s in plan.segments if s.start <= pos < s.end).paragraph
    return {(s.role, s.role_from) for s in plan.segments if s.paragraph == para}


def test_signoff_after_the_last_section_is_other_not_safeguard():
    plan = pt.parse(PLAN.format(tail=SIGNOFF), model="none")
    for line in SIGNOFF.splitlines()[:2]:    # (the cleaner drops the bare date line itself)
        assert _roles(plan, line) == {("other", "rule")}, line
    assert _roles(plan, "（二）落实经费保障") == {("safeguard", "heading")}


def test_attachment_and_its_own_headings_are_other():
    plan = pt.parse(PLAN.format(tail=ATTACHMENT), model="none")
    for line in ATTACHMENT.splitlines():
        assert _roles(plan, line) == {("other", "rule")}, line
    assert _roles(plan, "区财政每年安排专项资金") == {("safeguard", "heading")}
    # the attachment's headings stay units (the models read them, with their fixed role)
    units = plan_units(plan)
    fixed = {u.text: u.fixed_role for u in units}
    assert fixed["二、护岸工程"] == "other"
    assert all(u.fixed_score >= SURE_RULE for u in units if u.text == "二、护岸工程")


def test_toc_entries_and_figure_captions_are_other():
    text = ("智慧水务建设指南\n目录\n一、总体要求……………………3\n二、主要任务………………………5\n"
            "一、总体要求\n坚持统筹规划、分步实施。\n图1 智慧水务总体框架（略）\n"
            "二、主要任务\n建设统一的水务数据平台，推进监测设备联网。\n")
    plan = pt.parse(text, model="none")
    assert _roles(plan, "一、总体要求………") == {("other", "rule")}
    assert _roles(plan, "图1 智慧水务") == {("other", "rule")}
    assert _roles(plan, "坚持统筹规划") == {("guiding", "heading")}


def test_a_plan_without_signoff_keeps_its_last_section():
    plan = pt.parse(PLAN.format(tail="（三）加强宣传引导。通过多种渠道宣传河道保护知识。"), model="none")
    assert _roles(plan, "（三）加强宣传引导") == {("safeguard", "heading")}
    # a short last item that ends in an organisation-like word is not a sign-off
    assert not is_signoff("3.建设美丽新农村")
    assert not is_signoff("（四）加强党委")
    assert is_signoff("交通运输部办公厅　２０１９年５月１４日印发")
    assert is_signoff("２０２０年１１月１８日")


def test_a_plan_sent_as_the_attachment_of_a_notice_keeps_its_roles():
    text = ("关于印发河岸区河道整治工作实施方案的通知\n各街道办事处，区直有关单位：\n"
            "现将《河岸区河道整治工作实施方案》印发给你们，请认真贯彻执行。\n附件：河岸区河道整治工作实施方案\n"
            + PLAN.format(tail=""))
    plan = pt.parse(text, model="none")
    assert _roles(plan, "（二）落实经费保障") == {("safeguard", "heading")}
    assert _roles(plan, "到年底前，辖区主要河道") == {("goal", "heading")}
