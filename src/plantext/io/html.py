"""HTML pages (.html/.htm): charset, page furniture out, block structure kept.

Each block element becomes its own line and ``<br>`` a line break. Script,
style, navigation, share bars, breadcrumbs, comment areas and hidden
elements are dropped and recorded in ``removed``. Tables that hold data
give one line per row, cells joined by a tab (one block per cell); layout
tables (nested tables, one column, long cells) are read like ``<div>``.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError, error
from .source import SourceText, TextBuilder
from .text import decode

_DROP_TAGS = frozenset("script style noscript nav header footer aside form iframe "
                       "template svg canvas object embed select button".split())
_SILENT_TAGS = frozenset(("head", "title", "meta", "link"))
_CELL_TAGS = frozenset(("td", "th"))
_BLOCK_TAGS = frozenset("address article blockquote body center dd details dialog dir div dl "
                        "dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr html li "
                        "main menu ol p pre section summary table tbody thead tfoot tr ul "
                        "caption legend option".split())
_KINDS = {**{f"h{i}": "heading" for i in range(1, 7)}, "li": "list_item", "dt": "list_item"}
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|sidebar|footer|"
    r"pagination|pager|toolbar|advert|ads|social|related)(?:$|[-_\s\d])"
    r"|share|breadcrumb|comment|bshare|jiathis", re.I)
_NEVER_FURNITURE = frozenset(("html", "body", "main", "article"))
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SOFT, _MARK = "\x01", "\x02"           # soft space (source newline), drop point
_SPACE_RUN = re.compile(f"[ {_SOFT}{_MARK}]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_WS = re.compile(r"[ \t\r\f\xa0]+")
_NL = re.compile(r"[ \t\r\f\xa0]*\n[\s\xa0]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_DATA_CELL_CHARS = 200     # mean cell length above which a table is layout
_TITLE_SPLIT = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
              "gb_2312-80": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252",
              "ascii": "cp1252", "us-ascii": "cp1252"}


def read_html(data: bytes, *, name: str = "<bytes>", path=None) -> SourceText:
    """Read HTML bytes into a :class:`SourceText` (format ``"html"``)."""
    from bs4 import BeautifulSoup

    text, encoding, warnings, removed = _decode_html(data, name)
    soup = BeautifulSoup(text, "lxml")
    walker = _Walker()
    walker.walk(soup)
    if removed:
        warnings.append("undecodable bytes were replaced; their positions are lost after parsing")
    title = walker.title or _page_title(soup)
    result = walker.out.build(path=path, format="html", encoding=encoding,
                              warnings=warnings, title=title)
    if not result.strip():
        raise error(InputError, "E001")
    return result


def _decode_html(data: bytes, name: str):
    """Decode by the declared charset when it fits, else by detection."""
    declared = _declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            text = None
        # valid non-ASCII UTF-8 is almost never another encoding: trust it over the tag
        if text is not None and (declared == "utf-8" or not _is_utf8(data)):
            text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
            return text, declared, [], []
    text, encoding, warnings, removed = decode(data, name)
    if declared:
        warnings.append(f"the page declares charset {declared} but is {encoding}")
    return text, encoding, warnings, removed


def _declared_charset(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name if not name.startswith("utf-16") else None
    except LookupError:
        return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def _page_title(soup) -> str | None:
    tag = soup.find("title")
    if tag is None or not tag.get_text(strip=True):
        return None
    parts = [p for p in _TITLE_SPLIT.split(tag.get_text(" ", strip=True)) if p]
    return parts[0] if parts else None


def _settle(raw: str):
    """Collapse whitespace in one line; return ``(text, drop offsets)``.

    A source newline between two CJK characters vanishes (browsers show a
    space, but Chinese text broken across source lines is one word run).
    """
    def space(match):
        run = match.group()
        marks = run.count(_MARK)
        before = raw[match.start() - 1] if match.start() else ""
        after = raw[match.end()] if match.end() < len(raw) else ""
        joined = " " not in run and bool(_IS_CJK.match(before)) and bool(_IS_CJK.match(after))
        return ("" if joined or not before or not after else " ") + _MARK * marks

    settled = _SPACE_RUN.sub(space, raw)
    offsets = [m.start() - i for i, m in enumerate(re.finditer(_MARK, settled))]
    return settled.replace(_MARK, ""), offsets


class _Walker:
    """Walks the parse tree without recursion, feeding a TextBuilder."""

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.title: str | None = None
        self._cells: list | None = None       # open data-table row: [(text, drops, tag)]
        self._raw: list[str] = []              # the open line
        self._drops: list[tuple[str, str]] = []
        self._open: list[str] = []             # open block elements, outermost first
        self._pre = 0
        self._tables: dict[int, bool] = {}

    def walk(self, root) -> None:
        from bs4.element import NavigableString, PreformattedString, Tag

        stack = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node)
            elif isinstance(node, Tag):
                if self._skip(node):
                    continue
                self._enter(node)
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
            elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
                self._text(str(node))

    def _skip(self, tag) -> bool:
        if tag.name in _SILENT_TAGS:
            return True
        reason = self._drop_reason(tag)
        if reason is None:
            return False
        text = tag.get_text(" ", strip=True)
        if text:
            self._raw.append(_MARK)
            self._drops.append((reason, text))
        return True

    @staticmethod
    def _drop_reason(tag) -> str | None:
        if tag.name in _DROP_TAGS:
            return f"html <{tag.name}>"
        if tag.has_attr("hidden") or tag.get("aria-hidden") == "true" \
                or _HIDDEN.search(tag.get("style", "")):
            return "html hidden element"
        if tag.name not in _NEVER_FURNITURE:
            names = " ".join(tag.get("class", [])) + " " + (tag.get("id") or "")
            match = _FURNITURE.search(names)
            if match:
                return f"html furniture ({match.group().strip(' -_')})"
        return None

    def _enter(self, tag) -> None:
        name = tag.name
        if name == "br":
            self._line_break()
        elif name in _CELL_TAGS and self._cells is not None:
            self._stray_cell()
        elif name == "tr" and self._data_table(tag):
            self._flush()
            self._cells = []
        elif (name in _BLOCK_TAGS or name in _CELL_TAGS) and self._cells is None:
            self._flush()
            self._open.append(name)
        if name == "pre":
            self._pre += 1
        if name == "h1" and self.title is None:
            self.title = tag.get_text(" ", strip=True) or None

    def _leave(self, tag) -> None:
        name = tag.name
        if name == "pre":
            self._pre -= 1
        if name in _CELL_TAGS and self._cells is not None:
            self._cells.append((*self._take_line(), name))
        elif name == "tr" and self._cells is not None:
            self._close_row()
        elif (name in _BLOCK_TAGS or name in _CELL_TAGS) and self._cells is None:
            self._flush()
            if self._open and self._open[-1] == name:
                self._open.pop()
        elif name in _BLOCK_TAGS and self._cells is not None:
            self._raw.append(" ")

    def _data_table(self, tr) -> bool:
        table = tr.parent
        while table is not None and table.name != "table":
            table = table.parent
        if table is None:
            return False
        key = id(table)
        if key not in self._tables:
            self._tables[key] = _is_data_table(table)
        return self._tables[key]

    def _text(self, text: str) -> None:
        text = _CONTROL.sub("", text)
        if self._pre:
            first, *rest = text.split("\n")
            self._raw.append(first.replace(" ", "\xa0"))
            for piece in rest:
                self._line_break()
                self._raw.append(piece.replace(" ", "\xa0"))
            return
        text = _NL.sub(_SOFT, text)
        self._raw.append(_WS.sub(" ", text))

    def _line_break(self) -> None:
        if self._cells is not None:
            self._raw.append(" ")
            return
        if not "".join(self._raw).strip(" " + _SOFT + _MARK):
            self.out.blank()
        self._flush()

    def _take_line(self):
        text, offsets = _settle("".join(self._raw).strip(" " + _SOFT))
        text = text.replace("\xa0", " ")
        stripped = len(text) - len(text.lstrip())
        drops = [(o - stripped, reason, t) for o, (reason, t) in zip(offsets, self._drops)]
        self._raw, self._drops = [], []
        return text.strip(), drops

    def _flush(self) -> None:
        text, drops = self._take_line()
        if not (text or drops):
            return
        ref = self._open[-1] if self._open else "body"
        kind = next((_KINDS[t] for t in reversed(self._open) if t in _KINDS), "paragraph")
        self.out.line(text, kind, ref, drops)

    def _stray_cell(self) -> None:
        """Text inside a row but outside its cells becomes a cell of its own."""
        text, drops = self._take_line()
        if text or drops:
            self._cells.append((text, drops, "tr"))

    def _close_row(self) -> None:
        self._stray_cell()
        cells, self._cells = self._cells, None
        self.out.row([(text, ref, drops) for text, drops, ref in cells], "table_cell")


def _is_data_table(table) -> bool:
    """A table of data, not of layout: no nested table, 2+ columns, short cells."""
    widest = cells = chars = 0
    for node in table.descendants:
        name = getattr(node, "name", None)
        if name == "table":
            return False
        if name == "tr":
            width = sum(1 for child in node.children if getattr(child, "name", None) in _CELL_TAGS)
            widest = max(widest, width)
        elif name in _CELL_TAGS:
            cells += 1
        elif name is None:
            chars += len(node.strip())
    return widest >= 2 and chars <= _DATA_CELL_CHARS * max(1, cells)
