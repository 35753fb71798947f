"""``draft()``: a new plan with the profile's sections, filled from a corpus."""

from __future__ import annotations

import datetime
from typing import Any, Iterable

from ..document import Plan
from ..errors import InputError, error
from ..labels import Profile, check_doc_type, load_profile, load_taxonomy, profile_for
from .fill import Filled, Filler
from .coherence import plan_level
from .scaffold import PROBLEMS_HEADING, TextBuilder, preamble_pieces, section_paragraphs
from .substitute import Adapter, unit_level

TITLES = {
    "work_plan": "{unit}{year}年{topic}工作计划",
    "implementation_plan": "{unit}{year}年{topic}实施方案",
    "work_points": "{unit}{year}年{topic}工作要点",
    "gov_work_report": "{unit}{year}年{topic}工作报告",
    "work_summary": "{unit}{year}年{topic}工作总结",
    "opinion": "{unit}关于加强{topic}工作的意见",
    "activity_plan": "{unit}{year}年{topic}活动方案",
    "other": "{unit}{year}年{topic}工作安排",
}


def draft(doc_type: str = "work_plan", themes: Iterable[str] = (), unit: str = "XX社区",
          year: int | None = None, profile: Any = None, corpus: Any = None, k: int = 3, *,
          model: str | None = None, level: str | None = None,
          date: datetime.date | None = None) -> Plan:
    """A new plan of ``doc_type`` about ``themes`` for ``unit`` and ``year``.

    Sections are the profile's required and recommended roles in its order,
    under standard headings numbered 一、二、…; an unnumbered preamble opens
    the plan; measures are grouped by theme under （一）（二）…. Every filled
    phrasing is listed in ``plan.meta["provenance"]`` (start, end, source,
    original) and every unfilled slot in ``plan.meta["markers"]``
    (``【待补充：…】``). ``year`` defaults to the current year (next year for a plan drafted in November or December).

    Every phrasing is chosen for the plan's administrative ``level`` (社区,
    街道, 县, 市; read off ``unit`` when not given) and its ``themes``: a
    sentence that speaks for another level (各社区, 镇财政, 县城 …) or is
    about another subject is not used, and figures borrowed from a source
    (amounts, head counts) become 【待补充】 markers. The schedule is a dated
    sequence of phases in ``year``; the plan closes with the unit and
    ``date`` as 署名 and 成文日期: when not given, today if it fits the document
    (:func:`signing_date`), else a 【待补充：成文日期】 marker. Themes are
    required: a plan drafted without a subject would mix several.
    """
    check_doc_type(doc_type)
    themes = check_themes(themes)
    if not themes:
        raise InputError("请指定计划的主题（themes=…），例如 ['security'] 或 ['elderly', 'health']；"
                         "不指定主题会把不同工作的语句拼在一起。 / Give the plan's themes: "
                         "without them the draft would mix unrelated subjects.")
    if not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a positive integer, not {k!r}.")
    prof = profile_for(doc_type) if profile is None else load_profile(profile)
    today = datetime.date.today()
    year = int(year) if year is not None else default_year(doc_type, today)
    tier = plan_level(unit, level)
    adapter = Adapter(unit, year, doc_type)
    filler = Filler(adapter, corpus=corpus, doc_type=doc_type, unit_word=unit_word(unit),
                    tier=tier, themes=themes)
    build = TextBuilder()
    title = title_for(doc_type, themes, unit, year)
    filler.goal_dates = str(year) not in title    # goals must say when, if the title does not
    build.add([title])
    filler.anchor(themes, [r for r, _ in draft_sections(prof)])
    opening = preamble_pieces(prof, themes, filler)
    if opening:
        build.add(opening)
    for number, (role, heading) in enumerate(draft_sections(prof), 1):
        for para in section_paragraphs(role, number, profile=prof, themes=themes,
                                       filler=filler, k=k, heading=heading, year=year):
            build.add(para)
    build.add([""])
    for line in signature_lines(unit, date or signing_date(doc_type, year, today)):
        build.add([line])
    plan = parse_generated(build.text.rstrip("\n"), doc_type, model)
    plan.meta.update(provenance=build.provenance, markers=build.markers, unit=unit, year=year,
                     level=tier,
                     themes=list(themes), drafted={"doc_type": doc_type, "profile": prof.doc_type,
                                                   "k": k})
    return plan


