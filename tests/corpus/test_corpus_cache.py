"""The on-disk cache: re-runs parse only what changed; keys follow content, model, version."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from plantext import PlanTextWarning
from plantext.corpus import Corpus, cache, worker
from plantext.corpus.cache import ResultCache, cache_key, content_hash, model_fingerprint

from corpus_samples import PLAN_A, PLAN_B


def run(corpus, **kw):
    return corpus.process(model="none", workers=1, progress=False, **kw)


@pytest.fixture
def count_parses(monkeypatch):
    calls = []
    real = worker.process_document

    def counting(spec, model=None, split_pages=False):
        calls.append(spec["doc_id"])
        return real(spec, model, split_pages)

    monkeypatch.setattr(worker, "process_document", counting)
    return calls


def test_second_run_reads_everything_from_the_cache(texts, count_parses):
    first = run(Corpus.from_texts(texts))
    assert count_parses == ["doc0", "doc1"] and first.stats["parsed"] == 2
    second = run(Corpus.from_texts(texts))
    assert count_parses == ["doc0", "doc1"]                     # no new parse
    assert second.stats == {**second.stats, "cached": 2, "parsed": 0}
    pd.testing.assert_frame_equal(first.to_frame(), second.to_frame())
    pd.testing.assert_frame_equal(first.documents(), second.documents())


def test_only_changed_documents_are_parsed_again(texts, count_parses):
    run(Corpus.from_texts(texts, ids=["a", "b"]))
    run(Corpus.from_texts([texts[0], texts[1] + "四、其他\n做好总结。\n"], ids=["a", "b"]))
    assert count_parses == ["a", "b", "b"]


def test_cached_result_takes_the_new_doc_id(texts, count_parses):
    run(Corpus.from_texts(texts, ids=["a", "b"]))
    again = run(Corpus.from_texts(texts, ids=["x", "y"]))
    assert len(count_parses) == 2
    assert set(again.to_frame()["plan_id"]) == {"x", "y"}


def test_cache_false_and_a_given_folder(texts, tmp_path, private_cache):
    run(Corpus.from_texts(texts), cache=False)
    assert not private_cache.exists()
    run(Corpus.from_texts(texts), cache=tmp_path / "mine")
    files = list((tmp_path / "mine").glob("*/*.json.gz"))
    assert len(files) == 2
    with gzip.open(files[0], "rt", encoding="utf-8") as f:
        assert set(json.load(f)) >= {"doc_id", "rows", "doc", "error"}   # JSON, not pickle


def test_deliberate_failures_are_cached_others_are_not(tmp_path, count_parses):
    for _ in range(2):
        with pytest.warns(PlanTextWarning, match="1 of 1 documents failed"):
            run(Corpus.from_texts(["   "], ids=["blank"]))
    assert count_parses == ["blank"]                            # InputError E001 cached


def test_unexpected_errors_are_recorded_not_cached(texts, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug in the parser")

    monkeypatch.setattr("plantext.pipeline.Pipeline.run", boom)   # every parse runs the stages
    with pytest.warns(PlanTextWarning, match="2 of 2"):
        corpus = run(Corpus.from_texts(texts))
    assert [(f.error_type, f.message) for f in corpus.failures] == [("RuntimeError", "bug in the parser")] * 2
    monkeypatch.undo()
    assert not run(Corpus.from_texts(texts)).failures


def test_key_depends_on_content_model_options_and_doc_type():
    spec = {"doc_id": "a", "text": PLAN_A}
    base = cache_key(spec, "none", {"split_pages": False})
    assert base == cache_key({"doc_id": "other", "text": PLAN_A}, "none", {"split_pages": False})
    assert base != cache_key({"doc_id": "a", "text": PLAN_B}, "none", {"split_pages": False})
    assert base != cache_key(spec, "sm:untrained", {"split_pages": False})
    assert base != cache_key(spec, "none", {"split_pages": True})
    assert base != cache_key({**spec, "doc_type": "work_plan"}, "none", {"split_pages": False})


def test_key_changes_with_the_plantext_version(monkeypatch):
    spec = {"doc_id": "a", "text": PLAN_A}
    before = cache_key(spec, "none", {})
    monkeypatch.setattr("plantext.version.__version__", "9.9.9")   # read at each call
    assert cache_key(spec, "none", {}) != before


def test_file_content_hash_follows_bytes_and_suffix(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "a.md"
    a.write_text(PLAN_A, encoding="utf-8")
    b.write_text(PLAN_A, encoding="utf-8")
    assert content_hash({"path": str(a)}) != content_hash({"path": str(b)})
    before = content_hash({"path": str(a)})
    a.write_text(PLAN_B, encoding="utf-8")
    assert content_hash({"path": str(a)}) != before


def test_model_fingerprint_tracks_model_meta(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTEXT_MODELS", str(tmp_path))
    assert model_fingerprint("none") == "none"
    assert model_fingerprint(None) == "sm:untrained"
    (tmp_path / "roles-sm").mkdir()
    (tmp_path / "roles-sm" / "meta.json").write_text('{"version": "1"}')
    first = model_fingerprint("sm")
    (tmp_path / "roles-sm" / "meta.json").write_text('{"version": "2"}')
    assert first.startswith("sm:") and model_fingerprint("sm") not in (first, "sm:untrained")


def test_default_cache_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "pc"))
    assert cache.default_cache_dir() == tmp_path / "pc" / "corpus"
    monkeypatch.delenv("PLANTEXT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_cache_dir() == tmp_path / "xdg" / "plantext" / "corpus"


def test_unreadable_cache_file_counts_as_a_miss(tmp_path):
    store = ResultCache(tmp_path)
    store.put("ab12", {"doc_id": "x"})
    assert store.get("ab12") == {"doc_id": "x"}
    (tmp_path / "ab" / "ab12.json.gz").write_bytes(b"garbage")
    assert store.get("ab12") is None
    assert store.clear() == 1


def test_a_cached_failure_names_the_file_it_is_replayed_for(tmp_path, count_parses):
    for folder in ("first", "moved/sub"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "plan.docx").write_bytes(b"PK\x03\x04 not a zip archive")
    with pytest.warns(PlanTextWarning):
        first = run(Corpus.from_dir(tmp_path / "first"))
    with pytest.warns(PlanTextWarning):
        moved = run(Corpus.from_dir(tmp_path / "moved"))
    assert count_parses == ["plan.docx"]                        # the second came from the cache
    assert str(tmp_path / "first") in first.failures[0].message
    (failure,) = moved.failures
    assert failure.doc_id == "sub/plan.docx" and failure.error_type == "CorruptFileError"
    assert str(tmp_path / "moved" / "sub" / "plan.docx") in failure.message
    assert str(tmp_path / "first") not in failure.message
