"""Section coverage: which roles the profile expects, which the plan has, and on what evidence.

A role is present on one of these grounds, and the report says which:

* a heading names it (二、保障措施; with the genre's own words: an activity
  plan's 活动内容 is its measures), or a top-level heading's words signal it;
* a run of body text the model (or a sure rule) gives that role with high
  confidence: at least two paragraphs in a row, or a whole section whose
  heading names no role;
* the opening paragraph says it (以……为指导 → guiding; 2023年是……关键一年 →
  background), or a formula names it wherever it stands (总体要求是：…);
* the profile lets another role stand in for it (an activity plan's 活动主题
  for its goal).

A lone stray paragraph is not a section. Text about what is planned
(预计……开工建设, 希望在……年争取) is never evidence of a review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Finding, Plan, Section, Segment
from ..labels import Profile
from .role_cues import cue_role, opening_roles, strong_role, title_roles, undecided

HIGH_SCORE = 0.6          # a model label this sure counts towards a run
RUN_PARAGRAPHS = 2        # paragraphs in a row that make an untitled section
OPENING_PARAGRAPHS = 3    # the opening: paragraphs before the first heading, at most this many
#: wording of plans, not of work done: never evidence of a review
FUTURE = re.compile(r"预计|拟于|拟在|计划(?:于|在|到)|将(?:于|在|要|会|继续|进一步)|争取|力争|希望|"
                    r"下一步|下步|明年|今后|打算|准备(?:于|在)|目标是|到20\d\d年")
#: marks of work done (了, 已, 以来 …) and of work asked for (要, 将, 必须 …): a run or section the
#: model calls review must read more like the first
PAST = re.compile(r"了|已经|已|以来|过去|去年|上年|回顾|曾")
AHEAD = re.compile(r"要|将|必须|应当|应该|务必|坚持|继续|力争|争取|预计|计划|确保")
#: what a missing section usually holds, for the message
HINTS = {
    "preamble": "制定的目的和依据",
    "review": "上一阶段的主要工作、成效和存在的问题",
    "guiding": "指导思想、总体要求和基本原则",
    "goal": "可量化的目标和完成时限",
    "measure": "具体任务和工作措施",
    "safeguard": "组织领导、经费保障、督促检查等",
    "schedule": "实施步骤和时间节点",
    "requirement": "对落实单位的工作要求",
    "assessment": "考核评估和奖惩办法",
}
SOURCE_ZH = {"heading": "标题", "heading_cue": "标题用语", "run": "正文（模型判断）",
             "section": "无标题的一节（模型判断）", "opening": "开头段落", "formula": "固定说法",
             "past": "正文（写已做工作的段落）", "equivalent": "同类部分"}


@dataclass
class RoleEvidence:
    """How one role shows in the plan."""

    role: str
    titled: bool = False
    heading_cue: bool = False            # a top-level heading whose words signal the role
    heading: str = ""                    # the heading that names or signals it
    opening: Segment | None = None       # role-bearing content in the opening paragraph
    formula: Segment | None = None       # a formulaic opening naming the role
    runs: list[list[Segment]] = field(default_factory=list)   # runs that qualify
    section: Section | None = None       # an untitled section the model gives the role
    past: list[Segment] = field(default_factory=list)         # a summary's paragraphs of work done
    segments: list[Segment] = field(default_factory=list)     # every segment of weaker evidence

    @property
    def present(self) -> bool:
        return bool(self.titled or self.heading_cue or self.opening or self.formula or self.runs
                    or self.section or self.past)

    @property
    def source(self) -> str:
        """The strongest ground: heading, heading_cue, section, run, opening, formula or ''."""
        for name, ok in (("heading", self.titled), ("heading_cue", self.heading_cue),
                         ("section", self.section), ("run", self.runs),
                         ("opening", self.opening), ("formula", self.formula), ("past", self.past)):
            if ok:
                return name
        return ""

    def describe(self, plan: Plan) -> str:
        """The evidence in plain Chinese, for the report."""
        src = self.source
        if src in ("heading", "heading_cue"):
            return f"{SOURCE_ZH[src]}“{self.heading}”"
        if src == "section":
            sec = self.section
            return f"{SOURCE_ZH[src]}“{sec.marker}{sec.title}”"
        if src == "run":
            run = max(self.runs, key=len)
            n = len({s.paragraph for s in run})
            return f"{SOURCE_ZH[src]}：连续{n}段，自“{_short(run[0].text)}”起"
        if src == "past":
            n = len({s.paragraph for s in self.past})
            return f"{SOURCE_ZH[src]}：{n}段，自“{_short(self.past[0].text)}”起"
        seg = self.opening if src == "opening" else self.formula
        return f"{SOURCE_ZH[src]}：“{_short(seg.text)}”" if seg is not None else ""

    @property
    def first(self) -> Segment | None:
        if self.runs:
            return self.runs[0][0]
        return self.segments[0] if self.segments else None


def _short(text: str, n: int = 16) -> str:
    text = text.strip()
    return text if len(text) <= n else text[:n] + "……"


def role_evidence(plan: Plan, *, summary: bool = False) -> dict[str, RoleEvidence]:
    """Evidence for every role found in ``plan``; ``summary``: the plan is a 工作总结, whose
    plans for what comes next (its measure) are often an unheaded closing paragraph."""
    ev: dict[str, RoleEvidence] = {}

    def get(role: str) -> RoleEvidence:
        return ev.setdefault(role, RoleEvidence(role))

    for sec in plan.walk():
        if sec.role != "other" and sec.role_from in ("heading", "inherited"):
            e = get(sec.role)
            if not e.titled:
                e.titled, e.heading = True, f"{sec.marker}{sec.title}".strip()
    for sec in plan.sections:
        for role in title_roles(sec.title):
            e = get(role)
            if not (e.titled or e.heading_cue):
                e.heading_cue, e.heading = True, f"{sec.marker}{sec.title}".strip()
    first_heading = min((s.heading_start for s in plan.sections), default=len(plan.text))
    with_body = {id(s.section) for s in plan.segments if s.kind != "heading" and s.section is not None}
    # body text, and one-line items parsed as headings of empty sections (1.落实…制度。)
    body = [s for s in plan.segments if s.role_from != "furniture"
            and (s.kind != "heading" or (s.section is not None and s.section.level > 0
                                         and id(s.section) not in with_body and s.role_from == "model"))]
    opening = _opening(body, first_heading)
    for seg in plan.segments:
        if seg.kind == "heading":
            if undecided(seg):
                role = cue_role(seg, plan, first_heading)
                if role and role != "other" and seg.section is not None and seg.section.level == 1:
                    e = get(role)
                    if not (e.titled or e.heading_cue):
                        e.heading_cue, e.heading = True, seg.text.strip()
            continue
        role = strong_role(seg) or ("measure" if summary and _next_steps(seg, plan) else None)
        if role == "goal" and _in_measures(seg) and not GOAL_NAMED.search(seg.text):
            role = None     # a dated outcome among the tasks is that task's aim, not the plan's goal
        if role and get(role).formula is None:
            get(role).formula = seg
    for seg in opening:
        roles = opening_roles(seg.text)
        if undecided(seg) and cue_role(seg, plan, first_heading) == "preamble":
            roles.append("preamble")
        for role in roles:
            if not (role == "review" and FUTURE.search(seg.text)) and get(role).opening is None:
                get(role).opening = seg
    lead = _lead_paragraph(opening, plan)
    if lead is not None and get("preamble").opening is None:
        get("preamble").opening = lead      # the text before the first heading is the preamble
    frame = _frame_sections(plan)
    for seg in body if frame else ():
        if get("goal").formula is None and id(seg.section) in frame and GOAL_IN_FRAME.search(seg.text):
            get("goal").formula = seg           # the goal written inside 总体要求
    for role, run in _runs(body, plan, first_heading):
        e = get(role)
        e.segments.extend(run)
        if role == "review" and _mostly_future(run) or summary and role == "measure" and _mostly_done(run):
            continue
        if len({s.paragraph for s in run}) >= RUN_PARAGRAPHS:
            e.runs.append(run)
    short: dict[str, list[Section]] = {}
    for sec in plan.walk():
        if sec.role_from == "model" and sec.role != "other" and sec.role_score >= HIGH_SCORE:
            segs = [s for s in plan.segments_in(sec) if s.kind != "heading"]
            if not segs or (sec.role == "review" and _mostly_future(segs)) or \
                    (summary and sec.role == "measure" and _mostly_done(segs)):
                continue        # a summary's next steps are plans, not work done
            if len(segs) >= 2:
                e = get(sec.role)
                e.section = e.section or sec
            else:   # short sections of one paragraph each: two of them make the part
                short.setdefault(sec.role, []).append(sec)
    for role, secs in short.items():
        if len(secs) >= RUN_PARAGRAPHS and get(role).section is None:
            get(role).section = secs[0]
    if summary and not get("review").present:
        get("review").past = _work_done(body)
    return ev


#: what a paragraph reporting work done reads like: 了/已, counts of a year (全年…, 累计…, 共…次),
#: comparisons with the year before
DONE = re.compile(r"了|已经|已|全年|累计|共计|共[\d一二三四五六七八九十两百千万]|同比|比上年|较上年|比去年|"
                  r"(?:增长|下降|提高|减少)(?:了)?[\d一二三四五六七八九十两]")


def _work_done(body: list[Segment]) -> list[Segment]:
    """A summary's paragraphs that report work done (a review written without a heading and
    missed by the model): the segments of every paragraph whose sentences read more of work
    done than of work ahead; empty when fewer than RUN_PARAGRAPHS paragraphs do."""
    paras: dict[int, list[Segment]] = {}
    for seg in body:
        paras.setdefault(seg.paragraph, []).append(seg)
    out: list[Segment] = []
    n = 0
    for segs in paras.values():
        done = sum(bool(DONE.search(s.text)) and not FUTURE.search(s.text) for s in segs)
        ahead = sum(bool(FUTURE.search(s.text) or AHEAD.search(s.text)) and not DONE.search(s.text)
                    for s in segs)
        if done and done >= ahead:
            out.extend(segs)
            n += 1
    return out if n >= RUN_PARAGRAPHS else []


#: an outcome stated inside 总体要求, which by convention holds the plan's goal (到2025年底，… /
#: 到今年底，… / 到年底，…: a plan for one year often names its end without the number)
GOAL_IN_FRAME = re.compile(r"实现[^。；]{0,80}(明显|显著|普遍|基本|全面|大幅)(提升|提高|改善|减少|下降|形成|建立|建成|增强)|"
                           r"(预期|主要|工作|总体)?目标(是|为)|^(力争|争取)?到(20\d\d年|今年|明年|本年|年)(底|末)?[，,]")
FRAME_TITLE = re.compile(r"总体要求|总体目标|目标(和|与|及)要求|要求(和|与|及)目标")
#: a closing paragraph on what comes next: a summary's 下步打算 written without a heading
NEXT_STEPS = re.compile(r"(今后|下一步|下步|下阶段|下一阶段|明年|新的一年|来年)[，,]?[^。；]{0,30}(将|要|继续|进一步|计划|打算|重点)")
#: the same led by the coming year (2025年，街道将…): only as the opening of a paragraph
NEXT_YEAR = re.compile(r"20\d\d年[，,][^。；]{0,30}(将|计划|打算|力争|重点抓好|重点做好)")


def _next_steps(seg: Segment, plan: Plan) -> bool:
    """A sentence of a summary's closing part that says what comes next: in the latter half of
    the text (after the review it follows), led by 下一步/今后/新的一年 …, or opening a paragraph
    with the coming year (2025年，社区将…)."""
    if seg.start < len(plan.text) / 2:
        return False
    text = seg.text.strip()
    if NEXT_STEPS.match(text):
        return True
    before = plan.text[:seg.start].rstrip(" \t\u3000")
    return (not before or before.endswith("\n")) and bool(NEXT_YEAR.match(text))
GOAL_NAMED = re.compile(r"目标(是|为)[:：]|[一二三四五六七八九十两]个目标[:：]")
MIN_LEAD = 30   # characters of an opening paragraph that make it a preamble


def _in_measures(seg: Segment) -> bool:
    sec = seg.section
    return sec is not None and sec.role == "measure"


def _frame_sections(plan: Plan) -> set[int]:
    """ids of the sections under a titled 总体要求 (or 总体目标和要求), themselves included."""
    out: set[int] = set()
    for sec in plan.walk():
        if sec.role_from == "heading" and FRAME_TITLE.search(sec.title):
            out.update(id(s) for s in sec.walk())
    return out


def _lead_paragraph(opening: list[Segment], plan: Plan) -> Segment | None:
    """The first segment of an opening paragraph long enough to be the plan's preamble."""
    paras: dict[int, list[Segment]] = {}
    for seg in opening:
        paras.setdefault(seg.paragraph, []).append(seg)
    for segs in paras.values():
        if segs[-1].end - segs[0].start >= MIN_LEAD:
            return segs[0]
    return None


