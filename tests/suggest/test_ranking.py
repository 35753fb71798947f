"""BM25, filters, k, MMR and provenance on a tiny hand-written corpus."""

from __future__ import annotations

import re

import numpy as np
import pytest

from plantext import InputError, Suggestion
from plantext.suggest import Index, SuggestResult, search
from plantext.suggest.bm25 import BM25

from suggest_samples import NEAR, ROWS, make_entries


def test_bm25_prefers_rare_terms_and_matching_documents():
    docs = [["社区", "养老", "服务"], ["社区", "垃圾", "分类"], ["社区", "消防", "演练"],
            ["社区", "养老", "养老", "助餐"]]
    bm25 = BM25().fit(docs)
    scores = bm25.scores(["养老"])
    assert scores[[1, 2]].tolist() == [0.0, 0.0]
    assert scores[3] > scores[0] > 0          # higher term frequency wins
    common, rare = bm25.scores(["社区"]), bm25.scores(["消防"])
    assert rare[2] > common[2] > 0            # a term in every document weighs little
    assert bm25.scores(["没有的词"]).sum() == 0


def test_bm25_shorter_document_wins_at_equal_frequency():
    bm25 = BM25().fit([["养老", "服务"], ["养老", "服务", "社区", "街道", "居民", "活动"]])
    s = bm25.scores(["养老"])
    assert s[0] > s[1]


@pytest.mark.parametrize("query,expected", [
    ("垃圾分类宣传", "开展生活垃圾分类宣传"),
    ("三会一课 主题党日", "规范落实三会一课制度"),
    ("消防安全检查", "加强消防安全检查"),
    ("法律咨询", "开展法治宣传进社区活动"),
])
def test_sparse_search_finds_the_matching_sentence(sparse_index, query, expected):
    hits = search(sparse_index, query, k=3)
    assert hits[0].text.startswith(expected)
    assert hits.mode == "sparse"


@pytest.mark.parametrize("role", ["measure", "goal", "safeguard", "guiding"])
def test_role_filter_is_respected(sparse_index, role):
    hits = search(sparse_index, "社区养老服务和垃圾分类", role=role, k=5)
    assert hits and all(h.role == role for h in hits)


@pytest.mark.parametrize("theme,allowed", [
    ("elderly", {"elderly"}),
    (["party", "safety"], {"party", "safety"}),
    ("environment,urban", {"environment", "urban"}),
])
def test_theme_filter_keeps_entries_with_any_given_theme(sparse_index, theme, allowed):
    hits = search(sparse_index, "开展活动", theme=theme, k=10)
    assert hits and all(allowed & set(h.themes) for h in hits)


def test_role_and_theme_filters_combine(sparse_index):
    hits = search(sparse_index, None, role="measure", theme="elderly", k=5)
    assert [h.text[:6] for h in hits] == ["依托居家养老"]


@pytest.mark.parametrize("k", [1, 3, 5])
def test_k_is_respected(sparse_index, k):
    assert len(search(sparse_index, "社区组织开展活动服务", k=k)) == k
    assert len(search(sparse_index, None, role="measure", k=k)) == k


def test_k_larger_than_the_matching_entries(sparse_index):
    hits = search(sparse_index, None, role="guiding", k=10)
    assert len(hits) == 1


@pytest.mark.parametrize("kwargs", [{"role": "goals"}, {"theme": "pets"}, {"k": 0},
                                    {"mode": "best"}])
def test_bad_arguments_raise_input_error(sparse_index, kwargs):
    with pytest.raises(InputError):
        search(sparse_index, "养老", **kwargs)


def test_no_text_ranks_typical_entries_of_the_filter(sparse_index):
    hits = search(sparse_index, None, role="measure", k=3)
    assert hits.mode == "sparse+typical"
    assert all(h.role == "measure" for h in hits)
    assert hits[0].score == pytest.approx(1.0)


def test_text_without_known_words_falls_back_to_typical_entries(sparse_index):
    hits = search(sparse_index, "ABCDEFG", role="goal", k=2)
    assert len(hits) == 2 and hits.mode.endswith("+typical")
    assert "no word of the text" in hits.reason


def test_no_matching_entries_gives_an_empty_result(sparse_index):
    hits = search(sparse_index, "养老", role="schedule")
    assert hits == [] and isinstance(hits, SuggestResult)


def test_mmr_removes_near_duplicates():
    rows = ROWS + [(t, "measure", ["security"], f"n{i}", "三") for i, t in enumerate(NEAR)]
    index = Index.from_entries(make_entries(rows), dense=False)
    hits = search(index, "开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒能力", k=3)
    texts = [h.text for h in hits]
    assert sum(t.startswith("开展禁毒宣传教育进社区活动") for t in texts) == 1
    assert len(set(texts)) == 3


def test_result_is_a_list_of_suggestions_with_provenance(sparse_index):
    hits = search(sparse_index, "养老服务", k=4)
    assert isinstance(hits, list) and all(isinstance(h, Suggestion) for h in hits)
    for h in hits:
        doc, _, path = h.source.partition("#")
        entry = next(e for e in sparse_index.entries if e.text == h.text)
        assert (doc, path) == (entry.doc_id, entry.path)
        assert re.fullmatch(r"d\d#[一二三四（）/]*", h.source)
        assert 0 < h.score <= 1


def test_exclude_drops_a_document(sparse_index):
    hits = search(sparse_index, "养老服务", k=10, exclude=["d1"])
    assert hits and all(not h.source.startswith("d1#") for h in hits)


def test_index_mask_counts(sparse_index):
    assert sparse_index.mask(["measure"]).sum() == sum(r[1] == "measure" for r in ROWS)
    assert sparse_index.mask(themes=["none"]).sum() == 1
    assert not sparse_index.mask(themes=["veterans"]).any()
    assert isinstance(sparse_index.mask(), np.ndarray)


def test_mmr_returns_its_picks_best_score_first():
    """A near-copy of the best lowers the runner-up's MMR value, not its score: the list still goes down."""
    from plantext.suggest.rank import mmr

    rows = [("开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒能力", "measure", ["security"], "a", "一"),
            ("开展禁毒宣传教育进社区活动，提高居民识毒防毒能力", "measure", ["security"], "b", "一"),
            ("组织老年人开展健步走活动", "measure", ["elderly"], "c", "一"),
            ("在校园开展禁毒宣传教育活动，增强学生识毒防毒能力", "measure", ["security"], "d", "一")]
    index = Index.from_entries(make_entries(rows), dense=False)
    fused = [(0, 1.0), (3, 0.9), (2, 0.5)]
    picked = mmr(index, fused, k=3, lam=0.3)   # diversity first: 2 is picked before 3
    assert sorted(i for i, _ in picked) == [0, 2, 3]
    assert [s for _, s in picked] == sorted((s for _, s in picked), reverse=True)
