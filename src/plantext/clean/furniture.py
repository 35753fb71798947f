"""Web page furniture: the lines around a plan that are not the plan.

Breadcrumbs, source/author/share lines, "下面是小编…" intros, toolbar junk
(下载/打印/【字号】), related-article lists, page numbers and trailing ids.
:func:`furniture_lines` returns ``(start, end, reason)`` for each such line,
``end`` excluding the newline.
"""

from __future__ import annotations

import re

_TOOLBAR = {
    "下载", "打印", "全屏", "收藏", "关闭", "关闭窗口", "打印本页", "关闭本页", "返回顶部", "分享", "分享到",
    "分享到:", "分享到：", "分享到微信", "分享到微博", "加大", "还原", "减小", "大", "中", "小", "】", "【",
    "【字号：", "【字号:", "【字体：", "【字体:", "字号", "字体", "首页", ">", "|", "×", "您的位置:",
    "您的位置：", "当前位置:", "当前位置：", "扫一扫", "微信", "微博", "QQ空间", "纠错", "【打印】",
    "【关闭】", "【纠错】", "上一篇", "下一篇", "返回", "默认", "视力保护色", "【大 中 小】",
}
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("breadcrumb", re.compile(r"^[^。，；]{0,40}(?:>|＞|»|›)[^。，；]{0,40}(?:>|＞|»|›)")),
    ("breadcrumb", re.compile(r"^(?:您的位置|当前位置|所在位置)[:：]")),
    ("source line", re.compile(r"^(?:来源|作者|编辑|责任编辑|发布时间|发布日期|浏览次数|点击数|阅读数|字号|信息来源|文章来源|发布者|发布机构)\s*[:：]")),
    # 时间： is a web page's date line only with a page's date stamp (2023-05-06, 2023年05月06日
    # 09:22:11) or beside other source words; an activity plan's 时间：3月2日 and an empty
    # 时间： field are the plan's own
    ("source line", re.compile(r"^时\s*间\s*[:：]\s*(?:\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}"
                               r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}:\d{2})")),
    ("source line", re.compile(r"^时\s*间\s*[:：].{0,40}(?:分享|来源|作者|浏览|点击|阅读|字号|编辑)")),
    # document-sharing sites (文库): the rights notice, the "document summary" labels, page counters
    ("source line", re.compile(r"^版权\S{0,8}?(?:说明|声明)[:：]|^(?:文档简介|资源描述|文本内容|内容简介|推荐文章|下载本文档)[:：]?$"
                               r"|^已阅读\d+页")),
    ("timestamp", re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")),
    ("editor intro", re.compile(r"(?:下面是小编|小编(?:为大家|给大家|整理|精心|带来)|希望(?:能让|对|能对)(?:大家|你|您)有(?:所)?(?:收获|帮助)|欢迎(?:阅读|参考|借鉴)。?$)")),
    ("toolbar", re.compile(r"^【?(?:字号|字体)[:：]?\s*(?:大|中|小|加大|还原|减小|\s)*】?$")),
    ("toolbar", re.compile(r"^(?:[【\[]?(?:打印|关闭|收藏|分享|纠错|下载|返回)[】\]]?\s*){2,}$")),
    ("toolbar", re.compile(r"^[》>]+.{0,20}[《<]+$")),
    ("page number", re.compile(r"^(?:[-—－]\s*\d{1,4}\s*[-—－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")),
    ("related articles", re.compile(r"^(?:上一篇|下一篇)[:：].{0,40}$")),
]
_RELATED_HEAD = re.compile(r"(?:相关(?:文章|阅读|推荐|报道|文档|链接|新闻)|延伸阅读|猜你喜欢|热门推荐|推荐阅读)[:：]?$")
_SENTENCE_PUNCT = re.compile(r"[。；！？]")
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_TRAILING_ID = re.compile(r"^\d{4,}$")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip(" \t\r\u3000\xa0")
        lead = len(line) - len(line.lstrip(" \t\r\u3000\xa0"))
        out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return out


def line_reason(line: str) -> str | None:
    """Why a single line is page furniture, or None when it is not."""
    if not line:
        return None
    if line in _TOOLBAR:
        return "toolbar"
    for reason, pattern in _PATTERNS:
        if pattern.search(line):
            return reason
    return None


def furniture_lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` of every furniture line of ``text``."""
    lines = _lines(text)
    reasons: list[str | None] = [line_reason(t) for _, _, t in lines]
    _bare_numbers(lines, reasons)
    _header_time(lines, reasons)
    _header_zone(lines, reasons)
    _related_tail(lines, reasons)
    return [(a, b, r) for (a, b, _), r in zip(lines, reasons) if r and b > a]


def _bare_numbers(lines, reasons) -> None:
    """A line holding only a small number is a page number; a long one at the end an id."""
    nonempty = [i for i, (_, _, t) in enumerate(lines) if t]
    for k, i in enumerate(nonempty):
        t = lines[i][2]
        if _BARE_NUMBER.match(t) and reasons[i] is None:
            reasons[i] = "page number"
        elif _TRAILING_ID.match(t) and k >= len(nonempty) - 2:
            reasons[i] = "trailing id"


_EMPTY_TIME = re.compile(r"^时\s*间\s*[:：]$")
_FIELD_NEXT = re.compile(r"^[\u4e00-\u9fff]{1,6}\s*[:：]")


def _header_time(lines, reasons) -> None:
    """An empty 时间： among the first three lines of a page, before any field, is the page's
    empty date line (a plan's own time field comes after its title and opening, beside
    other fields such as 地点：)."""
    nonempty = [i for i, (_, _, t) in enumerate(lines) if t]
    for k, i in enumerate(nonempty[:3]):
        if reasons[i] is None and _EMPTY_TIME.match(lines[i][2]):
            nxt = lines[nonempty[k + 1]][2] if k + 1 < len(nonempty) else ""
            if not _FIELD_NEXT.match(nxt):
                reasons[i] = "source line"


def _header_zone(lines, reasons) -> None:
    """Short lines wedged between furniture lines at the top are furniture too (breadcrumb parts)."""
    nonempty = [i for i, (_, _, t) in enumerate(lines) if t]
    for k, i in enumerate(nonempty[:30]):
        t = lines[i][2]
        if reasons[i]:
            continue
        prev_f = k > 0 and reasons[nonempty[k - 1]] is not None
        if not prev_f:
            break
        prev_t = lines[nonempty[k - 1]][2]
        next_f = k + 1 < len(nonempty) and reasons[nonempty[k + 1]] is not None
        if len(t) <= 6 and not _SENTENCE_PUNCT.search(t) and (next_f or t == prev_t or prev_t in (">", "＞")):
            reasons[i] = "breadcrumb"
        elif t == prev_t:
            reasons[i] = "breadcrumb"
        elif not next_f:
            break


def _related_tail(lines, reasons) -> None:
    """From a "相关文章" heading near the end, the short title lines that follow."""
    nonempty = [i for i, (_, _, t) in enumerate(lines) if t]
    for k, i in enumerate(nonempty):
        if not _RELATED_HEAD.search(lines[i][2]):
            continue
        rest = nonempty[k + 1:]
        if len(rest) > 40 or any(_SENTENCE_PUNCT.search(lines[j][2]) or len(lines[j][2]) > 40
                                 for j in rest):
            continue
        reasons[i] = "related articles"
        for j in rest:
            reasons[j] = reasons[j] or "related articles"
        return