#: plans that always say when their work is done (dated phases), whether or not their profile
#: requires a schedule section
SCHEDULED_TYPES = frozenset({"work_plan", "implementation_plan"})


def section_roles(profile: Profile) -> list[str]:
    """The roles a drafted plan gets numbered sections for (the preamble stays unnumbered)."""
    expected = set(profile.expected)
    if profile.doc_type in SCHEDULED_TYPES:
        expected.add("schedule")
    return [r for r in profile.order if r in expected and r != "preamble"]


def draft_sections(profile: Profile) -> list[tuple[str, str | None]]:
    """(role, heading) of each numbered section; ``None`` takes the profile's heading.

    A summary names its problems in a section of their own after the review
    (存在的问题), the way 工作总结 are written.
    """
    out: list[tuple[str, str | None]] = []
    for role in section_roles(profile):
        out.append((role, None))
        if role == "review" and profile.doc_type == "work_summary":
            out.append(("review", PROBLEMS_HEADING))
    return out


#: documents that look back on their year: written at its end or after it
LOOKING_BACK = frozenset({"work_summary"})

#: a forward-looking document is signed before its year's first phase (动员部署, January to
#: February) is over; a plan signed later would be dated after the work it sets in motion
FIRST_PHASE_ENDS = (3, 1)

#: the 成文日期 left for the author when today's date would contradict the document
DATE_MARKER = "【待补充：成文日期】"


def default_year(doc_type: str, today: datetime.date) -> int:
    """The year a new draft is for when none is given: a summary reviews the current year; a
    plan drafted in the last two months of a year is next year's plan."""
    if doc_type not in LOOKING_BACK and today.month >= 11:
        return today.year + 1
    return today.year


def signing_date(doc_type: str, year: int, today: datetime.date) -> datetime.date | None:
    """Today as 成文日期 when it fits the document, else ``None`` (the author dates it).

    A plan for ``year`` cannot be signed after its first phase has ended (its schedule says
    动员部署阶段（year年1月至2月）：制定本方案), and a summary of ``year`` cannot be
    signed before that year has begun."""
    if doc_type in LOOKING_BACK:
        return today if today.year >= year else None
    return today if today < datetime.date(year, *FIRST_PHASE_ENDS) else None


def signature_lines(unit: str | None, date: datetime.date | None) -> list:
    """署名 and 成文日期 closing the plan (GB/T 9704: the date in Arabic numerals); with no
    date that fits, a 【待补充：成文日期】 marker for the author."""
    lines: list = [unit] if unit else []
    if date is None:
        return lines + [Filled(DATE_MARKER, role="other", marker=True)]
    return lines + [f"{date.year}年{date.month}月{date.day}日"]


def check_themes(themes: Iterable[str] | str | None) -> list[str]:
    """``themes`` as a checked list of taxonomy codes (a comma list is split)."""
    if themes is None:
        return []
    items = themes.split(",") if isinstance(themes, str) else list(themes)
    items = [t.strip() for t in items if t and t.strip()]
    codes = load_taxonomy().codes
    for t in items:
        if t not in codes:
            raise error(InputError, "E009", what="theme", value=t, choices=", ".join(codes))
    return list(dict.fromkeys(items))


def title_for(doc_type: str, themes: list[str], unit: str | None, year: int) -> str:
    """The plan title: 阳光社区2025年精神文明与道德建设和志愿服务工作计划 …"""
    tax = load_taxonomy()
    names = [tax[t].zh for t in themes]
    topic = names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1] if names else ""
    return TITLES.get(doc_type, TITLES["other"]).format(unit=unit or "", year=year, topic=topic)


def unit_word(unit: str | None) -> str:
    """How the plan refers to its own unit: 本社区, 本街道 … (本单位 when unknown)."""
    level = unit_level(unit)
    return "本" + level if level else "本单位"


def parse_generated(text: str, doc_type: str, model: str | None) -> Plan:
    """Parse generated text so that ``plan.text`` is exactly ``text``."""
    from ..defaults import pipeline_for

    nlp = pipeline_for(model)
    plan = nlp.parse(text, doc_type=doc_type, warn=False)
    if plan.text != text:
        plan = nlp.parse(text, doc_type=doc_type, clean=False, warn=False)
    return plan
