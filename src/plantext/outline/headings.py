"""Which paragraphs are headings, their titles, and whether they run in.

A paragraph that opens with an outline marker is a heading; its title runs
to the first 。：；！？ outside quotes and brackets (an *inline* heading when
body text follows on the same line), or to the paragraph's end. A short
unnumbered line that names a standard section (指导思想, 工作目标 …) or ends
with a colon is an unnumbered heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import Marker, find_marker

TITLE_END = "。：:；;！？!?"
_OPEN = "“‘「『（(《〈【["
_CLOSE = "”’」』）)》〉】]"
TRAILING = "。；;：:，,、 \u3000"
MAX_PLAIN = 14

_NAMES = (
    "指导思想|总体要求|总体思路|基本原则|工作思路|工作原则|工作目标|主要目标|总体目标|目标任务|"
    "主要任务|重点任务|工作任务|工作措施|主要措施|重点工作|主要内容|工作内容|具体措施|实施内容|"
    "保障措施|组织领导|组织保障|工作保障|实施步骤|时间安排|进度安排|阶段安排|工作步骤|方法步骤|"
    "工作要求|有关要求|考核评估|督查考核|考核办法|检查验收|工作回顾|主要工作|存在问题|存在的问题|"
    "下步打算|下一步工作打算|下一步工作计划|相关术语|附则|附件|背景|必要性|"
    # the sections of an activity plan (活动方案)
    "活动主题|活动目的|活动时间|活动地点|活动对象|参加人员|参与人员|活动内容|活动安排|活动流程|"
    "活动步骤|活动准备|活动要求|安全措施|组织机构|工作职责|活动背景|活动形式|活动保障|安全保障|"
    "注意事项|安全须知|活动宣传|经费预算|活动时间和地点|活动时间与地点|活动时间及地点|时间和地点|时间地点")
_PLAIN_NAMES = re.compile(rf"^(?:{_NAMES})[：:]?$")
# a standard section name at the start of a "title" that is really a sentence: the heading ran
# into its body (一、工作目标到年底实现…，…); not a compound title (工作目标和主要任务)
_NAME_THEN_BODY = re.compile(rf"(?:{_NAMES})(?![和及与、暨并])")
MAX_TITLE = 30
# the fields of an activity plan: a value run straight on after one is never part of its title
_FIELD_NAME = re.compile(r"活动时间|活动地点|活动对象|参加人员|参与人员")
# a space between a short title and the body run in after it (flattened copies): 4–20 characters
# of title, then spaces, then more text
_TITLE_GAP = re.compile(r"^(?P<title>[^ \u3000\xa0]{3,19}[\u4e00-\u9fff”）)])[ \u3000\xa0]+(?=\S)")


# a short label line ending in a colon that introduces what follows (打造智慧养老场景：)
_COLON_TITLE = re.compile(r"^[\u4e00-\u9fff“”\w]{2,12}[：:]$")


_LIST_STYLES = ("ar_dot", "ar_paren", "circled", "ar_rparen")
_SALUTATION = re.compile(r"^(各位代表|各位委员|同志们|朋友们|女士们|先生们|各位)")


@dataclass
class HeadingInfo:
    """A heading paragraph: marker (None when unnumbered), title span, inline flag."""

    para: int                 # index into the paragraph list
    marker: Marker | None
    title_start: int
    title_end: int
    head_end: int             # end of the heading segment (title + its terminator)
    inline: bool
    style: str

    @property
    def number(self) -> int | None:
        return self.marker.number if self.marker else None


def title_end(text: str, start: int, end: int) -> int:
    """Offset of the first title terminator in ``text[start:end]`` outside brackets, or -1."""
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif c in TITLE_END and depth == 0:
            return i
    return -1


def detect_heading(text: str, para: int, start: int, end: int, *, prev_ends_sentence: bool,
                   next_exists: bool, next_style: str | None = None) -> HeadingInfo | None:
    """The heading that paragraph ``text[start:end]`` is, or None for body text."""
    marker = find_marker(text, start)
    if marker is not None and marker.end < end:
        return _numbered(text, para, marker, end)
    if prev_ends_sentence and next_exists:
        return _plain(text, para, start, end, next_style)
    return None


def _numbered(text: str, para: int, marker: Marker, end: int) -> HeadingInfo:
    t0 = marker.end
    stop = title_end(text, t0, end)
    run_in = _runs_into_body(text, t0, end if stop == -1 else stop, stop != -1 and text[stop] == "。")
    if run_in is not None:
        return HeadingInfo(para, marker, t0, run_in, run_in, True, marker.style)
    if stop == -1:
        t1, head_end, inline = _rstrip(text, t0, end), end, False
    else:
        rest = text[stop + 1:end].strip(" \t\u3000\xa0")
        head_end = stop + 1
        while head_end < end and text[head_end] in "”’」』":
            head_end += 1
        inline = bool(rest) and not _only_closers(rest)
        if not inline:
            head_end = end
        t1 = _rstrip(text, t0, stop)
    return HeadingInfo(para, marker, t0, max(t0, t1), head_end, inline, marker.style)


def _runs_into_body(text: str, t0: int, t1: int, full_stop: bool) -> int | None:
    """Where the title ends when a standard section name runs straight into body text.

    ``text[t0:t1]`` is what would be the title; when it reads as a sentence (a comma,
    longer than :data:`MAX_TITLE`, or closed by 。 six characters or more after the
    name) and opens with a section name followed by at least four more characters,
    or the name is followed straight by a number (a date, a count), the heading is
    the name alone.
    """
    cand = text[t0:t1]
    sentence = "，" in cand or "," in cand or len(cand) > MAX_TITLE
    gap = _TITLE_GAP.match(cand)
    if sentence and gap is not None and "，" not in gap.group("title"):
        return t0 + gap.end("title")     # 一、2023年工作回顾 2023年是…，…: the title ends at the space
    m = _NAME_THEN_BODY.match(text, t0, t1)
    if m is not None and _FIELD_NAME.fullmatch(m.group()) and t1 - m.end() >= 2:
        return m.end()           # a field's value run on: 四、活动地点街道中心广场
    if m is None or t1 - m.end() < 4:
        return None
    if sentence or full_stop and t1 - m.end() >= 6 or text[m.end()].isdigit():
        return m.end()           # …, or a value run on (活动时间2024年3月1日至3月31日)
    return None


def _only_closers(s: str) -> bool:
    return all(c in "”’」』）)】" for c in s)


def _plain(text: str, para: int, start: int, end: int, next_style: str | None) -> HeadingInfo | None:
    line = text[start:end]
    if len(line) > MAX_PLAIN + 1:
        return None
    if _PLAIN_NAMES.match(line.replace(" ", "")):
        style = "plain"
    elif (_COLON_TITLE.match(line) and not _SALUTATION.match(line)
          and next_style in _LIST_STYLES):
        style = "label"
    else:
        return None
    t1 = _rstrip(text, start, end)
    return HeadingInfo(para, None, start, t1, end, False, style)


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1] in TRAILING:
        b -= 1
    return b
