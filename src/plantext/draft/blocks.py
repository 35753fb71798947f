"""A plan as a list of output paragraphs (title, headings by level, body), for the writers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover  (Plan's writers use this module: no import back at run time)
    from ..document import Plan, Section

HEADING_MAX = 40                     # a level-3/4 "heading" longer than this is a numbered item
_SENTENCE = re.compile(r"[，。；：,;]")


@dataclass(frozen=True)
class Block:
    """One output paragraph: ``kind`` title, heading, body or signature (署名, 成文日期)."""

    kind: str
    text: str
    level: int = 0     # outline level of a heading, or of the inline heading a body opens with
    lead: int = 0      # length of an inline heading (（一）加强领导。…) at the start of a body


def plan_blocks(plan: Plan) -> list[Block]:
    """The plan's paragraphs in order, each typed for output."""
    return [b for _, b in placed_blocks(plan)]


def placed_blocks(plan: Plan) -> list[tuple[int, Block]]:
    """:func:`plan_blocks` with the offset in ``plan.text`` where each paragraph's text starts."""
    heads: dict[int, Section] = {s.heading_start: s for s in plan.walk()}
    alike = _siblings_alike(plan)
    first_head = min(heads, default=len(plan.text))
    out: list[Block] = []
    at: list[int] = []
    titled = False
    for a, b in plan.paragraphs:
        raw = plan.text[a:b]
        text = raw.strip()
        if not text:
            continue
        off = a + len(raw) - len(raw.lstrip())
        at.append(off)
        sec = heads.get(off)
        if not titled and plan.title and text == plan.title.strip() and off < first_head:
            out.append(Block("title", text))
            titled = True
        elif sec is None:
            out.append(Block("body", text))
        elif sec.inline:
            out.append(Block("body", text, sec.level, max(0, min(sec.heading_end, b) - off)))
        elif is_heading(sec, text) and alike.get(id(sec), True):
            out.append(Block("heading", text, sec.level))
        else:
            out.append(Block("body", text, sec.level))
    return list(zip(at, _closing(out)))


def _siblings_alike(plan: Plan) -> dict[int, bool]:
    """Numbered items of one list are set alike: a level-3/4 section is a heading only when
    every sibling of its list would be one (a short first item among sentence-long ones stays body)."""
    out: dict[int, bool] = {}
    for group in [plan.sections] + [s.children for s in plan.walk()]:
        items = [s for s in group if s.level > 2 and not s.inline]
        verdict = all(is_heading(s, f"{s.marker}{s.title}") for s in items)
        out.update((id(s), verdict) for s in items)
    return out


def _closing(blocks: list[Block]) -> list[Block]:
    """The plan's closing 署名 and 成文日期 (its last one or two body lines) as ``signature``."""
    n = 0
    while n < min(2, len(blocks)) and blocks[-1 - n].kind == "body" \
            and is_signature(blocks[-1 - n].text):
        n += 1
    return blocks[:len(blocks) - n] + [Block("signature", b.text) for b in blocks[len(blocks) - n:]]


def is_heading(sec: Section, text: str) -> bool:
    """A heading to style as one: levels 1–2 always, deeper ones when short and not a sentence."""
    if sec.level <= 2:
        return True
    if text.rstrip().endswith(("。", "；", ";")):      # a deeper item that ends a sentence is body
        return False
    title = sec.title.rstrip("。；;，,")
    return sec.level <= 4 and len(text) <= HEADING_MAX and not _SENTENCE.search(title)


_DATE = re.compile(r"^(?:(?:20\d\d|[〇零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日|【待补充：成文日期】)$")
_ORG_END = re.compile(r"(委员会|办事处|政府|居委会|党委|党工委|党支部|党总支|领导小组|办公室|办公厅|局|"
                      r"社区|街道|镇|乡|村|中心|单位|部|处|科|厅|委)$")


def is_signature(line: str) -> bool:
    """A closing line: a date (or the draft's 【待补充：成文日期】), or a short organisation name
    without sentence punctuation."""
    if _DATE.match(line):
        return True
    return (len(line) <= 30 and not re.search(r"[，。；：,;:！？]", line)
            and bool(_ORG_END.search(line)))
