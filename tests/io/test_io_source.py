"""SourceText: a str that keeps what the reader learnt, through pickling and copying."""

from __future__ import annotations

import copy
import pathlib
import pickle

import pytest

from plantext.io import Block, SourceText
from plantext.io.source import TextBuilder, brief


def _sample() -> SourceText:
    return SourceText("一、总体要求\n坚持稳中求进。", path="plan.txt", format="txt",
                      encoding="gb18030", warnings=["decoded as GB18030"],
                      removed=[(7, 7, "page number", "3")],
                      blocks=[(0, 6, "heading", 0), Block(7, 14, "paragraph", 1)], title="方案")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_keeps_text_and_attributes(protocol):
    src = _sample()
    back = pickle.loads(pickle.dumps(src, protocol=protocol))
    assert type(back) is SourceText and back == src
    for name in ("path", "format", "encoding", "warnings", "removed", "blocks", "title"):
        assert getattr(back, name) == getattr(src, name)


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
def test_copy_keeps_attributes(copier):
    back = copier(_sample())
    assert back.blocks == _sample().blocks and back.path == pathlib.Path("plan.txt")


@pytest.mark.parametrize("operation", [
    lambda s: s[0:6], lambda s: s[:], lambda s: s.strip(), lambda s: s + "",
    lambda s: s.replace("一", "二"), lambda s: s.split("\n")[0],
])
def test_derived_strings_are_plain_str(operation):
    assert type(operation(_sample())) is str


def test_behaves_as_its_text():
    src = _sample()
    assert src == "一、总体要求\n坚持稳中求进。" and hash(src) == hash(str(src))
    assert isinstance(src, str) and len(src) == 14
    assert src.blocks[0] == Block(0, 6, "heading", 0) and src.blocks[0].kind == "heading"
    assert "txt" in repr(src) and "plan.txt" in repr(src)


def test_defaults():
    src = SourceText("x")
    assert (src.path, src.format, src.encoding, src.warnings, src.removed, src.blocks,
            src.title) == (None, "text", None, [], [], [], None)


def test_builder_lines_blanks_rows_and_drops():
    out = TextBuilder()
    out.blank()                                   # nothing before: no leading blank line
    out.drop("html <nav>", "首页  导航")
    out.line("标题", "heading", "h1")
    out.blank()
    out.blank()                                   # runs of blanks collapse to one
    out.line("   ", "paragraph", "p")             # blank lines are not written
    out.row([("1", ("table", 0, 0, 0), []), ("", ("table", 0, 0, 1), []),
             ("发改委", ("table", 0, 0, 2), [(1, "hidden text", "x")])])
    src = out.build(format="html")
    assert src == "标题\n\n1\t\t发改委"
    assert [src[b.start:b.end] for b in src.blocks] == ["标题", "1", "发改委"]
    assert src.removed == [(0, 0, "html <nav>", "首页 导航"), (8, 8, "hidden text", "x")]


def test_brief_collapses_and_cuts():
    assert brief("a \n b") == "a b"
    assert len(brief("字" * 500)) == 200 and brief("字" * 500).endswith("…")
