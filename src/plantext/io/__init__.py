"""Readers: bytes of a .txt, .md, .html/.htm, .docx or .pdf file → :class:`SourceText`.

>>> from plantext.io import read
>>> src = read("plan.docx")                      # doctest: +SKIP
>>> src.format, src.warnings, src.blocks[0]      # doctest: +SKIP

The format follows the suffix (case-insensitive); a file without a suffix is
sniffed (PDF, .docx, HTML, else text). Every failure is a
:class:`~plantext.errors.PlanTextError` with a catalogue code. Format
libraries (python-docx, pypdf, BeautifulSoup) load on first use.
"""

from __future__ import annotations

import os
import pathlib
import stat

from ..errors import InputError, UnsupportedFormatError, error
from .source import Block, SourceText

__all__ = ["read", "read_bytes", "SourceText", "Block", "FORMATS"]

#: Suffix → format.
FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html",
           ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
_SHOWN = 120


def read(path: str | os.PathLike) -> SourceText:
    """Read the file at ``path`` into a :class:`SourceText`."""
    if not isinstance(path, (str, os.PathLike)):
        hint = " (for bytes use plantext.io.read_bytes(data, suffix=...))" if isinstance(path, (bytes, bytearray)) else ""
        raise InputError(f"read() takes a path (str or pathlib.Path), not {type(path).__name__}{hint}.")
    path = pathlib.Path(path)
    name = _shown(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise error(InputError, "E006", path=name) from None
    except OSError as exc:
        raise error(InputError, "E016", path=name, reason=exc.strerror or exc) from None
    if stat.S_ISDIR(mode):
        raise error(InputError, "E014", path=name)
    fmt = _format(path.suffix, name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(InputError, "E016", path=name, reason=exc.strerror or exc) from None
    return _dispatch(data, fmt, name, path)


def read_bytes(data: bytes, *, suffix: str, name: str = "<bytes>") -> SourceText:
    """Read ``data`` as a file with ``suffix`` (``".docx"`` or ``"docx"``; ``""`` to sniff)."""
    suffix = suffix.lower()
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    return _dispatch(bytes(data), _format(suffix, name), name, None)


def _shown(path: pathlib.Path) -> str:
    text = str(path)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _format(suffix: str, name: str) -> str | None:
    """The format for ``suffix``; None to sniff; E003 if unsupported."""
    if not suffix:
        return None
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        raise error(UnsupportedFormatError, "E003", suffix=suffix, path=name)
    return fmt


def _sniff(data: bytes) -> str:
    """Guess the format of suffix-less bytes; ``"text"`` when nothing else fits."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:1 << 20]:
        return "docx"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _dispatch(data: bytes, fmt: str | None, name: str, path) -> SourceText:
    fmt = fmt or _sniff(data)
    if fmt in ("txt", "md", "text"):
        from .text import read_text
        if not data.strip():
            raise error(InputError, "E001")
        return read_text(data, format=fmt, name=name, path=path)
    if not data:
        raise error(InputError, "E001")
    if fmt == "html":
        from .html import read_html
        return read_html(data, name=name, path=path)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(data, name=name, path=path)
    from .pdf import read_pdf
    return read_pdf(data, name=name, path=path)
