"""Plain text: encodings, line ends, binary and empty input, Markdown, size."""

from __future__ import annotations

import codecs

import pytest

from plantext.errors import DecodeError, InputError, PlanTextError
from plantext.io import read, read_bytes

PLAN = "某区2024年工作要点\n一、总体要求\n（一）坚持稳中求进工作总基调，推动高质量发展。\n1.加强组织领导。\n"


@pytest.mark.parametrize("data, encoding, warned", [
    (PLAN.encode("utf-8"), "utf-8", None),
    (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig", None),
    (PLAN.encode("utf-16"), "utf-16-le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16-be", "UTF-16-BE"),
    (PLAN.encode("utf-16-le"), "utf-16-le", "no BOM"),
    (PLAN.encode("utf-16-be"), "utf-16-be", "no BOM"),
    ((PLAN * 2 + "坚持稳中求进工作总基调" * 60).encode("utf-16-le"), "utf-16-le", "no BOM"),
    (PLAN.encode("utf-32"), "utf-32-le", "UTF-32-LE"),
    (PLAN.encode("gb18030"), "gb18030", "GB18030"),
    (PLAN.encode("gbk"), "gb18030", "GB18030"),
    (PLAN.encode("gb2312"), "gb18030", "GB18030"),
    (("ASCII header " * 200 + "计划").encode("gbk"), "gb18030", "GB18030"),
])
def test_encodings_are_detected(data, encoding, warned):
    src = read_bytes(data, suffix=".txt")
    assert src.encoding == encoding
    assert str(src).rstrip("\n").endswith(("加强组织领导。", "计划", "总基调"))
    assert src == data.decode(encoding).removeprefix("\ufeff")
    if warned:
        assert any(warned in w for w in src.warnings)
    else:
        assert src.warnings == []
    assert src.removed == []


@pytest.mark.parametrize("raw", [PLAN.replace("\n", "\r\n"), PLAN.replace("\n", "\r"),
                                 PLAN.replace("\n", "\r\n", 1)])
def test_line_ends_become_newlines_and_nothing_is_recorded(raw):
    src = read_bytes(raw.encode("utf-8"), suffix="txt")
    assert src == PLAN and src.removed == [] and src.warnings == []


@pytest.mark.parametrize("data", [PLAN.encode("utf-16") + b"\x00", PLAN.encode("utf-32") + b"\x00\x00"])
def test_a_truncated_utf16_or_utf32_file_loses_only_its_stray_bytes(data):
    src = read_bytes(data, suffix=".txt")
    assert src == PLAN and any("stray byte" in w for w in src.warnings)


def test_a_few_bad_utf8_bytes_are_replaced_counted_and_recorded():
    body = "坚持稳中求进工作总基调。" * 50
    data = body.encode("utf-8") + b"\xff" + body.encode("utf-8")
    src = read_bytes(data, suffix=".txt")
    assert src.encoding == "utf-8"
    assert src == body + "\ufffd" + body
    assert src.removed == [(len(body), len(body) + 1, "undecodable byte", "\\xff")]
    assert any("replaced 1 undecodable" in w for w in src.warnings)


def test_charset_normalizer_is_the_last_resort():
    src = read_bytes("Plan für Köln: café, naïve, über alles.\n".encode("cp1252") * 20, suffix=".txt")
    assert "charset-normalizer" in src.warnings[0]
    assert "Plan f" in src


def test_undecodable_bytes_raise_e004():
    with pytest.raises(DecodeError) as info:
        read_bytes(bytes(range(128, 256)) * 3, suffix=".txt", name="bad.txt")
    assert info.value.code == "E004" and "bad.txt" in str(info.value)


@pytest.mark.parametrize("data, reason", [
    (b"abc\x00def\x00\x00\x01ghi" * 10, "NUL"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"%PDF-1.4\n" + b"x" * 50, "PDF"),
    (b"PK\x03\x04" + b"\x14" * 40, "ZIP"),
    (bytes([1, 2, 3, 4, 5, 6, 0x0E, 0x0F]) * 50 + b"text", "control"),
    (PLAN.encode() * 3000 + b"\x00", "NUL bytes, the first at byte"),
    (PLAN.encode("utf-16") + "\x01\x02\x03".encode("utf-16-le") * 20, "control characters"),
])
def test_binary_input_raises_e002(data, reason):
    with pytest.raises(InputError) as info:
        read_bytes(data, suffix=".txt")
    assert info.value.code == "E002" and reason in str(info.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "　　\n".encode("utf-8"),
                                  " \n".encode("utf-16"), codecs.BOM_UTF8])
def test_empty_or_blank_input_raises_e001(data):
    with pytest.raises(InputError) as info:
        read_bytes(data, suffix=".txt")
    assert info.value.code == "E001"


def test_text_is_kept_verbatim_with_one_block_per_line():
    raw = "　　一、总体要求 \n\n  正文。\n"
    src = read_bytes(raw.encode(), suffix=".txt")
    assert src == raw and src.format == "txt" and src.title is None
    assert [(src[b.start:b.end], b.kind, b.ref) for b in src.blocks] == [
        ("　　一、总体要求 ", "paragraph", 0), ("  正文。", "paragraph", 2)]


def test_markdown_headings_and_bold_are_unwrapped():
    raw = "# 某区工作要点\n\n## 一、总体要求\n**（一）指导思想。**坚持稳中求进。\n- 加强领导\n"
    src = read_bytes(raw.encode(), suffix=".md")
    assert src == "某区工作要点\n\n一、总体要求\n（一）指导思想。坚持稳中求进。\n- 加强领导\n"
    assert src.format == "md" and src.title == "某区工作要点"
    assert [(src[b.start:b.end], b.kind) for b in src.blocks] == [
        ("某区工作要点", "heading"), ("一、总体要求", "heading"),
        ("（一）指导思想。坚持稳中求进。", "paragraph"), ("- 加强领导", "list_item")]


def test_every_error_is_a_plantext_error():
    for data in (b"", b"\x00" * 10, bytes(range(128, 256)) * 3):
        with pytest.raises(PlanTextError):
            read_bytes(data, suffix=".txt")


@pytest.mark.slow
def test_a_20_mb_file_reads_whole(tmp_path):
    # speed and linearity are measured in benchmarks/, not asserted here
    line = "（一）坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济实现质的有效提升。\n"
    big = tmp_path / "big.txt"
    unit = line.encode("gb18030")
    n = 20 * 2 ** 20 // len(unit)
    big.write_bytes(unit * n)
    src = read(big)
    assert src.encoding == "gb18030" and len(src.blocks) == n
    assert str(src) == line * n
