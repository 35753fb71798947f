"""Recover a plan's outline: title, section tree and segments with offsets.

``build_outline`` reads only the text (and which lines cleaning marked as
page furniture); it assigns no roles. Offsets index the given text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document import NumberingIssue, Section, Segment
from .headings import _NAMES as _SECTION_NAMES
from .headings import HeadingInfo, detect_heading
from .markers import find_marker
from .sentences import SENT_END, paragraph_spans, runin_starts, sentence_spans
from .tree import assign_levels, build_sections, numbering_issues, orphan_issues

__all__ = ["Outline", "build_outline"]

_TITLE_WORDS = re.compile(r"(计划|方案|要点|报告|总结|意见|规划|纲要|办法|通知|安排|细则|决定|思路|打算)")
_NOT_TITLE = re.compile(r"^(各位代表|同志们|——|—|附件)")


@dataclass
class Outline:
    """What the outline stage found in a text."""

    title: str | None
    title_span: tuple[int, int] | None
    sections: list[Section]
    segments: list[Segment]
    paragraphs: list[tuple[int, int]]
    issues: list[NumberingIssue] = field(default_factory=list)


def build_outline(text: str, *, furniture: set[int] | frozenset[int] = frozenset(),
                  plan_titles: set[int] | frozenset[int] = frozenset()) -> Outline:
    """Outline of ``text``.

    ``furniture`` holds start offsets of paragraphs that are page furniture;
    ``plan_titles`` those of the titles of several plans on one page: the
    outline levels start afresh after each.
    """
    spans = _split_embedded(text, paragraph_spans(text), furniture)
    content = [i for i, (a, _) in enumerate(spans) if a not in furniture]
    label = content[0] if content and _PLAN_NUMBER.match(_para(text, spans, content[0])) else None
    first = content[1:] if label is not None else content
    title_idx = _find_title(text, spans, first)
    title_more = _title_continuation(text, spans, content, title_idx)
    if title_idx is None:
        title_idx, title_more = _title_over_two_lines(text, spans, first)
    sub_titles = {i for i in content if spans[i][0] in plan_titles and i != title_idx}
    if label is not None:
        sub_titles.add(label)
    heads = _find_headings(text, spans, content, title_idx, sub_titles | ({title_more} - {None}))
    levels = _levels_per_plan(heads, spans, plan_titles)
    sections = build_sections(text, heads, levels, spans, len(text),
                              [spans[i][0] for i in sorted(sub_titles)])
    variants = {spans[h.para][0]: h.marker.variant for h in heads if h.marker}
    issues = numbering_issues(sections, variants) + orphan_issues(sections)
    head_by_para = {h.para: h for h in heads}
    segments = _segments(text, spans, furniture, {title_idx, title_more} | sub_titles, head_by_para)
    _attach(segments, sections)
    title = None
    title_span = None
    if title_idx is not None:
        title_span = spans[title_idx]
        title = text[title_span[0]:title_span[1]].strip()
        if title_more is not None:
            title_span = (title_span[0], spans[title_more][1])
            title += text[spans[title_more][0]:spans[title_more][1]].strip()
    return Outline(title, title_span, sections, segments, spans, sorted(issues, key=lambda i: i.start))


_EMBEDDED = re.compile(r"[。；;！？!?：:]\s*(?=[（(一二三四五六七八九十\d①-⑳第专])")
_SENTENCE_STOP = "。；;！？!?"
# top-level styles whose first heading (一、 第一章) may run into the sentence before it
_OPENING_STYLES = ("cn_dun", "chapter")


def _split_embedded(text: str, spans: list[tuple[int, int]], furniture) -> list[tuple[int, int]]:
    """Split paragraphs where a heading was run into the text around it (PDF and web copies).

    A marker after a sentence end counts when it continues the numbering of a
    heading style already seen (（一）… then "…。（二）供给能力"), so prose that
    merely mentions "（二）" is left alone. The first top-level heading
    ("…制定本方案。一、工作目标…", "…如下：一、指导思想…", after a colon too)
    counts when the text goes on to number its second one (二、). A top-level
    marker run straight on after a value ("…至3月31日三、活动对象…") counts when it
    continues the numbering and opens a standard section name; and a heading whose
    section name runs straight into its first item ("四、活动内容1.…") ends at the name.
    """
    last: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if a in furniture:
            out.append((a, b))
            continue
        start = a
        while True:
            m = find_marker(text, start)
            if m is not None and m.number is not None:
                last[m.style] = m.number
            cut = _first_cut(text, start, b, m, last)
            if cut is None:
                break
            end, nxt, mk = cut
            out.append((start, end))
            start = nxt
        out.append((start, b))
    return out


_RUN_ON = re.compile(rf"(?<=[\u4e00-\u9fff0-9）)”\]】])(?=[一二三四五六七八九十]{{1,3}}、(?:{_SECTION_NAMES}))")
# a title run straight into the first heading (文库 copies flatten a page to one line):
# 街道庆元宵活动方案一、活动主题…二、活动目的…
_TITLE_RUN_ON = re.compile(rf"(?<=方案|计划|总结|要点|意见|安排)(?=一、(?:{_SECTION_NAMES}))")
_SECOND_NAMED = re.compile(rf"二、(?:{_SECTION_NAMES})")
_ITEM_AFTER_NAME = re.compile(rf"(?:{_SECTION_NAMES})(?=\d{{1,2}}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{{1,2}}[）)]|[①-⑳])")


def _first_cut(text: str, a: int, b: int, m, last: dict[str, int]):
    """The first place in the paragraph piece ``text[a:b]`` where a heading starts or ends:
    ``(end of this piece, start of the next, marker)``, or None."""
    if "cn_dun" not in last:
        t = _TITLE_RUN_ON.search(text, a, min(b, a + 41))
        if (t is not None and not any(c in _SENTENCE_STOP for c in text[a:t.start()])
                and _SECOND_NAMED.search(text, t.start(), b)):
            return t.start(), t.start(), None
    if m is not None and m.style in ("cn_dun", "cn_paren"):
        item = _ITEM_AFTER_NAME.match(text, m.end, b)
        if item is not None:
            return item.end(), item.end(), None
    best = None
    for hit in _EMBEDDED.finditer(text, a, b):
        pos = hit.end()
        mk = find_marker(text, pos)
        if mk is None or mk.number is None or mk.end >= b:
            continue
        continues = last.get(mk.style) == mk.number - 1 and text[hit.start()] in _SENTENCE_STOP
        opens = (mk.number == 1 and mk.style in _OPENING_STYLES and mk.style not in last
                 and _second_follows(text, mk, pos))
        if continues or opens:
            best = (hit.start() + 1, pos, mk)
            break
    for hit in _RUN_ON.finditer(text, a + 1, best[0] if best else b):
        mk = find_marker(text, hit.start())
        if mk is not None and mk.style == "cn_dun" and last.get("cn_dun") == mk.number - 1 and mk.end < b:
            return hit.start(), hit.start(), mk
    return best


def _second_follows(text: str, first, pos: int) -> bool:
    """Whether the nearest heading number 2 of the style of ``first`` (一、 → 二、) that opens a
    line or follows a sentence end does so after 。！？ or a line break, not after a ；."""
    two = "二" + first.text[-1] if first.style == "cn_dun" else "第二" + first.text[-1]
    i = text.find(two, pos)
    while i != -1:
        j = i - 1
        while j >= 0 and text[j] in " \t\u3000\xa0":
            j -= 1
        if j < 0 or text[j] in "\n。！？!?":
            return True
        if text[j] in "；;：:":       # the nearest 二、 after a ；: 一、…；二、… is a list in a sentence
            return False
        i = text.find(two, i + 1)
    return False


_COVER_NOTE = re.compile(r"印发|印送|转发")
# the number of one plan on a page of several, on a line of its own: 篇一, 【篇二】, 范文三, 第一篇
_PLAN_NUMBER = re.compile(r"^[【\[]?\s*(?:篇|范文|第)\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*篇?\s*[】\]]?[:：]?$")


def _para(text: str, spans: list[tuple[int, int]], i: int) -> str:
    a, b = spans[i]
    return text[a:b].strip()


def _find_title(text: str, spans: list[tuple[int, int]], content: list[int]) -> int | None:
    """The paragraph holding the plan's title: its first line, or the line after a cover note.

    A plan sent out with a cover note (…现印发给你们，请认真贯彻落实。) starts
    with the note and the issuing office (and date), and only then gives its
    own title: the first title-like line among the next few short lines.
    """
    if not content:
        return None
    if _title_like(text, spans, content[0]):
        return content[0]
    a, b = spans[content[0]]
    if not (_COVER_NOTE.search(text, a, b) and text[a:b].rstrip().endswith("。")):
        return None
    for i in content[1:5]:
        a, b = spans[i]
        if _title_like(text, spans, i):
            return i
        if b - a > 30 or detect_heading(text, i, a, b, prev_ends_sentence=True, next_exists=False):
            return None
    return None


# a line that only completes the title above it: （2021-2025年）, （试行）, （征求意见稿）
_TITLE_TAIL = re.compile(r"^[（(]\s*(\d{4}\s*[-—–－~～至到]+\s*\d{4}\s*年?|\d{4}\s*年|试行|暂行|修订|修订稿|草案|"
                         r"征求意见稿|送审稿|讨论稿|代拟稿)\s*[)）]$")


def _title_continuation(text: str, spans: list[tuple[int, int]], content: list[int],
                        title_idx: int | None) -> int | None:
    """The line right after the title that completes it (a period or a draft status), if any."""
    if title_idx is None:
        return None
    k = content.index(title_idx)
    if k + 1 >= len(content):
        return None
    a, b = spans[content[k + 1]]
    return content[k + 1] if _TITLE_TAIL.match(text[a:b].strip()) else None


# a news dateline or a date line above a title is not part of it (新华社北京3月16日电)
_DATELINE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日|电$|^(?:新华社|人民网|来源)")


def _title_over_two_lines(text: str, spans: list[tuple[int, int]],
                          content: list[int]) -> tuple[int | None, int | None]:
    """A title set over two lines (青山街道关于开展2024年 ⏎ “邻里守望”志愿服务活动的实施方案): a short
    first line without punctuation or a heading marker, and a second that is title-like."""
    if len(content) < 2:
        return None, None
    a, b = spans[content[0]]
    line = text[a:b].strip()
    if (len(line) > 30 or any(c in line for c in "。；;，,：:") or _NOT_TITLE.match(line) or _DATELINE.search(line)
            or detect_heading(text, content[0], a, b, prev_ends_sentence=False, next_exists=False)):
        return None, None
    c, d = spans[content[1]]
    if d - c > 40 or len(line) + d - c > 60 or not _title_like(text, spans, content[1]):
        return None, None
    return content[0], content[1]


def _title_like(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    a, b = spans[i]
    line = text[a:b].strip()
    if detect_heading(text, i, a, b, prev_ends_sentence=False, next_exists=False):
        return False
    if len(line) > 60 or any(c in line for c in "。；;") or _NOT_TITLE.match(line):
        return False
    if line.endswith(("：", ":", "，", ",")):
        return False
    return bool(_TITLE_WORDS.search(line))


def _levels_per_plan(heads: list[HeadingInfo], spans, plan_titles) -> list[int]:
    if not plan_titles:
        return assign_levels(heads)
    cuts = sorted(plan_titles)
    groups: dict[int, list[HeadingInfo]] = {}
    for h in heads:
        groups.setdefault(bisect.bisect_right(cuts, spans[h.para][0]), []).append(h)
    return [lv for _, hs in sorted(groups.items()) for lv in assign_levels(hs)]


def _find_headings(text: str, spans: list[tuple[int, int]], content: list[int],
                   title_idx: int | None, sub_titles: set[int]) -> list[HeadingInfo]:
    heads: list[HeadingInfo] = []
    prev_end_sentence = True
    last: dict[str, int] = {}
    for k, i in enumerate(content):
        a, b = spans[i]
        if i == title_idx or i in sub_titles:
            prev_end_sentence = True
            continue
        nxt = find_marker(text, spans[content[k + 1]][0]) if k + 1 < len(content) else None
        # a list item left without its full stop (• 14:00 开幕式) still ends what it says: a
        # standard section name on the next line is a heading
        after_item = k > 0 and _LIST_ITEM.match(text, spans[content[k - 1]][0]) is not None
        h = detect_heading(text, i, a, b, prev_ends_sentence=prev_end_sentence or after_item,
                           next_exists=k + 1 < len(content), next_style=nxt.style if nxt else None)
        if h is not None and h.number is not None:
            prev = text[spans[content[k - 1]][0]:spans[content[k - 1]][1]] if k else ""
            if _page_debris(h, last, prev_end_sentence, prev):
                h = None
            else:
                last[h.style] = h.number
        if h is not None:
            heads.append(h)
        prev_end_sentence = h is not None or text[b - 1] in SENT_END + "：:”"
    return heads


_LIST_ITEM = re.compile(r"[ \t\u3000]*(?:[•·●▪◆■]|\d{1,2}\s*[.、．)）](?!\d)|[（(]\d{1,2}[)）])")


def _page_debris(h: HeadingInfo, last: dict[str, int], prev_ends_sentence: bool, prev: str) -> bool:
    """A page number left in copied text (3、毒宣传栏): an Arabic-numbered heading that breaks its
    numbering (neither 1 nor one more than the last of its style, nor one more than a number
    in the paragraph before) right after body text cut off mid-sentence."""
    if h.style != "ar_dot" or prev_ends_sentence or h.number == 1 or last.get(h.style) == h.number - 1:
        return False
    if not prev or not ("\u4e00" <= prev[-1] <= "\u9fff" or prev[-1].isdigit()):
        return False
    return not any(f"{h.number - 1}{p}" in prev for p in "、.．")


def _segments(text: str, spans: list[tuple[int, int]], furniture, titles: set[int | None],
              heads: dict[int, HeadingInfo]) -> list[Segment]:
    segs: list[Segment] = []
    for i, (a, b) in enumerate(spans):
        if a in furniture:
            segs.append(Segment(a, b, "sentence", paragraph=i, role="other", role_score=1.0,
                                role_from="furniture", themes=["none"]))
            continue
        if i in titles:
            segs.append(Segment(a, b, "heading", paragraph=i, role="other", role_score=0.95,
                                role_from="rule", themes=["none"]))
            continue
        h = heads.get(i)
        if h is not None:
            segs.append(Segment(a, h.head_end, "heading", paragraph=i))
            a = h.head_end
            if a >= b:
                continue
        segs.extend(_body(text, a, b, i))
    for n, s in enumerate(segs):
        s.seg_id = n
    return segs


def _body(text: str, a: int, b: int, para: int) -> list[Segment]:
    out: list[Segment] = []
    items = runin_starts(text, a, b)
    if not items:
        return [Segment(s, e, "sentence", paragraph=para) for s, e in sentence_spans(text, a, b)]
    if items[0] > a:
        out += [Segment(s, e, "sentence", paragraph=para) for s, e in sentence_spans(text, a, items[0])]
    bounds = items + [b]
    for s, e in zip(bounds, bounds[1:]):
        while e > s and text[e - 1] in " \t\u3000\xa0":
            e -= 1
        if e > s:
            out.append(Segment(s, e, "item", paragraph=para))
    return out


def _attach(segments: list[Segment], sections: list[Section]) -> None:
    """Give each segment its deepest section, path and level."""
    flat: list[Section] = []
    parent: dict[int, Section | None] = {}

    def visit(secs: list[Section], up: Section | None) -> None:
        for s in secs:
            flat.append(s)
            parent[id(s)] = up
            visit(s.children, s)

    visit(sections, None)
    starts = [s.start for s in flat]
    for seg in segments:
        if seg.role_from in ("furniture", "rule"):
            continue
        k = bisect.bisect_right(starts, seg.start) - 1
        sec = flat[k] if k >= 0 else None
        while sec is not None and not (sec.start <= seg.start < max(sec.end, sec.heading_end)):
            sec = parent[id(sec)]
        if sec is not None:
            seg.section, seg.path, seg.level = sec, sec.path, sec.level