def _opening(body: list[Segment], first_heading: int) -> list[Segment]:
    """Body segments before the first heading, in the first OPENING_PARAGRAPHS paragraphs."""
    paras: list[int] = []
    out = []
    for seg in body:
        if seg.start >= first_heading:
            break
        if seg.paragraph not in paras:
            if len(paras) == OPENING_PARAGRAPHS:
                break
            paras.append(seg.paragraph)
        out.append(seg)
    return out


def content_role(seg: Segment, plan: Plan, first_heading: int) -> str | None:
    """The role a body segment's own text is evidence for, without heading help."""
    role = None
    if seg.role_from == "model" and seg.role_score >= HIGH_SCORE:
        role = seg.role
    elif seg.role_from == "rule":
        role = seg.role
    elif undecided(seg):
        role = cue_role(seg, plan, first_heading)
    if role == "review" and FUTURE.search(seg.text):
        return "measure"           # a plan of work, not a review of it
    return role if role and role != "other" else None


def _runs(body: list[Segment], plan: Plan, first_heading: int):
    """(role, segments) for each run of consecutive body segments of one content role."""
    run: list[Segment] = []
    role = None
    for seg in body:
        r = content_role(seg, plan, first_heading)
        if r != role and run:
            yield role, run
            run = []
        role = r
        if r is not None:
            run.append(seg)
    if run:
        yield role, run


