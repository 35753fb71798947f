"""Plain text (.txt, .md): encoding detection, binary sniffing, blocks.

Order of guesses: a BOM (UTF-8, UTF-32, UTF-16); BOM-less UTF-16 by its NUL
pattern; strict UTF-8; UTF-8 with a few bad bytes (replaced, counted and
recorded); strict GB18030 (a superset of GBK and GB2312); charset-normalizer.
Every step is linear in the size of the input.
"""

from __future__ import annotations

import codecs
import re

from ..errors import DecodeError, InputError, error
from .source import Block, SourceText

_BOMS = (  # (bom, codec, name); UTF-32 before UTF-16, whose BOM it extends
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "it starts like a PDF file"),
    (b"PK\x03\x04", "it starts like a ZIP archive, e.g. a .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "it starts like an old Office file (.doc/.xls)"),
    (b"\x89PNG", "it starts like a PNG image"),
    (b"\xff\xd8\xff", "it starts like a JPEG image"),
    (b"GIF8", "it starts like a GIF image"),
    (b"\x1f\x8b", "it starts like a gzip archive"),
    (b"Rar!", "it starts like a RAR archive"),
    (b"7z\xbc\xaf", "it starts like a 7z archive"),
)
_SAMPLE = 1 << 16
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_ESCAPED = re.compile(r"[\udc80-\udcff]")
_NEWLINES = re.compile(r"\r\n?")
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
_ONE_PARITY = 0.8    # share of NULs on one parity that says BOM-less UTF-16 (一 is 00 4E)
_UTF8_EVIDENCE = 20  # well-formed non-ASCII chars needed per bad byte to keep UTF-8


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[str], list]:
    """Decode ``data``; return ``(text, encoding, warnings, removed)``.

    Line ends are ``\\n`` in the result. Undecodable bytes are never dropped
    silently: each becomes U+FFFD, recorded in ``removed`` and counted in a
    warning. Raises E002 for binary data and E004 when no encoding fits.
    """
    guess = _by_bom(data) or _by_nul_pattern(data)
    if guess is None:
        _refuse_binary(data)
        guess = _by_trial(data, name)
    text, encoding, warnings = guess
    text = _NEWLINES.sub("\n", text)
    text, removed = _replace_escapes(text)
    if removed:
        warnings.append(f"replaced {len(removed)} undecodable byte(s) with U+FFFD")
    return text, encoding, warnings, removed


def _by_bom(data: bytes):
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            unit = {"utf-16": 2, "utf-32": 4}.get(codec, 1)
            try:
                text = data[: len(data) - len(data) % unit].decode(codec)
            except UnicodeDecodeError:
                return None
            _refuse_control_text(text)
            warnings = [] if codec == "utf-8-sig" else [f"decoded as {name.upper()}"]
            if len(data) % unit:
                warnings.append(f"dropped {len(data) % unit} stray byte(s) at the end")
            return text, name, warnings
    return None


def _by_nul_pattern(data: bytes):
    """BOM-less UTF-16: NULs (high bytes of ASCII) all on one parity."""
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even + odd < 2:
        return None
    if odd >= _ONE_PARITY * (even + odd):
        codec = "utf-16-le"
    elif even >= _ONE_PARITY * (even + odd):
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    _refuse_control_text(text)
    warnings = [f"decoded as {codec.upper()} (no BOM)"]
    if len(data) % 2:
        warnings.append("dropped 1 stray byte(s) at the end")
    return text, codec, warnings


def _refuse_binary(data: bytes) -> None:
    head = data[:_SAMPLE]
    for magic, reason in _MAGIC:
        if head.startswith(magic):
            raise error(InputError, "E002", reason=reason)
    first_nul = data.find(b"\x00")
    if first_nul >= 0:
        raise error(InputError, "E002", reason=f"it holds NUL bytes, the first at byte {first_nul}")
    controls = len(_CONTROL.findall(head))
    if controls > max(8, len(head) // 20):
        raise error(InputError, "E002", reason=f"{controls} control bytes in its first {len(head)}")


def _refuse_control_text(text: str) -> None:
    head = text[:_SAMPLE]
    controls = len(_CONTROL_TEXT.findall(head))
    if controls > max(8, len(head) // 20):
        raise error(InputError, "E002", reason=f"{controls} control characters in its first {len(head)}")


def _by_trial(data: bytes, name: str):
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text.removeprefix("\ufeff"), "utf-8", []
    try:
        return data.decode("gb18030"), "gb18030", ["decoded as GB18030"]
    except UnicodeDecodeError:
        pass
    return _by_charset_normalizer(data, name)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (escaped), or None; a sample decides first."""
    text = None
    for chunk in (data[:_SAMPLE], data):
        text = chunk.decode("utf-8", errors="surrogateescape")
        bad = len(text) - len(_ESCAPED.sub("", text))
        well_formed = len(text) - len(_NON_ASCII.sub("", text))
        if well_formed < _UTF8_EVIDENCE * bad:
            return None
    return text


def _by_charset_normalizer(data: bytes, name: str):
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise error(DecodeError, "E004", path=name)
    encoding = best.encoding
    return str(best), encoding, [f"decoded as {encoding} (guessed by charset-normalizer)"]


def _replace_escapes(text: str):
    """Turn surrogate-escaped bytes into U+FFFD, recording each."""
    if not _ESCAPED.search(text):
        return text, []
    removed = [(m.start(), m.start() + 1, "undecodable byte",
                f"\\x{ord(m.group()) - 0xDC00:02x}") for m in _ESCAPED.finditer(text)]
    return _ESCAPED.sub("\ufffd", text), removed


def read_text(data: bytes, *, format: str = "txt", name: str = "<bytes>", path=None) -> SourceText:
    """Read .txt/.md (or suffix-less text) bytes into a :class:`SourceText`."""
    text, encoding, warnings, removed = decode(data, name)
    if format == "md":
        text, blocks, title = _markdown(text)
    else:
        text, blocks, title = text, _line_blocks(text), None
    if not text.strip():
        raise error(InputError, "E001")
    return SourceText(text, path=path, format=format, encoding=encoding,
                      warnings=warnings, removed=removed, blocks=blocks, title=title)


def _line_blocks(text: str) -> list[Block]:
    """One paragraph block per non-blank line; ``ref`` is the line number."""
    blocks, start = [], 0
    for number, line in enumerate(text.split("\n")):
        if line.strip():
            blocks.append(Block(start, start + len(line), "paragraph", number))
        start += len(line) + 1
    return blocks


def _markdown(text: str):
    """Strip ATX heading marks and bold marks; headings and items as blocks."""
    lines, blocks, start, title = [], [], 0, None
    for number, line in enumerate(text.split("\n")):
        kind = "paragraph"
        heading = _MD_HEADING.match(line)
        if heading:
            line, kind = heading.group(2), "heading"
        elif _MD_ITEM.match(line):
            kind = "list_item"
        line = _MD_BOLD.sub(r"\2", line)
        if heading and title is None and len(heading.group(1)) == 1:
            title = line.strip() or None
        if line.strip():
            blocks.append(Block(start, start + len(line), kind, number))
        lines.append(line)
        start += len(line) + 1
    return "\n".join(lines), blocks, title
