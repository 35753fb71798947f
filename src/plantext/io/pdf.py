"""PDF files: the text layer (pypdf), page furniture out, paragraphs re-joined.

pypdf rather than pdfplumber: it is a declared dependency, pure Python and
several times faster, and its plain text order is good enough for the one-
column pages plans are printed on. Physical lines are re-joined into
paragraphs: a line is joined to the next unless it ends with sentence-final
punctuation, is clearly shorter than a full line (a heading, a paragraph's
last line), or the next line opens with an outline marker (一、 （一） 1. …).
Page numbers and running headers/footers at page edges are dropped and
recorded in ``removed``. Blocks are paragraphs, ``ref = (page, line_no)`` of
their first line, both from 0.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import CorruptFileError, InputError, error
from .source import SourceText, TextBuilder

_KIND = "PDF"
_NUM = r"[0-9０-９]{1,4}"
_CN_NUM = "一二三四五六七八九十百零〇"
_PAGE_NUMBER = re.compile(
    rf"[-－—–~～·\s]*(?:第\s*(?:{_NUM}|[{_CN_NUM}]+)\s*页(?:\s*[，,]?\s*共\s*{_NUM}\s*页)?"
    rf"|{_NUM}(?:\s*[/／]\s*{_NUM})?|page\s*{_NUM}(?:\s*of\s*{_NUM})?)[-－—–~～·\s]*",
    re.I)
_MARKER = re.compile(
    rf"\s*(?:[{_CN_NUM}]+\s*[、．.]|[（(]\s*[{_CN_NUM}]+\s*[）)]|[0-9０-９]{{1,3}}\s*[、.．)）](?![0-9])"
    rf"|[（(]\s*[0-9０-９]{{1,3}}\s*[）)]|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]"
    rf"|第[{_CN_NUM}0-9]+[章节条部分篇]|附件|[•●■◆▪]"
    rf"|[A-Za-z]\s*[.、)]\s)")
_WORD_PREFIX = re.compile(r"^Microsoft Word - |\.docx?$", re.I)
_NO_TITLE = frozenset(("", "untitled", "无标题", "title"))
_FINAL = tuple("。！？；：…”’」』!?;:")
_PLURAL = {"page number": "page numbers", "running header/footer": "running headers/footers"}
_EDGE = 2                 # lines at the top and at the bottom of a page checked for furniture
_SHORT = 0.75             # a line under this share of a full line ends its paragraph
_MIN_LINES_FOR_WIDTH = 6


def read_pdf(data: bytes, *, name: str = "<bytes>", path=None) -> SourceText:
    """Read PDF bytes into a :class:`SourceText` (format ``"pdf"``)."""
    reader = _open(data, name)
    pages, sizes, warnings = _page_lines(reader)
    pages = _title_over_lines(pages, sizes)
    if not any(text.strip() for lines in pages for _, text in lines):
        raise error(InputError, "E015", path=name, pages=len(pages))
    blank = sum(1 for lines in pages if not lines)
    if blank:
        warnings.append(f"{blank} of {len(pages)} pages have no text layer (scanned?)")
    items, dropped = _remove_furniture(pages)
    if dropped:
        warnings.append("; ".join(f"dropped {n} {what}" for what, n in dropped.items()))
    out = TextBuilder()
    _join(items, out)
    return out.build(path=path, format="pdf", warnings=warnings, title=_title(reader))


def _open(data: bytes, name: str):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _corrupt(name, "it is encrypted with a password; save an unprotected copy")
        len(reader.pages)
    except PyPdfError as exc:
        raise _corrupt(name, f"{type(exc).__name__}: {exc}") from exc
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, OSError) as exc:
        raise _corrupt(name, f"{type(exc).__name__}: {exc}") from exc
    return reader


def _corrupt(name: str, reason: str):
    return error(CorruptFileError, "E005", path=name, kind=_KIND, reason=reason)


def _title(reader) -> str | None:
    from pypdf.errors import PyPdfError

    try:
        title = reader.metadata.title if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError):
        return None
    title = _WORD_PREFIX.sub("", str(title or "")).strip()
    return None if title.lower() in _NO_TITLE else title


def _page_lines(reader):
    """Per page, the ``(line_no, text)`` of its non-blank lines; per page, each line's font size;
    and warnings."""
    from pypdf.errors import PyPdfError

    pages, sizes, failed = [], [], []
    for number, page in enumerate(reader.pages):
        try:
            lines, line_sizes = _positioned_lines(page)
        except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, ZeroDivisionError) as exc:
            failed.append(f"{number + 1} ({type(exc).__name__})")
            lines, line_sizes = [], []
        pages.append([(i, line) for i, line in enumerate(lines)])
        sizes.append(line_sizes)
    warnings = [f"could not extract the text of page(s) {', '.join(failed)}"] if failed else []
    return pages, sizes, warnings


_LINE_TOLERANCE = 0.4     # runs whose baselines differ by less than this share of the font size share a line


def _positioned_lines(page) -> tuple[list[str], list[float]]:
    """The page's lines rebuilt from its text runs by position, and each line's font size.

    pypdf's plain text starts a new line at every run drawn on its own (a quotation
    mark or a number set in another font: 开展⏎“⏎邻里守望⏎”⏎活动) and puts a space
    between runs with a small gap (2024 年3 月). Runs on one baseline are one line here,
    in order along it, glued without a space unless two Latin words or numbers meet
    across a real gap. Where the runs do not account for the page's text (an unusual
    text matrix, rotated text), pypdf's own lines are kept.
    """
    runs: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        text = text.replace("\n", "").replace("\r", "").strip()   # spaces between runs: _glue decides
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = abs(font_size * (tm[3] or tm[0]) * (cm[3] or cm[0])) or 1.0
        runs.append((x, y, size, text))

    plain = page.extract_text(visitor_text=visit) or ""
    fallback = [line.strip() for line in plain.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    fallback = [line for line in fallback if line]
    seen = sum(len(re.sub(r"\s", "", t)) for *_, t in runs)
    if not runs or seen < 0.95 * len(re.sub(r"\s", "", plain)):
        return fallback, [0.0] * len(fallback)
    rows: list[list[tuple[float, float, float, str]]] = []
    for run in sorted(runs, key=lambda r: -r[1]):
        if rows and abs(rows[-1][0][1] - run[1]) < _LINE_TOLERANCE * max(run[2], rows[-1][0][2]):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines, sizes = [], []
    for row in rows:
        row.sort(key=lambda r: r[0])
        text = _glue(row).strip()
        if text:
            lines.append(text)
            sizes.append(max(r[2] for r in row))
    return lines, sizes


def _glue(row) -> str:
    out = row[0][3]
    for (x0, _, size, prev), (x1, _, _, cur) in zip(row, row[1:]):
        a, b = out[-1:], cur[:1]
        latin = a.isascii() and a.isalnum() and b.isascii() and b.isalnum()
        gap = x1 - (x0 + _width(prev) * size)
        out += (" " if latin and gap > 0.2 * size else "") + cur
    return out


_TITLE_WORDS = re.compile(r"(计划|方案|要点|报告|总结|意见|规划|纲要|办法|通知|安排|细则|决定)[)）]?$")
_SENTENCE = re.compile(r"[。；！？，]")


def _title_over_lines(pages, sizes):
    """The first page's title set over two or three lines, as one line.

    Lines at the top of the first page, in one font size larger than the body's,
    without sentence punctuation, the last of them ending like a title (…实施方案):
    a title too long for one line. Without font sizes (pypdf's own lines) the same
    holds for two short lines of which only the second ends like a title.
    """
    if not pages or len(pages[0]) < 2:
        return pages
    first, size = pages[0], sizes[0] if sizes else []
    body = sorted(x for x in size[3:] if x) if len(size) > 3 else []
    big = body and size[0] and size[0] > 1.15 * body[len(body) // 2]
    k = 1
    if big:
        while k < min(3, len(first)) and size[k] == size[0] and not _SENTENCE.search(first[k][1]):
            k += 1
    elif not any(size) and not _TITLE_WORDS.search(first[0][1]) and _TITLE_WORDS.search(first[1][1]) \
            and len(first[0][1]) + len(first[1][1]) <= 60:
        k = 2
    lines = [t for _, t in first[:k]]
    if k == 1 or _SENTENCE.search("".join(lines)) or not _TITLE_WORDS.search(lines[-1]):
        return pages
    joined = (first[0][0], "".join(lines))
    return [[joined] + first[k:]] + pages[1:]


def _remove_furniture(pages):
    """The kept lines and the drops, in reading order; and counts per reason.

    Items are ``("line", page, line_no, text)`` or ``("drop", reason, text)``.
    """
    edges = [_edge_indexes(lines) for lines in pages]
    full = _full_width([text for lines in pages for _, text in lines])
    repeated = _running_lines(pages, edges, full)
    items, dropped = [], Counter()
    for page, (lines, edge) in enumerate(zip(pages, edges)):
        for index, (line_no, text) in enumerate(lines):
            reason = None
            if index in edge:
                if _PAGE_NUMBER.fullmatch(text):
                    reason = "page number"
                elif _key(text) in repeated:
                    reason = "running header/footer"
            if reason:
                items.append(("drop", reason, text))
                dropped[_PLURAL[reason]] += 1
            else:
                items.append(("line", page, line_no, text))
    return items, dict(dropped)


def _edge_indexes(lines) -> set[int]:
    n = len(lines)
    return set(range(min(_EDGE, n))) | set(range(max(0, n - _EDGE), n))


def _key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", text))


def _running_lines(pages, edges, full: float | None) -> set[str]:
    """Keys of short edge lines repeated on at least half the pages (and on 2+)."""
    if len(pages) < 2:
        return set()
    seen = Counter()
    for lines, edge in zip(pages, edges):
        seen.update({_key(lines[i][1]) for i in edge
                     if full is None or _width(lines[i][1]) < _SHORT * full})
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, count in seen.items() if count >= need and key}


def _width(text: str) -> float:
    """Display width: ASCII counts half a CJK character."""
    ascii_chars = sum(1 for ch in text if ch < "\x80")
    return len(text) - ascii_chars / 2


def _full_width(lines) -> float | None:
    """The width of a full line: the 90th percentile of line widths."""
    widths = sorted(_width(text) for text in lines)
    if len(widths) < _MIN_LINES_FOR_WIDTH:
        return None
    return widths[int(0.9 * (len(widths) - 1))]


def _continues(line: str, following: str, full: float | None) -> bool:
    """Whether physical ``line`` runs on into ``following`` (same paragraph)."""
    if line.endswith(_FINAL) or _MARKER.match(following) or _TITLE_WORDS.search(line):
        return False
    return full is None or _width(line) >= _SHORT * full


def _join(items, out: TextBuilder) -> None:
    """Feed paragraphs (re-joined lines) and drops to ``out``."""
    full = _full_width([item[3] for item in items if item[0] == "line"])
    parts, drops, ref, length, last = [], [], None, 0, ""
    for item in items:
        if item[0] == "drop":
            drops.append((length, item[1], item[2]))
            continue
        _, page, line_no, text = item
        if parts and _continues(last, text, full):
            glue = " " if last[-1:].isascii() and last[-1:].isalnum() and text[:1].isascii() \
                and text[:1].isalnum() else ""
            parts.append(glue + text)
        else:
            if parts:
                out.line("".join(parts), "paragraph", ref, drops)
                drops, length = [], 0
            parts, ref = [text], (page, line_no)
        length += len(parts[-1])
        last = text
    if parts or drops:
        out.line("".join(parts), "paragraph", ref, drops)
