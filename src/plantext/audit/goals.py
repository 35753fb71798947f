"""Goals and measures: measurable indicators, time frames, owners and deadlines.

``extract_indicators`` finds what makes a goal checkable: numbers and
percentages with a unit, counts, deadlines (到2025年, 年底前), and target
phrases (不发生…, 实现…全覆盖, 达到…). A goal section with no measurable
indicator, or with no time frame where the plan states none either, is a
``vague-goal``; a measure section where no segment names who acts or by
when gets ``no-owner`` / ``no-deadline`` (info).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Finding, Plan, Section, Segment

_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"
INDICATORS: list[tuple[str, re.Pattern[str]]] = [
    ("percent", re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十百]+")),
    ("quantity", re.compile(_NUM + r"\s*(?:万|亿)?(?:个|家|户|人次|人|名|项|件|场|次|期|支|所|处|座|条|台|套|批|"
                            r"元|吨|亩|公里|千米|米|平方米|张|类|篇|期|小时|分钟|天|周|倍|万元|亿元)")),
    ("deadline", re.compile(r"(?:到|至|在)?20\d{2}\s*年(?:底|末|前|内)?|(?:年底|年末|年内|月底|季度末|上半年|下半年)"
                            r"(?:前|之前)?|\d{1,2}\s*月(?:底|份|中旬|下旬|上旬)?(?:前|之前)|"
                            r"(?:今年|明年|全年|本年度|年度内|三年内|两年内|五年内)")),
    ("zero", re.compile(r"(?:不发生|无|杜绝|零)[^，。；]{0,12}(?:事故|案件|事件|上访|火灾|发生)")),
    ("coverage", re.compile(r"(?:实现|达到)[^，。；]{0,12}全覆盖|全覆盖|应[^，。；]{1,2}尽[^，。；]{1,2}")),
    ("target", re.compile(r"(?:达到|不低于|不少于|超过|控制在|保持在|提高到|增长|下降|提升至|以上|以下)")),
    ("rank", re.compile(r"(?:争创|创建|建成|获评|通过)[^，。；]{0,10}(?:级|示范|先进|文明|达标|验收)")),
]
_MEASURABLE = {"percent", "quantity", "zero", "coverage", "rank"}
_TIME = {"deadline"}
OWNER = re.compile(r"牵头|负责|责任单位|责任部门|责任人|主责|配合单位|协办|各(社区|村|居|部门|单位|街道|乡镇|"
                   r"科室|网格|楼栋)|[居村]委会|居民委员会|党(支部|总支|委|工委|组织)|办事处|人民政府|领导小组|"
                   r"工作专班|网格员|楼栋长|派出所|(局|办|所|站|中心|委员会)(负责|牵头|要|将)|民政|团委|妇联")
DEADLINE = INDICATORS[2][1]
_PLAN_TIME = re.compile(r"20\d{2}|年度|今年|明年|\d{4}[-—–至]\d{4}|[一二三两五十]年(行动|规划|计划)")


@dataclass(frozen=True)
class Indicator:
    """One measurable element of a goal: ``text[start:end]`` of a kind."""

    kind: str
    text: str
    start: int
    end: int


def extract_indicators(text: str, offset: int = 0) -> list[Indicator]:
    """The indicators in ``text`` (offsets shifted by ``offset``)."""
    out = []
    for kind, rx in INDICATORS:
        for m in rx.finditer(text):
            if m.end() > m.start():
                out.append(Indicator(kind, m.group(), offset + m.start(), offset + m.end()))
    return sorted(out, key=lambda i: i.start)


def goal_findings(plan: Plan) -> list[Finding]:
    """``vague-goal`` findings, one per goal unit lacking indicators or a time frame."""
    plan_time = bool(_PLAN_TIME.search(plan.title or "") or _PLAN_TIME.search(plan.text[:300]))
    out = []
    for start, end, segs in _goal_units(plan):
        inds = [i for s in segs for i in extract_indicators(s.text, s.start)]
        kinds = {i.kind for i in inds}
        data = {"indicators": [i.text for i in inds]}
        if not kinds & _MEASURABLE:
            out.append(Finding("vague-goal", "warning",
                               "目标缺少可衡量的指标：建议写明数量、比例或要达到的标准"
                               "（如“覆盖率达到90%以上”“不发生重大安全事故”）。", start, end,
                               role="goal", data=data))
        elif not kinds & _TIME and not plan_time:
            out.append(Finding("vague-goal", "warning",
                               "目标没有时间要求：建议写明完成时限（如“到2025年底”“年内”）。",
                               start, end, role="goal", data=data))
    return out


def _goal_units(plan: Plan) -> list[tuple[int, int, list[Segment]]]:
    """Goal sections (deepest titled ones), else runs of goal segments."""
    units = []
    for sec in plan.walk():
        if sec.role == "goal" and not any(c.role == "goal" for c in sec.children):
            segs = [s for s in plan.segments_in(sec) if s.kind != "heading"]
            if segs:
                units.append((sec.start, sec.end, segs))
    if units:
        return units
    segs = [s for s in plan.segments if s.role == "goal" and s.kind != "heading"]
    return [(segs[0].start, segs[-1].end, segs)] if segs else []


#: a field line: who takes part, where, when; never a task
FIELD = re.compile(r"(?:地点|地址|场地|人员|对象|范围|时间|日期|单位|主题|口号|联系人|联系方式)$|^(?:主办|承办|协办|参加|参与)")
OWNER_MORE = re.compile(r"(?<![理自经缘来])由(?!于|此|来|衷)[^，。；：]{2,20}|"
                        r"(?:负责人|联系人|责任人|牵头人)[:：]|(?:工作|专项|领导|筹备|活动)小组|专人|(?:干部|工作人员|社工|志愿者|党员|民警|医生|网格长|楼长|"
                        r"书记|主任)(?:分组|负责|带队|上门|入户|组成|定期|轮流|包片|结对)|[^，。；]{2,10}(?:牵头|主抓|分管)")
DEADLINE_MORE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|"
                           r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月份?(?:起|开始|至|到|—|-|－|～)|"
                           r"(?:每|逐)(?:月|周|季度?|年|半年|天|日)|常态化|长期|全年|即日起|定期|节日期间|"
                           r"(?:春节|元宵|清明|端午|中秋|国庆|重阳|元旦)(?:前|期间|前后)")
#: a time of day (9:00, 14：30): an event's programme
CLOCK = re.compile(r"(?<!\d)[0-2]?\d[:：][0-5]\d(?!\d)")
#: a time line of its own: 时间：3月2日, 活动时间：…
TIME_LINE = re.compile(r"(?m)^\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]?\s*)?(?:活动|实施|完成|工作)?"
                       r"时\s*间\s*(?:安排)?[:：]\s*\S")


def has_owner(text: str) -> bool:
    return bool(OWNER.search(text) or OWNER_MORE.search(text))


def has_deadline(text: str) -> bool:
    return bool(DEADLINE.search(text) or DEADLINE_MORE.search(text))


def plan_time_frame(plan: Plan) -> bool:
    """True when the plan dates its work in one place: a schedule section or a time line
    (also one that cleaning took for a web page's date line and removed)."""
    if TIME_LINE.search(plan.text) or any(TIME_LINE.search(r.text) for r in plan.removals):
        return True
    for sec in plan.walk():
        if sec.role == "schedule" and sec.role_from in ("heading", "inherited"):
            body = plan.text[sec.heading_start:sec.end]
            if has_deadline(body):
                return True
    return False


def measure_findings(plan: Plan, *, per_item: bool = True, one_event: bool = False) -> list[Finding]:
    """``no-owner`` / ``no-deadline`` on measure items.

    An item is read with the lines that follow it up to the next item
    (时间：…, 责任单位：…). No deadline is asked of items when the plan dates its
    work in a schedule section or a time line; a plan that names no one
    responsible anywhere (or dates nothing anywhere) gets one finding, not one
    per item. Items are asked for an owner one by one only where the plan
    itself names owners item by item (at least half of its items do) and
    ``per_item`` is true (not so in an activity plan, which its organiser
    carries out); otherwise a plan that names an owner anywhere (a leading
    group, 各网格负责) gets none. Deadlines likewise. ``one_event``: the plan is
    of one event (an activity plan), whose date anywhere in it (本次活动于8月25日
    举行) dates all its items.
    """
    items = measure_items(plan)
    if not items:
        return []
    texts = [plan.text[a:b] for _, a, b in items]
    out = []
    first = items[0][0]
    if not has_owner(plan.text):
        out.append(Finding("no-owner", "info",
                           "全文没有写明由谁负责：建议在各项任务后注明牵头单位或责任人（如“责任单位：社区居委会”）。",
                           first.heading_start, first.heading_end, role="measure",
                           data={"scope": "plan", "items": len(items)}))
        owners = None
    else:
        owners = [has_owner(t) for t in texts]
        if not per_item or sum(owners) * 2 < len(owners):
            owners = None
    dated = plan_time_frame(plan) or (one_event and (has_deadline(plan.text) or bool(CLOCK.search(plan.text))))
    deadlines = None if dated else [has_deadline(t) for t in texts]
    if deadlines is not None and any(deadlines) and sum(deadlines) * 2 < len(deadlines):
        deadlines = None        # a few dated items: the plan does not date item by item
    if deadlines is not None and not any(deadlines):
        out.append(Finding("no-deadline", "info",
                           "各项任务都没有写明完成时间：建议注明时间节点（如“6月底前”），或加一节“时间安排”。",
                           first.heading_start, first.heading_end, role="measure",
                           data={"scope": "plan", "items": len(items)}))
        deadlines = None
    for k, (sec, _, _) in enumerate(items):
        title = f"“{sec.marker}{sec.title}”"
        if owners is not None and not owners[k]:
            out.append(Finding("no-owner", "info",
                               f"{title}没有写明由谁负责：建议注明牵头单位或责任人。",
                               sec.heading_start, sec.heading_end, role="measure"))
        if deadlines is not None and not deadlines[k]:
            out.append(Finding("no-deadline", "info",
                               f"{title}没有写明完成时间：建议注明时间节点（如“6月底前”）。",
                               sec.heading_start, sec.heading_end, role="measure"))
    return out


def measure_items(plan: Plan) -> list[tuple[Section, int, int]]:
    """(item, start, end): each measure item with the text it owns, up to the next item."""
    out = []
    for top in plan.sections:
        if top.role != "measure" or FIELD.search(top.title.strip(" ：:")):
            continue
        kids = [c for c in top.children if c.role == "measure" and not FIELD.search(c.title.strip(" ：:"))]
        secs = kids or [top]
        for k, sec in enumerate(secs):
            end = secs[k + 1].heading_start if k + 1 < len(secs) else top.end
            if any(s.kind != "heading" for s in plan.segments_in(sec)) or end > sec.end:
                out.append((sec, sec.heading_start, end))
    return out
