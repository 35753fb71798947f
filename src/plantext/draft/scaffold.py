"""The text of a plan's sections: numbered headings and filled paragraphs, with provenance.

A section is laid out as paragraphs of *pieces*: plain strings (headings,
markers) and :class:`~plantext.draft.fill.Filled` phrasings. :class:`TextBuilder`
joins them into text and records the span of every filled phrasing
(``provenance``) and of every 【待补充】 marker (``markers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from ..labels import Profile
from ..outline.markers import CIRCLED, int_to_cn
from .fill import PROBLEM_CUE, Filled, Filler, measurable

Piece = Union[str, Filled]
_MARKER = re.compile(r"【待补充：[^】]*】")
#: roles whose phrasings are grouped under one subheading per theme, by document type
GROUPED = {"measure": None, "review": ("work_summary", "gov_work_report")}
#: roles whose phrasings run on as one paragraph
RUN_ON = {"preamble", "guiding", "goal", "review"}
DEFAULT_MARKERS = ("一、", "（一）", "1.", "（1）")
PROBLEMS_HEADING = "存在的问题"
#: document types whose schedule is a dated sequence of phases
PHASED_TYPES = frozenset({"work_plan", "implementation_plan", "opinion", "other"})
#: (phase, first month, last month, what happens): the common three-phase schedule of a plan
PHASES = (
    ("动员部署阶段", 1, 2, "制定{doc}，召开动员部署会，明确责任分工和时间节点，做好宣传发动"),
    ("组织实施阶段", 3, 10, "按照{doc}确定的{topic}各项任务逐项推进，定期调度工作进展，及时研究解决推进中的问题"),
    ("总结评估阶段", 11, 12, "对照目标任务开展检查评估，总结经验做法，查找存在不足，形成书面总结并研究下一年度工作"),
)
_CN_NUM = re.compile(r"[一二三四五六七八九十百零〇]+")
_AR_NUM = re.compile(r"\d+")


def format_marker(sample: str, number: int) -> str:
    """``sample``'s numbering style with ``number``: (四、, 6) → 六、; (（2）, 3) → （3）."""
    if _CN_NUM.search(sample):
        return _CN_NUM.sub(int_to_cn(number), sample, count=1)
    if _AR_NUM.search(sample):
        return _AR_NUM.sub(str(number), sample, count=1)
    if sample and sample[0] in CIRCLED and number <= len(CIRCLED):
        return CIRCLED[number - 1] + sample[1:]
    return sample


@dataclass
class Numbering:
    """Marker samples per level (一、 （一） 1. （1） by default)."""

    samples: tuple[str, ...] = DEFAULT_MARKERS

    def marker(self, level: int, number: int) -> str:
        sample = self.samples[min(level, len(self.samples)) - 1]
        return format_marker(sample, number)


@dataclass
class TextBuilder:
    """Appends paragraphs and records where filled phrasings and markers land."""

    start: int = 0
    chunks: list[str] = field(default_factory=list)
    provenance: list[dict] = field(default_factory=list)
    markers: list[dict] = field(default_factory=list)

    @property
    def pos(self) -> int:
        return self.start + sum(len(c) for c in self.chunks)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def add(self, pieces: list[Piece], end: str = "\n") -> None:
        for piece in pieces:
            if isinstance(piece, Filled):
                a = self.pos
                self.chunks.append(piece.text)
                rec = {"start": a, "end": self.pos, "role": piece.role}
                if piece.marker:
                    self.markers.append(dict(rec, text=piece.text))
                else:
                    self.provenance.append(dict(rec, source=piece.source, original=piece.original))
                    for m in _MARKER.finditer(piece.text):   # a figure left for the author
                        self.markers.append({"start": a + m.start(), "end": a + m.end(),
                                             "role": piece.role, "text": m.group(0)})
            else:
                self.chunks.append(piece)
        self.chunks.append(end)


def schedule_phases(year: int, themes: list[str], doc_type: str) -> list[str]:
    """The phases of a plan's year, dated and in order: 动员部署阶段（2026年1月至2月）：…"""
    from .fill import theme_name
    from .substitute import doc_word

    topic = "、".join(theme_name(t) for t in themes) + "工作" if themes else "工作"
    doc = "本" + doc_word(doc_type)
    return [f"{name}（{year}年{a}月至{b}月）：" + what.format(doc=doc, topic=topic) + "。"
            for name, a, b, what in PHASES]


