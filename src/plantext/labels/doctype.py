"""Detecting a plan's document type (labels.md codes) from its title and text."""

from __future__ import annotations

import re

from .profiles import DOC_TYPES

__all__ = ["DOC_TYPES", "detect_doc_type"]

# checked in order: the first pattern that matches the title decides
_TITLE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("gov_work_report", re.compile(r"政府工作报告")),
    ("work_points", re.compile(r"工作要点|要点$")),
    ("work_summary", re.compile(r"总结|工作报告$|述职")),
    ("implementation_plan", re.compile(r"实施方案|行动方案|工作方案|行动计划|实施意见|实施细则|方案$|三年行动|专项行动")),
    ("opinion", re.compile(r"指导意见|意见$")),
    ("work_plan", re.compile(r"计划|工作安排|工作打算|工作思路|规划")),
]
_BODY_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("gov_work_report", re.compile(r"向大会报告|我代表[^。，]{0,12}(?:政府|行署)[^。]{0,6}作工作报告")),
    ("implementation_plan", re.compile(r"(制定|特制定|现制定)本(实施)?方案|本行动计划|本方案")),
    # "…编制了2019年标准化工作要点。主要内容如下": the plan names itself in its opening
    ("work_points", re.compile(r"工作要点如下|本要点|(?:编制|制定|印发)了?[^。《》]{0,40}工作要点|现将[^。《》]{0,40}工作要点")),
    ("work_summary", re.compile(r"(工作)?总结如下|现将.{0,20}总结|下一步工作打算|存在的(主要)?问题")),
    ("work_plan", re.compile(r"(制定|特制定)本?(年度)?(工作)?计划|工作计划如下|本计划")),
    ("opinion", re.compile(r"提出如下意见|现提出以下意见")),
]

# addressed to the deputies of a people's congress, anywhere in the text (柳州: "各位代表" only
# past the opening); "各位代表委员" inside a sentence is no address
_TO_CONGRESS = re.compile(r"各位代表(?=[，,：:！!\s]|$)|请予审议")

# a plan that opens with "制定本计划" and later calls itself 本行动计划/本实施方案 is an action plan
_SELF_ACTION_PLAN = re.compile(r"本(行动计划|实施方案|工作方案)")


def detect_doc_type(title: str | None, text: str) -> str:
    """The document type code for a plan with this title and text."""
    if title:
        for code, pattern in _TITLE_RULES:
            if pattern.search(title):
                return code
    if _TO_CONGRESS.search(text):
        return "gov_work_report"
    head = text[:3000]
    for code, pattern in _BODY_RULES:
        if pattern.search(head):
            if code == "work_plan" and _SELF_ACTION_PLAN.search(text):
                return "implementation_plan"
            return code
    return "other"
