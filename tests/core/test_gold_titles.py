"""Gold titles stored by position are read back from the document's text."""

from __future__ import annotations

import pytest

from plantext.evaluate import resolve_titles

TEXT = "示范社区工作计划\n一、工作目标。到年底建成服务站。\n（一）加强组织\n领导\n正文"


@pytest.mark.parametrize("heading, title", [
    ({"line": 1, "marker": "一、", "title_at": [2, 6]}, "工作目标"),
    ({"line": 2, "marker": "（一）", "title_at": [3, 9]}, "加强组织领导"),   # over the line break
    ({"line": 1, "marker": "一、", "title": "工作目标"}, "工作目标"),        # spelled out: kept
])
def test_heading_titles(heading, title):
    data = resolve_titles({"headings": [heading]}, TEXT)
    assert data["headings"][0]["title"] == title


def test_document_title_and_input_left_alone():
    data = {"title_at": [0, 0, 8], "headings": [{"line": 1, "title_at": [2, 6]}]}
    out = resolve_titles(data, TEXT)
    assert out["title"] == "示范社区工作计划"
    assert "title" not in data and "title" not in data["headings"][0]


def test_real_gold_titles_resolve(shared):
    import pathlib

    from plantext.evaluate import load_gold

    root = pathlib.Path(__file__).resolve().parents[2] / "corpora" / "real-gold"
    docs = load_gold(root, shared)
    assert len(docs) >= 60
    for doc in docs:
        for h in doc.data["headings"]:
            assert h["title"] is not None
            if "title_at" in h:
                assert h["title"] and h["title"] in (doc.lines[h["line"]]
                                                     + doc.lines[min(h["line"] + 1, len(doc.lines) - 1)].strip())
