"""suggest(): corpus resolution, caching, hybrid retrieval and the sparse fallback."""

from __future__ import annotations

import importlib

import pytest

import plantext as pt
from plantext import DependencyError, Suggestion
from plantext.suggest import api, search


@pytest.fixture
def team(corpus_dir, tmp_path, monkeypatch):
    """The tiny corpus as the team corpus, with a private user cache."""
    monkeypatch.setenv("PLANTEXT_CORPUS", str(corpus_dir))
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", _no_torch)
    api.clear_cache()
    yield corpus_dir
    api.clear_cache()


def _no_torch():
    raise DependencyError("'Encoder' needs the optional dependency 'torch'.")


def test_hybrid_mode_fuses_sparse_and_dense(hybrid_index, fake_encoder):
    hits = search(hybrid_index, "垃圾分类宣传", k=3)
    assert hits.mode == "hybrid" and hits.reason is None
    assert hits[0].text.startswith("开展生活垃圾分类宣传")
    assert fake_encoder.calls > 0


def test_dense_mode_ranks_by_vectors_alone(hybrid_index, fake_encoder):
    hits = search(hybrid_index, "三会一课", k=1, mode="dense")
    assert hits.mode == "dense" and hits[0].text.startswith("规范落实三会一课")


def test_sparse_fallback_when_the_encoder_is_unavailable(hybrid_index, monkeypatch):
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", _no_torch)
    hits = search(hybrid_index, "垃圾分类宣传", k=3)
    assert hits.mode == "sparse"
    assert "torch" in hits.reason and "plantext[trf]" in hits.reason
    assert all(isinstance(h, Suggestion) for h in hits) and len(hits) == 3
    with pytest.raises(DependencyError):
        search(hybrid_index, "垃圾分类宣传", mode="hybrid")


def test_sparse_fallback_when_the_index_has_no_vectors(sparse_index, fake_encoder):
    hits = search(sparse_index, "养老服务", k=2)
    assert hits.mode == "sparse" and "no dense vectors" in hits.reason


def test_index_built_without_torch_records_why(entries, monkeypatch):
    from plantext.suggest import Index

    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", _no_torch)
    index = Index.from_entries(entries)
    assert index.dense is None and "torch" in index.meta["dense_skipped"]
    assert "torch" in search(index, "养老").reason


def test_typical_hybrid_ranking_needs_no_query_encoding(hybrid_index, fake_encoder):
    calls = fake_encoder.calls
    hits = search(hybrid_index, None, role="measure", theme="elderly", k=2)
    assert hits.mode == "hybrid+typical" and fake_encoder.calls == calls
    assert [h.role for h in hits] == ["measure"]


def test_pt_suggest_uses_the_team_corpus_cached_outside_the_repo(team, tmp_path):
    hits = pt.suggest("养老服务", role="measure", k=2)
    assert hits and all(h.role == "measure" for h in hits)
    assert hits[0].source.startswith(("pa#", "pb#"))
    cached = list((tmp_path / "cache" / "indexes").iterdir())
    assert len(cached) == 1 and (cached[0] / "index.json").is_file()


def test_the_index_is_loaded_once_per_process(team, monkeypatch):
    first = api.get_index(None)
    monkeypatch.setattr(api, "cached_index", lambda folder, **kw: pytest.fail("rebuilt"))
    assert api.get_index(None) is first
    assert pt.suggest(role="safeguard", theme="elderly", k=3, corpus=None)


def test_the_disk_cache_is_reused_across_processes(team, monkeypatch):
    api.get_index(None)
    api.clear_cache()
    monkeypatch.setattr(api, "build_index", lambda *a, **k: pytest.fail("rebuilt"))
    assert len(api.get_index(None)) > 0


def test_editing_the_corpus_rebuilds_the_cache(team):
    before = len(api.get_index(None))
    doc = team / "docs" / "pc.txt"
    doc.write_text("二、主要任务\n\n开展消防安全宣传，组织居民参加应急疏散演练。\n", encoding="utf-8")
    api.clear_cache()
    assert len(api.get_index(None)) == before + 1


def test_corpus_may_be_an_index_folder_or_a_document_folder(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", _no_torch)
    from plantext.suggest import build_index

    build_index(corpus_dir, tmp_path / "idx", dense=False)
    via_index = pt.suggest("垃圾分类", k=2, corpus=tmp_path / "idx")
    via_folder = pt.suggest("垃圾分类", k=2, corpus=str(corpus_dir))
    assert [h.text for h in via_index] == [h.text for h in via_folder]


def test_missing_corpus_is_an_input_error(tmp_path):
    with pytest.raises(pt.InputError):
        pt.suggest("养老", corpus=tmp_path / "nowhere")


def test_sparse_callers_never_wait_for_embeddings(corpus_dir, tmp_path, monkeypatch):
    from suggest_samples import FakeEncoder

    monkeypatch.setenv("PLANTEXT_CORPUS", str(corpus_dir))
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    api.clear_cache()
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder",
                        lambda: pytest.fail("the encoder was loaded"))
    hits = pt.suggest(role="measure", theme="elderly", k=3, mode="sparse")
    assert hits and hits.mode == "sparse+typical"
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", FakeEncoder)
    hits = pt.suggest("垃圾分类", k=2)                 # a hybrid caller adds the vectors
    assert hits.mode == "hybrid" and api.get_index(None).dense is not None
    api.clear_cache()
