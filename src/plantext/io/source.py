"""The object every reader returns: :class:`SourceText`, and its helpers.

A :class:`SourceText` *is* the text (a ``str`` subclass), plus what the
reader learnt on the way: the format, the encoding, warnings, what it
dropped and where, and one :class:`Block` per output line or paragraph so
that later stages can map offsets back to the source (a Word paragraph, a
table cell, a PDF line).
"""

from __future__ import annotations

import pathlib
from typing import Any, NamedTuple

#: Block kinds a reader may emit.
BLOCK_KINDS = ("paragraph", "heading", "table_cell", "list_item")

_ATTRS = ("path", "format", "encoding", "warnings", "removed", "blocks", "title")
_BRIEF = 200


class Block(NamedTuple):
    """A span of the output text that came from one source unit.

    ``ref`` locates the unit in the source: for .docx the index of the
    paragraph in ``Document.paragraphs`` or ``("table", t, r, c)``; for .pdf
    ``(page, line_no)`` (both from 0); for .html the tag name; for .txt/.md
    the line number (from 0).
    """

    start: int
    end: int
    kind: str
    ref: Any


class SourceText(str):
    """Text read from a source, with what the reader learnt about it.

    Slicing and every ``str`` method return a plain ``str``; only the
    attributes below are extra. Pickling and copying keep them.
    """

    path: pathlib.Path | None
    format: str
    encoding: str | None
    warnings: list[str]
    removed: list[tuple[int, int, str, str]]
    blocks: list[Block]
    title: str | None

    def __new__(cls, text: str = "", *, path=None, format: str = "text",
                encoding: str | None = None, warnings=(), removed=(), blocks=(),
                title: str | None = None):
        self = super().__new__(cls, text)
        self.path = pathlib.Path(path) if path is not None else None
        self.format = format
        self.encoding = encoding
        self.warnings = list(warnings)
        self.removed = list(removed)
        self.blocks = [Block(*b) for b in blocks]
        self.title = title
        return self

    def __reduce__(self):
        return (_rebuild, (str(self), {name: getattr(self, name) for name in _ATTRS}))

    def __repr__(self) -> str:
        where = f" {self.path.name!r}" if self.path else ""
        return f"<SourceText {self.format}{where} {len(self)} chars>"


def _rebuild(text: str, attrs: dict) -> SourceText:
    return SourceText(text, **attrs)


def brief(text: str, limit: int = _BRIEF) -> str:
    """``text`` with whitespace collapsed, cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TextBuilder:
    """Assembles reader output line by line, keeping blocks and removals.

    Lines are joined by ``\\n``; :meth:`blank` asks for one blank line before
    the next line (runs of them collapse). A line may hold several cells,
    joined by a tab, each its own block (table rows).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._blank = False
        self.blocks: list[Block] = []
        self.removed: list[tuple[int, int, str, str]] = []

    @property
    def position(self) -> int:
        """Offset in the output where the next dropped item is recorded."""
        return self._len

    def blank(self) -> None:
        """Put one blank line before the next line (none at the start)."""
        self._blank = bool(self._parts)

    def drop(self, reason: str, text: str, at: int | None = None) -> None:
        """Record that ``text`` was dropped at ``at`` (default: the end so far)."""
        pos = self._len if at is None else at
        self.removed.append((pos, pos, reason, brief(text)))

    def line(self, text: str, kind: str, ref: Any, drops=()) -> None:
        """Add one line made of one block; ``drops`` are ``(offset, reason, text)``."""
        self.row([(text, ref, drops)], kind)

    def row(self, cells, kind: str = "table_cell") -> None:
        """Add one line of tab-joined cells ``(text, ref, drops)``; one block each."""
        if not any(text.strip() for text, _, _ in cells):
            for _, _, drops in cells:
                for _, reason, text in drops:
                    self.drop(reason, text)
            return
        if self._parts:
            self._write("\n\n" if self._blank else "\n")
        self._blank = False
        for i, (text, ref, drops) in enumerate(cells):
            if i:
                self._write("\t")
            start = self._len
            for offset, reason, dropped in drops:
                self.drop(reason, dropped, at=start + min(max(offset, 0), len(text)))
            self._write(text)
            if text:
                self.blocks.append(Block(start, self._len, kind, ref))

    def _write(self, text: str) -> None:
        self._parts.append(text)
        self._len += len(text)

    def build(self, **attrs) -> SourceText:
        """The finished :class:`SourceText`; ``attrs`` are its other fields."""
        return SourceText("".join(self._parts), blocks=self.blocks,
                          removed=self.removed, **attrs)
