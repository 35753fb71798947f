"""Fixtures for the corpus tests: a private cache folder, small plans, a mixed folder."""

from __future__ import annotations

import pathlib
import warnings

import pytest

from corpus_samples import PLAN_A, PLAN_B


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test caches into its own folder, never into ~/.cache."""
    folder = tmp_path_factory.mktemp("plantext-cache")
    monkeypatch.setenv("PLANTEXT_CACHE", str(folder))
    return folder / "corpus"


@pytest.fixture
def texts():
    return [PLAN_A, PLAN_B]


def _docx(path: pathlib.Path, text: str) -> None:
    import docx

    doc = docx.Document()
    for line in text.strip().split("\n"):
        doc.add_paragraph(line)
    doc.save(str(path))


@pytest.fixture
def mixed_dir(tmp_path):
    """A folder of .txt/.md/.html/.docx plans in subfolders, a corrupt .docx, an empty file,
    a file of another type, and a manifest whose columns need normalising."""
    root = tmp_path / "plans"
    (root / "a" / "deep").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "one.txt").write_text(PLAN_A, encoding="utf-8")
    (root / "a" / "deep" / "two.md").write_text(PLAN_B, encoding="utf-8")
    html = "<html><body>" + "".join(f"<p>{l}</p>" for l in PLAN_B.split("\n") if l) + "</body></html>"
    (root / "b" / "three.html").write_text(html, encoding="utf-8")
    _docx(root / "b" / "four.docx", PLAN_A)
    (root / "b" / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (root / "b" / "empty.txt").write_text("", encoding="utf-8")
    (root / "b" / "notes.json").write_text("{}", encoding="utf-8")
    (root / "manifest.csv").write_text(
        "File,Year_if_known,region_level_if_known,文种,Region,source\n"
        "a/one.txt,2024,community,work_plan,阳光社区,site-1\n"
        "two.md,2023年,street,,城关街道,site-2\n"
        "b/four.docx,,community,work_plan,,site-3\n", encoding="utf-8")
    return root


@pytest.fixture
def quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
