"""Validation of the genre set (corpora/genre-v1): annotations point at the text they name, the split is fixed."""

from __future__ import annotations

import json
import pathlib

import pytest

from plantext.document import ROLES

ROOT = pathlib.Path(__file__).resolve().parents[2]
SET = ROOT / "corpora" / "genre-v1"
ANNS = sorted((SET / "annotations").glob("*.json"))
# document types of ../shared/spec/labels.md (activity_plan included)
DOC_TYPES = {"work_plan", "implementation_plan", "work_points", "gov_work_report", "work_summary",
             "opinion", "activity_plan", "other"}
# chosen before the audit was first run on the set (README: split); never to be changed
TEST_IDS = {"act01", "act02", "act09", "plan04", "plan08", "plan09", "sum03", "sum05", "copy03",
            "copy05", "trad02", "trad03", "multi03", "draft01", "draft03"}
SHAPES = {"activity", "plan", "summary", "copied", "traditional", "multi", "draft"}


def _load(path):
    ann = json.loads(path.read_text(encoding="utf-8"))
    return ann, (ROOT / ann["file"]).read_text(encoding="utf-8")


def _near(text, n, s):
    """``s`` starts on line ``n`` (a heading may run on over a hard line break)."""
    lines = text.split("\n")
    pos = "".join(lines[n - 1:n + 3]).find(s)
    return 0 <= pos < len(lines[n - 1])


def test_the_set_is_complete_and_the_split_is_the_one_chosen_up_front():
    anns = [_load(p)[0] for p in ANNS]
    assert len(anns) >= 40
    assert {a["id"] for a in anns if a["split"] == "test"} == TEST_IDS
    assert {a["split"] for a in anns} == {"dev", "test"}
    assert {a["shape"] for a in anns} == SHAPES
    assert {a["shape"] for a in anns if a["split"] == "test"} == SHAPES
    assert {a["level"] for a in anns} == {"community", "village", "street", "township"}


@pytest.mark.parametrize("path", ANNS, ids=lambda p: p.stem)
def test_annotation_points_at_its_text(path):
    ann, text = _load(path)
    assert ann["id"] == path.stem and ann["chars"] == len(text)
    assert 300 <= len(text) <= 3000
    plans = ann["plans"] if ann["multi_plan"] else [dict(ann, start_line=1, end_line=text.count("\n") + 1)]
    assert len(plans) >= (2 if ann["multi_plan"] else 1)
    for p in plans:
        assert p["doc_type"] in DOC_TYPES and set(p["doc_type_also"]) <= DOC_TYPES
        if p["title"]:
            assert _near(text, p["title_line"], p["title"])
        present = set()
        for s in p["sections"]:
            assert s["role"] in ROLES and set(s.get("also", [])) <= set(ROLES)
            assert p["start_line"] <= s["line"] <= p["end_line"]
            assert _near(text, s["line"], s["heading"] or s["evidence"])
            present |= {s["role"], *s.get("also", [])}
        assert not present & set(p["missing_roles"]), "a role left out cannot also be present"
        assert not set(p["ambiguous_roles"]) & (present | set(p["missing_roles"]))
        for h in p["placeholders"]:
            assert text[h["start"]:h["end"]] == h["text"]
            assert text.count("\n", 0, h["start"]) + 1 == h["line"]
    if ann["traditional"]:
        from plantext.clean.script import to_simplified
        assert to_simplified(text)[1] >= 20, "written in traditional script"
