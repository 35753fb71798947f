"""Cues for the role of passages that no heading and no model has labelled.

The audit asks only "is this role's content in the plan?". When a plan was
labelled by headings alone (no trained model, or a flat plan), these cues
read the function of an undecided passage from its wording. They are never
applied to a segment whose role a heading or a model has decided.
"""

from __future__ import annotations

import re

from ..document import Plan, Segment

_VERB = (r"(一是|二是|三是|首先|其次|加强|开展|推进|深化|完善|建立|健全|落实|做好|抓好|实施|强化|提升|"
         r"积极|大力|扎实|持续|着力|组织|推动|培育|丰富|规范|优化|加快|全面|进一步|深入|继续|切实|"
         r"依托|发挥|围绕|打造|创建|构建|探索|引导|鼓励|支持|推广|加大|严格|坚决|筑牢|织密|做实|"
         r"做优|做强|抓实|深入开展|广泛开展|着力推进|不断)")

HEADING_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("guiding", re.compile(r"指导思想|总体(思路|要求|目标和思路)|基本原则|工作思路|工作原则")),
    ("goal", re.compile(r"目标|目的")),
    ("schedule", re.compile(r"(实施|时间|进度|阶段|工作)?(步骤|进度|阶段安排|时间安排|实施安排|时间节点)")),
    ("assessment", re.compile(r"考核|评比|督查|督导|验收|奖惩|考评|评估")),
    # 保障 names the safeguard part only as a kind of support (组织保障, 经费保障, 保障措施);
    # 民生保障, 社会保障, 住房保障 are themes of the tasks
    ("safeguard", re.compile(r"^保障$|分工$|保障(措施|机制)|(组织|制度|经费|资金|财力|财政|政策|人才|队伍|要素|工作|实施|"
                             r"后勤|安全|活动|演练|物资|服务|条件|纪律|作风|机制|监督)保障|组织领导|领导小组|经费")),
    ("requirement", re.compile(r"要求$")),
    ("measure", re.compile(r"(措施|内容|任务|举措|重点|做法|工作|项目|行动)$|^" + _VERB)),
]
#: formulaic openings that name a role wherever they stand (gold annotators follow them
#: even under another heading: 今年政府工作的总体要求是：…)
STRONG_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("guiding", re.compile(r"^[^，。；]{0,24}(总体要求|指导思想|总体思路|工作思路)(是|为)[:：]|"
                           r"^(做好|完成)[^，。；]{0,16}工作[，,](要|必须)[^。；]{0,30}以[^，。；]{2,30}为指导")),
    ("goal", re.compile(r"(预期目标|主要目标|工作目标|总体目标|发展目标)(是|为)[:：]|"
                        r"(实现|完成|达到)[一二三四五六七八九十两]个目标[:：]|"
                        # a dated outcome opening the sentence (到2027年，…取得明显成效): the goal
                        # written inside 总体要求
                        r"^(力争|争取)?到(20\d\d年|今年|明年|本年|年)(底|末)?[，,][^。；]{0,60}"
                        r"(取得|实现|达到|超过|不低于|不少于|明显|显著|基本形成|全面建成)")),
]

TEXT_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("guiding", re.compile(r"以.{2,40}为(指导|统领)|(总体思路|总体要求|指导思想|工作思路)(是|为)|"
                           r"坚持.{0,20}的(原则|方针)")),
    ("goal", re.compile(r"(主要|工作|总体|预期|发展|创建|年度)?目标(是|为|任务是)|(通过|经过).{1,8}(努力|建设)，|"
                        r"^(力争|争取)?到20\d\d年(底|末)?[，,]|^力争")),
    ("schedule", re.compile(r"第[一二三四五]阶段|分[两二三四五]个阶段|([一二三四五六七八九十]{1,2}|\d{1,2})月"
                            r"\s*(—|-|－|～|~|至|到)\s*([一二三四五六七八九十]{1,2}|\d{1,2})月")),
    ("safeguard", re.compile(r"(成立|调整|健全).{0,20}(领导小组|工作小组|工作专班)|由.{2,12}任组长|"
                             r"第一责任人|经费(保障|从|由|列入|列支)|纳入.{0,10}预算|资金保障|"
                             r"加强(组织)?领导[，。]")),
    ("assessment", re.compile(r"纳入.{0,15}(考核|考评)|考核(评比|结果|办法)|检查验收|满意度(调查|测评)|"
                              r"(年底|年终).{0,6}(考核|评比|总结表彰)")),
    ("requirement", re.compile(r"^各[^，。]{1,12}(要|必须|务必)")),
    ("measure", re.compile("^" + _VERB)),
]
_PREAMBLE = re.compile(r"为|根据|按照|结合|现将|特制定|制定本|如下|总结|以来")


#: what an opening paragraph says about the plan's frame, whatever the model made of it
OPENING_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("guiding", re.compile(r"以.{2,40}为(指导|统领|引领|遵循|主线)|(总体思路|总体要求|指导思想|工作思路|总体打算|总体安排)(是|为)|"
                           r"坚持.{0,20}的(原则|方针)|按照.{0,30}的(总体要求|思路|原则)")),
    ("goal", re.compile(TEXT_CUES[1][1].pattern + r"|(力争|争取|确保)[^。；]{0,40}(突破|达到|超过|实现|增长|提高到|建成|不低于|不少于)")),
    # the year's setting: 2024年是……关键一年 / 是……之年
    ("preamble", re.compile(r"(20\d\d|今|明)年是.{0,40}(之年|一年)|为(了)?(进一步|深入|全面|切实|认真|更好|加快|推动|"
                            r"确保|做好|贯彻|落实|丰富|营造|弘扬|提高|提升|加强)|根据.{0,40}(要求|精神|部署|规定)|"
                            r"(制定|制订)(本|此|以下|如下)|(方案|计划|要点)如下")),
    ("review", re.compile(r"(今年|本年|去年|上年|一年|半年|年初)以来|过去的一年|回顾.{0,10}(工作|一年)")),
]


def opening_roles(text: str) -> list[str]:
    """Every frame role an opening paragraph's sentence states (guiding, goal, preamble, review):
    今年的总体打算是：以……为重点，力争……突破30万元 states both guiding and goal."""
    text = text.strip()
    return [role for role, rx in OPENING_CUES if rx.search(text)]


def cue_role(seg: Segment, plan: Plan, first_heading: int) -> str | None:
    """The role an undecided segment's wording signals, or None."""
    text = seg.text.strip()
    if seg.kind == "heading":
        title = seg.section.title if seg.section is not None else text
        return _first(HEADING_CUES, title)
    if seg.start < first_heading and seg.paragraph <= 3 and _PREAMBLE.search(text):
        return "preamble"
    return _first(TEXT_CUES, text)


TITLE_ROLES = ("guiding", "goal", "schedule", "safeguard", "assessment")


def title_roles(title: str) -> list[str]:
    """Every role a top-level title names (工作思路和主要目标 → guiding, goal)."""
    return [role for role, rx in HEADING_CUES if role in TITLE_ROLES and rx.search(title)]


def strong_role(seg: Segment) -> str | None:
    """The role a formulaic opening names, wherever the segment stands."""
    return None if seg.kind == "heading" else _first(STRONG_CUES, seg.text.strip())


def _first(cues: list[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    for role, rx in cues:
        if rx.search(text):
            return role
    return None


def undecided(seg: Segment) -> bool:
    """True for a segment no heading, rule or model has given a role."""
    return seg.role == "other" and seg.role_from in ("none", "")