def preamble_pieces(profile: Profile, themes: list[str], filler: Filler) -> list[Piece]:
    """The opening paragraph: the preferred wording, else any preamble if the profile wants one."""
    got: list[Piece] = list(filler.pick("preamble", themes, 1, mixed=False, strict=True))
    if got or "preamble" not in profile.expected:
        return got
    return opening(profile.doc_type, themes, filler)   # a purpose statement, or the genre's own


#: the genre's own opening when the corpus has none to offer: its facts left as markers
OPENINGS = {
    "work_summary": ("{year}年，{unit}围绕{topic}，", "全年工作的总体情况和主要成效",
                     "。现将有关情况总结如下。"),
    "gov_work_report": ("现在，我代表{unit}人民政府，向大会报告政府工作，", "请审议的事项",
                        "。"),
}
PLAN_OPENING = ("为做好{topic}，根据", "上级有关文件或工作安排", "，结合{self}实际，制定本{doc}。")


def opening(doc_type: str, themes: list[str], filler: Filler) -> list[Piece]:
    """An opening sentence of the document type around a 【待补充】 marker for its facts."""
    from .fill import MARKER, theme_name
    from .substitute import doc_word

    head, what, tail = OPENINGS.get(doc_type, PLAN_OPENING)
    adapter = filler.adapter
    words = {"year": adapter.year or "", "unit": adapter.unit or filler.unit_word,
             "self": filler.unit_word, "doc": doc_word(doc_type),
             "topic": "、".join(theme_name(t) for t in themes) + "工作" if themes else "各项工作"}
    marker = Filled(MARKER.format(what=what), role="preamble", marker=True)
    return [head.format(**words), marker, tail.format(**words)]


def section_paragraphs(role: str, number: int, *, profile: Profile, themes: list[str],
                       filler: Filler, k: int, numbering: Numbering = Numbering(),
                       heading: str | None = None, year: int | None = None
                       ) -> list[list[Piece]]:
    """The paragraphs of a top-level section of ``role``: its heading, then its content.

    ``heading`` replaces the profile's heading; a plan's schedule with a
    ``year`` is the dated sequence of :func:`schedule_phases`; a section
    headed :data:`PROBLEMS_HEADING` holds review phrasings that name problems.
    """
    paras: list[list[Piece]] = [[numbering.marker(1, number) + (heading or profile.heading(role))]]
    if role == "schedule" and year is not None and profile.doc_type in PHASED_TYPES:
        return paras + [[numbering.marker(2, i) + p] for i, p in
                        enumerate(schedule_phases(year, themes, filler.doc_type), 1)]
    if heading == PROBLEMS_HEADING:
        got = filler.pick_matching("review", themes, 2, PROBLEM_CUE)
        return paras + [got or [filler.marker("problems")]]
    grouped = role in GROUPED and (GROUPED[role] is None or profile.doc_type in GROUPED[role])
    if grouped:
        paras += _grouped(role, themes, filler, k, numbering)
    else:
        paras += _plain(role, themes, filler, k)
    return paras


def _grouped(role: str, themes: list[str], filler: Filler, k: int,
             numbering: Numbering) -> list[list[Piece]]:
    from .fill import theme_name

    out: list[list[Piece]] = []
    if not themes:
        got = filler.pick(role, None, k, numbered=True) or [filler.marker(role)]
        return [[f] if f.marker else [numbering.marker(2, i), f] for i, f in enumerate(got, 1)]
    numbered = role == "measure"   # reviews stay plain: 1.2023年… would not read as an item
    for j, theme in enumerate(themes, 1):
        out.append([numbering.marker(2, j) + theme_name(theme)])
        got = filler.pick_run(role, [theme], k, numbered=numbered)
        if not got:
            out.append([filler.marker(role, theme)])
        out += [[numbering.marker(3, i), f] if numbered else [f] for i, f in enumerate(got, 1)]
    return out


def _plain(role: str, themes: list[str], filler: Filler, k: int) -> list[list[Piece]]:
    if role == "schedule":
        got: list[Piece] = list(filler.pick(role, themes, k, mixed=False))
    else:       # the goals of a plan on two subjects: one run per subject
        got = list(filler.pick_run(role, themes, k, per_theme=role in ("goal", "guiding")))
    if role == "goal" and not any(measurable(f.text) for f in got):
        got.append(filler.marker("goal"))
    if not got:
        got = [filler.marker(role, themes[0] if (themes and role == "review") else None)]
    if role in RUN_ON:
        return [got]
    return [[f] for f in got]
