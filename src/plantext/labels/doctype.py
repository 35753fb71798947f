"""Detecting a plan's document type (labels.md codes) from its title and text.

The title decides when it names a genre. Without one (text that starts with its
preamble, a copied page), the plan's opening says what it is (制定本方案 / 本计划 /
本实施意见 / 本要点), else its top-level headings do (活动主题, 活动时间, 活动地点,
参加人员 are an activity plan's; 工作回顾 … 下一步打算 a summary's). What stays
unknown is ``other``, which the audit checks against a generic plan profile.
"""

from __future__ import annotations

import re

from .profiles import DOC_TYPES

__all__ = ["DOC_TYPES", "detect_doc_type"]

# checked in order: the first pattern that matches the title decides
_TITLE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("gov_work_report", re.compile(r"政府工作报告")),
    # a list of the year's tasks (重点工作清单, 任务清单) is a 工作要点 in another form
    ("work_points", re.compile(r"工作要点|要点$|(?:工作|任务|项目)清单$")),
    # 上半年工作开展情况和下半年工作打算, 工作完成情况汇报: what was done, reported
    ("work_summary", re.compile(r"总结|工作报告$|述职|(?:工作|开展|完成|进展|落实|执行)情况")),
    # one event or campaign: 重阳节敬老活动方案, 学雷锋志愿服务月活动计划
    ("activity_plan", re.compile(r"活动的?(?:实施|工作|策划)?(?:方案|计划|安排)|策划(?:方案|书)$|演练(?:实施|工作)?(?:方案|计划)")),
    ("implementation_plan", re.compile(r"实施方案|行动方案|工作方案|行动计划|实施意见|实施细则|方案$|三年行动|专项行动")),
    ("opinion", re.compile(r"指导意见|意见$")),
    ("work_plan", re.compile(r"计划|工作安排|工作打算|工作思路|规划")),
]
_BODY_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("gov_work_report", re.compile(r"向大会报告|我代表[^。，]{0,12}(?:政府|行署)[^。]{0,6}作工作报告")),
    ("activity_plan", re.compile(r"(?:制定|制订|拟定)(?:本|此|以下|如下)?[^。，；]{0,12}活动(?:实施)?(?:方案|计划)"
                                 r"|本活动(?:方案|计划)|活动方案如下|活动安排如下")),
    # 制定本实施方案, and the plan naming itself with its own words in between: 特制定本镇2024年
    # 防汛工作方案, 现制定社区养老服务实施方案如下 (制定了…方案 is work done, a summary's)
    ("implementation_plan", re.compile(r"(?:制定|制订|拟定)(?:本|此|以下|如下)(?:实施|工作|行动)?方案|本行动计划|本方案"
                                       r"|(?:特|现|特此)(?:制定|制订|拟定)[^。，；了]{0,24}?方案"
                                       r"|(?:制定|制订|拟定)本[^。，；了]{0,24}?方案"
                                       r"|(?:制定|制订)本?实施意见|本实施意见")),
    ("opinion", re.compile(r"(?:制定|制订|提出)本意见|本意见")),
    # "…编制了2019年标准化工作要点。主要内容如下": the plan names itself in its opening
    ("work_points", re.compile(r"工作要点如下|本要点|(?:编制|制定|印发)了?[^。《》]{0,40}工作要点|现将[^。《》]{0,40}工作要点"
                               r"|现将《[^》]{0,60}(?:工作要点|工作清单|任务清单|项目清单)》")),
    ("work_summary", re.compile(r"(工作)?总结如下|现将.{0,20}总结|下一步工作打算|存在的(主要)?问题"
                                r"|现将[^。]{0,20}(?:情况|工作)(?:汇报|报告)如下")),
    ("work_plan", re.compile(r"(制定|特制定|制订)(本|此|以下|如下)?(年度)?(工作)?计划|工作计划如下|本计划"
                             r"|(?:特|现)(?:制定|制订)[^。，；了]{0,24}?计划|(?:制定|制订)本[^。，；了]{0,24}?计划")),
    ("opinion", re.compile(r"提出如下意见|现提出以下意见")),
]

# addressed to the deputies of a people's congress, anywhere in the text (柳州: "各位代表" only
# past the opening); "各位代表委员" inside a sentence is no address
_TO_CONGRESS = re.compile(r"各位代表(?=[，,：:！!\s]|$)|请予审议")

# a plan that opens with "制定本计划" and later calls itself 本行动计划/本实施方案 is an action plan
_SELF_ACTION_PLAN = re.compile(r"本(行动计划|实施方案|工作方案)")


# headings that only an activity plan writes (an event's particulars and programme)
_ACTIVITY_HEADING = re.compile(r"^(?:活动(?:主题|目的|时间|地点|对象|内容|形式|流程|安排|要求|准备)|参加(?:人员|对象)"
                               r"|参与(?:人员|对象)|主办单位|承办单位)")
# a summary's headings: what was done and achieved, and what comes next
_REVIEW_HEADING = re.compile(r"(?:主要做法|工作成效|主要成效|取得的成[绩效]|工作回顾|存在的?(?:主要)?问题|不足)")
_NEXT_HEADING = re.compile(r"^(?:下一?步|今后|明年|下阶段|下一阶段).{0,6}(?:打算|计划|工作|思路)")
_HEAD_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}\s*[、.．])\s*")


def detect_doc_type(title: str | None, text: str, headings: tuple[str, ...] | list[str] = ()) -> str:
    """The document type code for a plan with this title, text and (top-level) headings."""
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
    found = _from_headings([_HEAD_MARK.sub("", h).strip() for h in headings])
    if found:
        return found
    lead = _LEAD.match(text.lstrip())     # a title run into the text: …工作总结报告一、工作背景…
    if lead and "了" not in lead.group():     # 年初制定了防汛工作方案 is a sentence, not a title
        for code, pattern in _TITLE_RULES:
            if pattern.search(lead.group()):
                return code
    return "other"


_LEAD = re.compile(r"[^，。；：,.;:\n]{4,40}")


def _from_headings(heads: list[str]) -> str | None:
    """activity_plan or work_summary from what the headings name, else None."""
    if sum(bool(_ACTIVITY_HEADING.match(h)) for h in heads) >= 2:
        return "activity_plan"
    if any(_REVIEW_HEADING.search(h) for h in heads) and any(_NEXT_HEADING.match(h) for h in heads):
        return "work_summary"
    return None
