"""Corpus construction, metadata, processing, failures, exports and column docs."""

from __future__ import annotations

import pandas as pd
import pytest

import plantext as pt
from plantext.corpus import COLUMNS, DOC_COLUMNS, Corpus, documents_path
from plantext.corpus.manifest import normalize_column, parse_year

from corpus_samples import COMMUNITY, PLAN_A, PLAN_B


def run(corpus, **kw):
    kw.setdefault("workers", 1)
    kw.setdefault("progress", False)
    kw.setdefault("model", "none")
    return corpus.process(**kw)


def test_pt_corpus_is_the_class():
    assert pt.Corpus is Corpus


def test_from_texts_default_ids_and_meta(texts):
    corpus = run(Corpus.from_texts(texts, meta=[{"Year": "2024年"}, {"year_if_known": 2023}]))
    docs = corpus.documents()
    assert list(docs["doc_id"]) == ["doc0", "doc1"]
    assert list(docs["year"]) == [2024, 2023]
    assert list(docs["title"]) == ["社区2024年养老服务工作计划", "街道2023年教育关爱工作方案"]
    frame = corpus.to_frame()
    assert set(frame["doc_id"]) == {"doc0", "doc1"}
    assert (frame["plan_id"] == frame["doc_id"]).all()
    assert frame.loc[frame["doc_id"] == "doc1", "year"].unique().tolist() == [2023]


@pytest.mark.parametrize("kwargs, message", [
    ({"ids": ["x"]}, "ids"),
    ({"ids": ["x", "x"]}, "unique"),
    ({"meta": [{}]}, "metadata"),
])
def test_from_texts_rejects_mismatches(texts, kwargs, message):
    with pytest.raises(pt.InputError, match=message):
        Corpus.from_texts(texts, **kwargs)