def _mostly_future(segs: list[Segment]) -> bool:
    """True when ``segs`` read as work asked for rather than work done."""
    past = sum(bool(PAST.search(s.text)) for s in segs)
    ahead = sum(bool(AHEAD.search(s.text) or FUTURE.search(s.text)) for s in segs)
    return past == 0 or ahead > past


#: work asked for, strictly: 要 as a modal (不是 要求, 主要, 重要, 需要), 将, 必须 …
ASKED = re.compile(r"(?<![主重需只纪摘提概首简先])要(?![求点素害件闻领务案])|将(?!近|军)|必须|应当|务必|力争|争取|计划|打算|拟")


def _mostly_done(segs: list[Segment]) -> bool:
    """True when ``segs`` report work done (了/已/全年/累计 …) more than they plan work ahead."""
    past = sum(bool(PAST.search(s.text) or DONE.search(s.text)) for s in segs)
    ahead = sum(bool(ASKED.search(s.text) or FUTURE.search(s.text)) for s in segs)
    return past > ahead


def coverage(plan: Plan, profile: Profile) -> tuple[set[str], list[Finding], list[dict]]:
    """Missing expected roles, the section findings (missing, untitled) and one row per
    profile role saying whether it is present and on what evidence."""
    ev = role_evidence(plan, summary=profile.doc_type == "work_summary")

    def has(role: str) -> bool:
        return role in ev and ev[role].present

    titles = [(f"{sec.marker}{sec.title}".strip(), sec.title) for sec in plan.walk()]

    def stand_in(role: str) -> str | None:
        other = next((r for r in profile.equivalents.get(role, ()) if has(r)), None)
        if other is None:
            words = profile.stand_ins.get(role, ())
            other = next((full for full, title in titles if any(w in title for w in words)), None)
        return other

    missing = {r for r in profile.expected if not has(r) and stand_in(r) is None}
    findings = [_missing(role, profile) for role in profile.order if role in missing]
    rows = []
    for role in profile.order:
        e = ev.get(role)
        if has(role):
            evidence = e.describe(plan)
        elif stand_in(role):
            other = stand_in(role)
            evidence = (f"{SOURCE_ZH['equivalent']}“{profile.heading(other)}”：{ev[other].describe(plan)}"
                        if other in ev else f"{SOURCE_ZH['equivalent']}：标题“{other}”")
        else:
            evidence = ""
        rows.append({"role": role, "heading": profile.heading(role), "tier": profile.tier(role),
                     "present": role not in missing and bool(evidence),
                     "source": (e.source if has(role) else ("equivalent" if evidence else "")),
                     "evidence": evidence})
        if (not has(role) or e.titled or e.heading_cue or role == "preamble" or not plan.sections
                or e.source != "run"):
            continue
        start, end = e.first.start, e.first.end
        heading = profile.heading(role)
        findings.append(Finding(
            "untitled-section", "info",
            f"这里写了“{heading}”的内容，但没有标题：建议加上“{heading}”作为小标题。",
            start, end, role=role, data={"heading": heading}))
    return missing, findings, rows


def _missing(role: str, profile: Profile) -> Finding:
    required = role in profile.required
    heading = profile.heading(role)
    hint = profile.hints.get(role) or HINTS.get(role, "")
    msg = f"缺少“{heading}”部分：建议补充{hint}等内容。" if hint and not hint.endswith("等") \
        else f"缺少“{heading}”部分：建议补充{hint}内容。"
    return Finding("missing-section", "error" if required else "warning", msg, role=role,
                   data={"heading": heading, "tier": "required" if required else "recommended"})
