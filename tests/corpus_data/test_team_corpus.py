"""Validation of the team corpora (corpora/community-v1, corpora/drafting-v1): codes, line numbers,
coverage, originality. Checks of the drafting corpus's own design are in test_drafting_corpus.py."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from plantext.document import ROLES
from plantext.labels import load_taxonomy
from plantext.labels.doctype import DOC_TYPES

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora" / "community-v1"
DOCS = sorted((CORPUS / "annotations").glob("*.json"))
#: every annotated corpus the project ships: each annotation is validated the same way
ALL_DOCS = DOCS + sorted((ROOT / "corpora" / "drafting-v1" / "annotations").glob("*.json"))
THEMES = set(load_taxonomy().codes) | {"none"}


def _load(p):
    data = json.loads(p.read_text(encoding="utf-8"))
    text = (ROOT / data["file"]).read_text(encoding="utf-8")
    return data, text.split("\n")


@pytest.mark.parametrize("path", ALL_DOCS, ids=lambda p: p.stem)
def test_annotation_is_valid(path):
    data, lines = _load(path)
    assert data["doc_type"] in DOC_TYPES and data["meta"]["doc_type"] == data["doc_type"]
    assert data["meta"]["main_theme"] in THEMES - {"none"}
    assert 2015 <= int(data["meta"]["year"]) <= 2026
    paras = {p["line"]: p for p in data["paragraphs"]}
    nonempty = {i for i, l in enumerate(lines) if l.strip()} - set(data.get("boilerplate_lines", []))
    assert set(paras) == nonempty, "every non-empty line annotated, nothing else"
    for p in data["paragraphs"]:
        assert p["role"] in ROLES and p["role_from"] in ("heading", "text")
        assert 1 <= len(p["themes"]) <= 3 and set(p["themes"]) <= THEMES
        assert p["themes"] == ["none"] or "none" not in p["themes"]
    for h in data["headings"]:
        assert h["line"] in paras
        line = lines[h["line"]].strip()
        assert line.startswith(h["marker"]) and h["title"] in line
        assert h["level"] >= 1
    for t in data.get("typos", []):
        assert t["wrong"] in lines[t["line"]]
    for r in data.get("missing_roles", []):
        assert r not in {p["role"] for p in data["paragraphs"]}, "a missing role must really be absent"


def test_coverage_figures():
    docs = [_load(p)[0] for p in DOCS]
    assert len(docs) >= 80
    main, paras, role_docs = {}, {}, {}
    for d in docs:
        main[d["meta"]["main_theme"]] = main.get(d["meta"]["main_theme"], 0) + 1
        for p in d["paragraphs"]:
            for t in p["themes"]:
                paras[t] = paras.get(t, 0) + 1
        for r in {p["role"] for p in d["paragraphs"]}:
            role_docs[r] = role_docs.get(r, 0) + 1
    for code in THEMES - {"none"}:
        assert main.get(code, 0) >= 3, code
        assert paras.get(code, 0) >= 25, code
    for role in ROLES:
        assert role_docs.get(role, 0) >= 20, role
    incomplete = sum(1 for d in docs if d.get("missing_roles"))
    assert 0.1 <= incomplete / len(docs) <= 0.35
    assert {d["doc_type"] for d in docs} >= {"work_plan", "implementation_plan", "work_points", "work_summary"}


def _shared_texts(shared):
    for p in sorted((shared / "corpora" / "real").rglob("*.txt")):
        yield p.read_text(encoding="utf-8", errors="replace")
    for p in sorted((shared / "seeds").glob("*.txt")):
        yield p.read_text(encoding="utf-8", errors="replace")


def test_no_15_character_run_shared_with_the_shared_material(shared):
    n = 15
    runs = set()
    for path in sorted(ROOT.joinpath("corpora").rglob("*")):
        if path.suffix in (".txt", ".md", ".json", ".tsv") and path.is_file():
            text = path.read_text(encoding="utf-8")
            for line in text.split("\n"):
                runs.update(line[i:i + n] for i in range(len(line) - n + 1))
    runs = {r for r in runs if re.search(r"[\u4e00-\u9fff]{6}", r)}
    hits = []
    for text in _shared_texts(shared):
        for line in text.split("\n"):
            for i in range(len(line) - n + 1):
                if line[i:i + n] in runs:
                    hits.append(line[i:i + n])
    assert not hits, f"{len(hits)} shared runs, e.g. {hits[:3]}"