def test_text_naming_a_file_is_taken_as_text(tmp_path, monkeypatch):
    (tmp_path / "plan.txt").write_text(PLAN_A, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    frame = run(Corpus.from_texts(["plan.txt"])).to_frame()
    assert "".join(frame["text"]) == "plan.txt"          # the file was not read


def test_from_frame_index_ids_and_meta_columns(texts):
    df = pd.DataFrame({"body": texts, "year": [2024, 2023], "district": ["东区", "西区"]},
                      index=["p1", "p2"])
    docs = run(Corpus.from_frame(df, text_col="body")).documents()
    assert list(docs["doc_id"]) == ["p1", "p2"]
    assert list(docs["district"]) == ["东区", "西区"]


def test_from_frame_id_col_and_missing_text_col(texts):
    df = pd.DataFrame({"text": texts, "key": ["k1", "k2"]})
    assert Corpus.from_frame(df, id_col="key").ids == ["k1", "k2"]
    with pytest.raises(pt.InputError, match="body"):
        Corpus.from_frame(df, text_col="body")


@pytest.mark.parametrize("name, expected", [
    ("year_if_known", "year"), ("Year", "year"), ("年份", "year"),
    ("region_level_if_known", "level"), ("admin level", "level"), ("文种", "doc_type"),
    ("type", "doc_type"), ("File", "file"), ("filename", "file"), ("Region", "region"),
    ("unit", "unit"),
])
def test_normalize_column(name, expected):
    assert normalize_column(name) == expected


@pytest.mark.parametrize("value, expected", [
    (2024, 2024), ("2024", 2024), ("2024年", 2024), ("2024-05-01", 2024), (2024.0, 2024),
    ("", None), (None, None), ("unknown", None), (float("nan"), None), (True, None),
])
def test_parse_year(value, expected):
    assert parse_year(value) == expected


def test_from_dir_mixed_formats_manifest_and_failures(mixed_dir, quiet):
    corpus = Corpus.from_dir(mixed_dir)
    assert corpus.ids == ["a/deep/two.md", "a/one.txt", "b/broken.docx", "b/empty.txt",
                          "b/four.docx", "b/three.html"]
    assert corpus.skipped == ["b/notes.json"]
    run(corpus)
    failed = {f.doc_id: f for f in corpus.failures}
    assert set(failed) == {"b/broken.docx", "b/empty.txt"}
    assert failed["b/broken.docx"].error_type == "CorruptFileError"
    assert failed["b/empty.txt"].code == "E001"
    docs = corpus.documents().set_index("doc_id")
    assert docs.loc["a/one.txt", "year"] == 2024
    assert docs.loc["a/one.txt", "level"] == "community"
    assert docs.loc["a/one.txt", "source"] == "site-1"
    assert docs.loc["a/deep/two.md", "year"] == 2023          # matched by file name
    assert docs.loc["a/deep/two.md", "region"] == "城关街道"
    assert pd.isna(docs.loc["b/four.docx", "year"])
    assert docs.loc["b/broken.docx", "error"].startswith("CorruptFileError")
    assert docs.loc["b/four.docx", "n_segments"] > 5 and docs.loc["b/four.docx", "has_measure"]
    frame = corpus.to_frame()
    assert set(frame["doc_id"]) == {"a/deep/two.md", "a/one.txt", "b/four.docx", "b/three.html"}
    assert "doc_level" in frame.columns and "level" in frame.columns   # outline depth stays


def test_from_dir_pattern_and_no_manifest(mixed_dir):
    corpus = Corpus.from_dir(mixed_dir, "**/*.txt", manifest=False)
    assert corpus.ids == ["a/one.txt", "b/empty.txt"]
    assert corpus.meta("a/one.txt") == {}


def test_from_dir_rejects_missing_folder_and_file(tmp_path):
    with pytest.raises(pt.InputError):
        Corpus.from_dir(tmp_path / "nope")
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    with pytest.raises(pt.InputError, match="not a folder"):
        Corpus.from_dir(tmp_path / "f.txt")


def test_team_corpus_manifest_found_in_parent_folder():
    corpus = Corpus.from_dir(COMMUNITY / "docs")
    assert len(corpus) == len(list((COMMUNITY / "docs").glob("*.txt"))) > 100
    meta = corpus.meta("cv1a01.txt")
    assert meta["year"] == 2019 and meta["level"] == "community" and meta["doc_type"] == "work_plan"
    assert meta["title"] and meta["main_theme"]


def test_process_is_lazy_on_first_table(texts):
    corpus = Corpus.from_texts(texts)
    assert "not processed" in repr(corpus)
    assert corpus.failures == []
    corpus.process = lambda **kw: Corpus.process(corpus, workers=1, progress=False, model="none")
    assert len(corpus.to_frame()) > 10


def test_split_pages_gives_one_plan_id_per_plan():
    page = ("社区工作计划（一）\n一、工作目标\n做好养老服务。\n二、工作措施\n开展助餐服务。\n"
            "社区工作计划（二）\n一、工作目标\n做好教育服务。\n二、工作措施\n开设四点半课堂。\n")
    corpus = run(Corpus.from_texts([page], ids=["page"]), split_pages=True)
    assert sorted(corpus.to_frame()["plan_id"].unique()) == ["page-1", "page-2"]
    assert corpus.documents()["n_plans"].tolist() == [2]


def test_columns_are_documented(mixed_dir, quiet):
    corpus = run(Corpus.from_dir(mixed_dir))
    extra = {"source"}
    assert set(corpus.to_frame().columns) - extra <= set(COLUMNS)
    assert list(corpus.to_frame().columns)[:19] == list(COLUMNS)[:19]
    assert set(corpus.documents().columns) - extra == set(DOC_COLUMNS)


@pytest.mark.parametrize("method, suffix", [("to_parquet", ".parquet"), ("to_csv", ".csv")])
def test_exports_segments_and_documents(texts, tmp_path, method, suffix):
    corpus = run(Corpus.from_texts(texts, meta=[{"year": 2024}, {"year": 2023}]))
    out = tmp_path / f"seg{suffix}"
    written = getattr(corpus, method)(out)
    assert written == [out, documents_path(out)]
    assert documents_path(out).name == f"seg.documents{suffix}"
    read = pd.read_parquet if suffix == ".parquet" else pd.read_csv
    seg, docs = read(out), read(written[1])
    assert len(seg) == len(corpus.to_frame()) and len(docs) == 2
    assert isinstance(seg["theme_scores"][0], str)           # dicts travel as JSON
    assert sorted(docs["year"]) == [2023, 2024]


def test_worker_processes_give_the_same_rows(texts):
    many = [PLAN_A, PLAN_B] * 3
    one = run(Corpus.from_texts(many), cache=False).to_frame()
    two = run(Corpus.from_texts(many), cache=False, workers=2, chunksize=1).to_frame()
    pd.testing.assert_frame_equal(one, two)


def test_fast_rows_equal_plan_to_frame(texts):
    from plantext.corpus import worker

    plans = [pt.parse(PLAN_A, model="none"), pt.parse(PLAN_B, model="none")]
    fast = pd.DataFrame(worker._rows(plans))
    slow = pd.DataFrame(worker._rows_via_pandas(plans))
    pd.testing.assert_frame_equal(fast, slow)
    expected = pd.concat([p.to_frame() for p in plans], ignore_index=True).drop(columns="plan_id")
    pd.testing.assert_frame_equal(fast.drop(columns="plan_no"), expected, check_dtype=False)


def test_a_crashed_worker_is_recorded_not_raised(texts, monkeypatch):
    import multiprocessing
    import os

    from plantext.corpus import engine, worker

    real = worker.process_document

    def crash(spec, model=None, split_pages=False):
        if spec["doc_id"] == "crash":
            os._exit(3)                                  # a worker killed mid-run
        return real(spec, model, split_pages)

    monkeypatch.setattr(worker, "process_document", crash)
    monkeypatch.setattr(engine, "_context", lambda: multiprocessing.get_context("fork"))
    corpus = Corpus.from_texts([PLAN_A, PLAN_B, "x" * 5000], ids=["a", "b", "crash"])
    with pytest.warns(pt.PlanTextWarning, match="failed"):
        run(corpus, workers=2, chunksize=1, cache=False)
    failed = {f.doc_id: f.error_type for f in corpus.failures}
    assert failed["crash"] == "BrokenProcessPool"
    assert set(failed.values()) == {"BrokenProcessPool"}
    assert len(corpus.documents()) == 3


def test_balanced_bins_keep_every_document_once():
    from plantext.corpus.engine import balanced

    sizes = [100, 90, 10, 10, 10, 10, 5, 5, 80, 1]
    specs = [{"doc_id": str(i), "text": "x" * n} for i, n in enumerate(sizes)]
    bins = balanced(specs, 3)
    assert sorted(s["doc_id"] for b in bins for s in b) == sorted(s["doc_id"] for s in specs)
    totals = [sum(len(s["text"]) for s in b) for b in bins]
    assert totals == sorted(totals, reverse=True) and max(totals) - min(totals) <= 10
    assert len(balanced(specs[:2], 5)) == 2
