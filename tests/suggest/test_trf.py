"""Hybrid retrieval with the real e5 encoder (needs the trf extra; skipped without it)."""

from __future__ import annotations

import pytest

from plantext.suggest import Index, search

pytestmark = pytest.mark.trf


@pytest.fixture(scope="module")
def e5_index():
    from suggest_samples import make_entries

    from plantext.errors import DependencyError, ModelError
    from plantext.suggest.dense import load_encoder

    try:
        load_encoder()
    except (DependencyError, ModelError) as exc:
        pytest.skip(f"no encoder: {exc}")
    return Index.from_entries(make_entries(), dense=True)


@pytest.mark.parametrize("query,expected", [
    ("给高龄独居的老年人送饭上门", "依托居家养老服务站"),
    ("防火排查与逃生训练", "加强消防安全检查"),
])
def test_dense_retrieval_finds_paraphrases(e5_index, query, expected):
    hits = search(e5_index, query, k=3, mode="dense")
    assert hits[0].text.startswith(expected)


def test_hybrid_is_the_default_with_the_encoder(e5_index):
    hits = search(e5_index, "垃圾分类宣传", k=3)
    assert hits.mode == "hybrid" and hits.reason is None
    assert hits[0].text.startswith("开展生活垃圾分类宣传")
