"""Lines that no section of the plan speaks for, whatever section the outline puts them in.

labels.md gives ``other`` to "titles, dates, signatures, attachments, page
furniture". The outline, though, lets the last section run to the end of the
text, so the heading rule (rule 1) handed its role to the lines after it:

* the **attachments**: from a line that announces one (附件, 附件2, 附件：…清单)
  after the plan's first heading, to the end of the text — the attached
  tables and guides have headings of their own (一、…), which name no role of
  *this* plan;
* the **sign-off** (落款): the issuing bodies and the date that close the plan
  (…人民政府 / 2024年3月1日 / …办公厅2019年5月14日印发), read back from its end;
* **tables of contents** (二、总体思路……………3): an entry, not the section;
* **figure captions** (图2 总体架构图（略）).

Each such segment gets ``other`` from a sure rule (``role_from="rule"``,
:data:`SURE_RULE`), which the models read as fixed.
"""

from __future__ import annotations

import re
import unicodedata

from ..document import Plan
from .scores import SURE_RULE

_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*(?:[:：].*)?$")
_DATE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日$")
_ISSUED = re.compile(r"^\S[^，。；！？,;!?]{0,40}年.{1,3}月.{1,3}日\s*(?:印发|发布|印)$")
_ORG_END = re.compile(r"(?:委员会|办事处|人民政府|政府|居委会|党委|党工委|领导小组|办公室|办公厅|部|局|厅|委|署|院|"
                      r"总局|中心|联合会|协会|街道|社区|镇|乡)$")
_ITEM = re.compile(r"^[（(]?[一二三四五六七八九十0-9]+[、.)）]")
_TOC = re.compile(r"(?:[.．。…·•]\s*){6,}\s*\d*\s*$")
_FIGURE = re.compile(r"^图\s*\d+(?:[-.]\d+)*[\s:：]")
_SENTENCE = re.compile(r"[，。；！？,;!?]")
MAX_SIGNOFF = 20      # lines read back from the end: joint notices list a dozen issuers


def closing_roles(plan: Plan) -> None:
    """Give attachments, the sign-off, table-of-contents entries and figure captions ``other``."""
    paragraphs: dict[int, list] = {}
    for seg in plan.segments:
        if seg.role_from != "furniture":
            paragraphs.setdefault(seg.paragraph, []).append(seg)
    order = sorted(paragraphs)
    lines = {p: _norm(plan.text[paragraphs[p][0].start:paragraphs[p][-1].end]) for p in order}
    first_heading = min((s.heading_start for s in plan.sections), default=len(plan.text))
    chosen: set[int] = set()
    end = len(order)
    for k, p in enumerate(order):      # attachments: the rest of the text
        if paragraphs[p][0].start > first_heading and _ATTACHMENT.match(lines[p]) and len(lines[p]) <= 120:
            chosen.update(order[k:])
            end = k
            break
    for p in reversed(order[max(0, end - MAX_SIGNOFF):end]):     # the sign-off, read back from the end
        if not is_signoff(lines[p]) or all(s.kind == "heading" for s in paragraphs[p]) and plan.sections:
            break
        chosen.add(p)
    chosen.update(p for p in order if _TOC.search(lines[p]) or
                  _FIGURE.match(lines[p]) and len(lines[p]) <= 40 and not _SENTENCE.search(lines[p]))
    for p in chosen:
        for seg in paragraphs[p]:
            seg.role, seg.role_score, seg.role_from = "other", SURE_RULE, "rule"


def is_signoff(line: str) -> bool:
    """A closing line: a date, an issuing note (…2019年5月14日印发) or a short name of a body."""
    line = _norm(line)
    if _DATE.match(line) or _ISSUED.match(line):
        return True
    return (len(line) <= 30 and not _SENTENCE.search(line) and not _ITEM.match(line)
            and not line.endswith("：") and bool(_ORG_END.search(line)))


def _norm(line: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip()
