"""evaluate_relevance on a tiny gold set: the protocol runs and reports per mode."""

from __future__ import annotations

import importlib

import pytest

from plantext.suggest.evaluate import evaluate_relevance, format_relevance


@pytest.fixture
def no_torch(monkeypatch, tmp_path):
    from plantext import DependencyError

    def fail():
        raise DependencyError("'Encoder' needs the optional dependency 'torch'.")

    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", fail)


def test_relevance_reports_precision_per_mode(corpus_dir, sparse_index, no_torch):
    result = evaluate_relevance(corpus_dir / "annotations", corpus_dir,
                                modes=("sparse", "hybrid"), corpus=sparse_index, guesses=())
    assert result["gold_documents"] == 2
    assert result["queries"] == 10     # content lines of 8+ Chinese characters, role not other
    sparse = result["modes"]["sparse"]
    for key in ("role_p", "theme_p", "role_p_filtered", "theme_p_filtered"):
        assert 0.0 <= sparse[key] <= 1.0
    assert "hybrid" in result["unavailable"] and "hybrid" not in result["modes"]
    table = format_relevance(result)
    assert "sparse" in table and "unavailable" in table


def test_the_query_document_is_excluded(corpus_dir, sparse_index, no_torch, monkeypatch):
    from plantext.suggest import search as real_search

    seen = []

    def spy(index, text, **kw):
        hits = real_search(index, text, **kw)
        seen.extend((kw["exclude"][0], h.source.split("#")[0]) for h in hits)
        return hits

    monkeypatch.setattr(importlib.import_module("plantext.suggest.rank"), "search", spy)
    evaluate_relevance(corpus_dir / "annotations", corpus_dir, modes=("sparse",),
                       corpus=sparse_index, guesses=())
    assert seen and all(doc != source for doc, source in seen)


def test_role_guesses_come_from_fold_models_without_the_query_document(corpus_dir, sparse_index,
                                                                        no_torch, monkeypatch):
    from plantext.learn import train
    from plantext.learn.train import TrainingData

    trained_on = []
    real_examples = train.role_examples

    def spy(docs, silver):
        trained_on.append({d.doc_id for d in docs})
        return real_examples(docs, silver)

    monkeypatch.setattr(train, "gather", lambda shared: TrainingData([], [], []))
    monkeypatch.setattr(train, "role_examples", spy)
    result = evaluate_relevance(corpus_dir / "annotations", corpus_dir, modes=("sparse",),
                                corpus=sparse_index)
    assert len(trained_on) == 2 and all(len(ids) == 1 for ids in trained_on)
    assert trained_on[0] != trained_on[1]
    sparse = result["modes"]["sparse"]
    for key in ("role_p_text", "role_p_context", "theme_p_text", "theme_p_context"):
        assert 0.0 <= sparse[key] <= 1.0
    assert set(result["guess_accuracy"]) == {"text", "context"}
    assert "role P (context)" in format_relevance(result)
