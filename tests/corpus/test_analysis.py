"""Analyses on tiny hand-made tables with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from plantext.corpus import (distinctive_terms, near_duplicates, section_coverage,
                             theme_keywords, theme_prevalence)
from plantext.corpus.analysis import as_list
from plantext.errors import InputError
from plantext.corpus.dedup import MinHasher, bands_for, jaccard, shingles
from plantext.corpus.terms import log_odds, tokens


def seg_frame(rows):
    """rows: (doc_id, year, text, themes)."""
    df = pd.DataFrame(rows, columns=["doc_id", "year", "text", "themes"])
    df["start"] = 0
    df["end"] = df["text"].str.len()
    df["seg_id"] = df.groupby("doc_id").cumcount()
    return df


FRAME = seg_frame([
    ("a", 2020, "养老助餐", ["elderly"]),
    ("a", 2020, "养老服务和助餐", ["elderly", "health"]),
    ("a", 2020, "标题", ["none"]),
    ("b", 2021, "学校课后托管服务", ["education"]),
    ("b", 2021, "养老", ["elderly"]),
    ("b", 2021, "无主题", []),
])


def test_theme_prevalence_counts_and_shares():
    out = theme_prevalence(FRAME, by="year")
    got = {(r.year, r.theme): (r.segments, r.share) for r in out.itertuples()}
    assert got == {(2020, "elderly"): (2, 2 / 3), (2020, "health"): (1, 1 / 3),
                   (2021, "education"): (1, 0.5), (2021, "elderly"): (1, 0.5)}
    assert out.groupby("year")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_theme_prevalence_by_chars_overall_and_unnormalised():
    out = theme_prevalence(FRAME, by=None, weight="chars")
    assert dict(zip(out["theme"], out["chars"])) == {"elderly": 4 + 7 + 2, "health": 7, "education": 8}
    assert out["share"].sum() == pytest.approx(1.0)
    assert "share" not in theme_prevalence(FRAME, normalize=False).columns
    with pytest.raises(ValueError):
        theme_prevalence(FRAME, weight="words")


@pytest.mark.parametrize("value, expected", [
    (["a", "b"], ["a", "b"]), (np.array(["a"]), ["a"]), ("a|b", ["a", "b"]), ("", []),
    ('["a", "b"]', ["a", "b"]), (None, []), (float("nan"), []),
])
def test_as_list_reads_themes_from_any_file_format(value, expected):
    assert as_list(value) == expected


def test_theme_prevalence_reads_csv_style_themes():
    csv_like = FRAME.assign(themes=["|".join(t) for t in FRAME["themes"]])
    pd.testing.assert_frame_equal(theme_prevalence(csv_like), theme_prevalence(FRAME))


DOCS = pd.DataFrame({
    "doc_id": ["d1", "d2", "d3", "d4"],
    "doc_type": ["work_plan", "work_plan", "work_summary", "work_plan"],
    "has_goal": [True, False, False, True],
    "has_review": [False, False, True, False],
    "error": [None, None, None, "CorruptFileError: broken"],
})


def test_section_coverage_shares_per_group():
    out = section_coverage(DOCS, by="doc_type", roles=("goal", "review"))
    assert out.loc["work_plan", "goal"] == 0.5             # the failed d4 is left out
    assert out.loc["work_summary", "review"] == 1.0
    assert out["n_docs"].tolist() == [2, 1]
    overall = section_coverage(DOCS, by=None, roles=("goal", "review"))
    assert overall.loc["all", "goal"] == pytest.approx(1 / 3)


def test_section_coverage_from_a_segment_table():
    segs = pd.DataFrame({"doc_id": ["x", "x", "y"], "doc_type": ["work_plan"] * 3,
                         "role": ["goal", "measure", "measure"]})
    out = section_coverage(segs, by="doc_type", roles=("goal", "measure"))
    assert out.loc["work_plan", ["goal", "measure"]].tolist() == [0.5, 1.0]


def test_log_odds_sign_and_ordering():
    # word 0 is a's, word 2 is b's, word 1 is shared; word 3 is a's but rarer than word 0
    a = np.array([50, 20, 1, 10])
    b = np.array([2, 20, 40, 1])
    delta, z = log_odds(a, b, a + b, alpha0=10.0)
    assert z[0] > 0 and z[3] > 0 and z[2] < 0
    assert abs(z[1]) < 1.5
    assert z[0] > z[3]                       # more evidence, higher z
    assert np.argmax(z) == 0 and np.argmin(z) == 2


def test_log_odds_prior_shrinks_rare_words():
    a, b = np.array([3, 300]), np.array([0, 100])
    _, weak = log_odds(a, b, a + b, alpha0=1.0)
    _, strong = log_odds(a, b, a + b, alpha0=1000.0)
    assert abs(strong[0]) < abs(weak[0])


def test_tokens_drop_stopwords_numbers_and_single_characters():
    words = tokens("加强社区养老服务工作，2024年开展助餐服务的活动。")
    assert "助餐" in words and "活动" in words
    assert "社区养老" in words   # a taxonomy keyword: the shared segmenter's plan vocabulary keeps it whole
    assert not {"加强", "工作", "的", "2024", "，"} & set(words)


TERMS = pd.DataFrame({
    "group": ["old"] * 3 + ["young"] * 3,
    "text": ["养老助餐服务", "养老助餐覆盖老年人", "上门养老服务",
             "学校课后托管服务", "课后托管四点半课堂", "学校家长课后辅导"],
    "themes": [["elderly"]] * 3 + [["education"]] * 3,
})


def test_distinctive_terms_between_two_groups():
    out = distinctive_terms(TERMS, "group", "old", "young", prior=5.0, top=3)
    old = out[out["group"] == "old"]
    young = out[out["group"] == "young"]
    assert old["term"].iloc[0] == "养老" and (old["z"] > 0).all()
    assert young["term"].iloc[0] in ("课后", "学校") and (young["z"] < 0).all()
    assert old["z"].is_monotonic_decreasing and young["z"].is_monotonic_increasing
    assert list(out.columns) == ["group", "term", "count_a", "count_b", "log_odds", "z"]
    assert "服务" not in set(out["term"])            # shared by both groups


def test_distinctive_terms_against_the_rest():
    out = distinctive_terms(TERMS, "group", "young", prior=5.0, top=2)
    assert set(out["group"]) == {"young", "rest"}


@pytest.mark.parametrize("args, message", [
    (("group", "retired", "young"), "group == 'retired'"),      # a value no row has
    (("group", "old", "unknown"), "group == 'unknown'"),
    (("cohort", "old"), "No column 'cohort'"),
])
def test_distinctive_terms_of_an_empty_or_missing_group_is_a_clear_error(args, message):
    with pytest.raises(InputError, match=message):
        distinctive_terms(TERMS, *args)


@pytest.mark.parametrize("by, message", [("region", "no value in any row"), ("county", "No column 'county'")])
def test_prevalence_by_an_empty_or_missing_column_is_a_clear_error(by, message):
    with pytest.raises(InputError, match=message):
        theme_prevalence(TERMS.assign(region=None), by=by)


def test_distinctive_terms_against_the_rest_needs_a_rest():
    with pytest.raises(InputError, match="not 'old'"):
        distinctive_terms(TERMS.assign(group="old"), "group", "old")


def test_theme_keywords_per_theme():
    out = theme_keywords(TERMS, top=2, prior=5.0)
    top = out[out["rank"] == 1].set_index("theme")["term"].to_dict()
    assert top["elderly"] == "养老"
    assert top["education"] in ("课后", "学校")
    assert set(out.columns) == {"theme", "rank", "term", "count", "count_rest", "log_odds", "z"}


BASE = "为进一步做好社区养老服务工作，结合本社区实际，制定本实施方案。一、工作目标：老年人助餐服务覆盖率达到百分之九十以上。二、主要任务：开展助餐、助浴、助医服务。"


def test_near_duplicates_finds_template_reuse():
    docs = {"a": BASE, "b": BASE.replace("本社区", "阳光社区"),
            "c": "街道教育关爱工作要点：开设四点半课堂，开展家庭教育讲座，组织志愿者辅导学生功课，关爱未成年人。"}
    out = near_duplicates(docs, threshold=0.7, min_chars=10)
    assert list(zip(out["id_a"], out["id_b"])) == [("a", "b")]
    assert out["jaccard"].iloc[0] > 0.8
    assert abs(out["jaccard_est"].iloc[0] - out["jaccard"].iloc[0]) < 0.15


def test_near_duplicates_on_segment_tables():
    frame = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "seg_id": [0, 1, 0, 1],
                          "text": [BASE, "附件一", BASE, "附件二"]})
    docs = near_duplicates(frame, threshold=0.8, min_chars=10)
    assert list(zip(docs["id_a"], docs["id_b"])) == [("a", "b")]
    segs = near_duplicates(frame, threshold=0.8, level="segment", min_chars=10)
    assert list(zip(segs["id_a"], segs["id_b"])) == [("a#0", "b#0")]
    assert segs["jaccard"].iloc[0] == 1.0


def test_minhash_estimates_jaccard():
    x = shingles("".join(chr(0x4E00 + i) for i in range(400)))
    y = shingles("".join(chr(0x4E00 + i) for i in range(100, 500)))
    exact = jaccard(x, y)
    assert exact == pytest.approx(296 / 496)          # 396 5-grams each, 296 shared
    hasher = MinHasher(256)
    est = float(np.mean(hasher.signature(x) == hasher.signature(y)))
    assert abs(est - exact) < 0.1


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.9])
def test_bands_cover_all_permutations(threshold):
    bands, rows = bands_for(threshold, 128)
    assert bands * rows == 128
    assert abs((1 / bands) ** (1 / rows) - threshold) < 0.15


def test_near_duplicates_on_a_corpus_and_a_plain_frame(texts):
    from plantext.corpus import Corpus

    corpus = Corpus.from_texts([texts[0], texts[0].replace("社区", "本社区", 1), texts[1]],
                               ids=["x", "y", "z"]).process(model="none", workers=1, progress=False)
    assert list(zip(*[near_duplicates(corpus)[c] for c in ("id_a", "id_b")])) == [("x", "y")]
    plain = pd.DataFrame({"doc_id": ["p", "q"], "text": [BASE, BASE]})
    assert near_duplicates(plain, min_chars=10)[["id_a", "id_b"]].values.tolist() == [["p", "q"]]
    with pytest.raises(ValueError, match="segment table"):
        near_duplicates(pd.DataFrame({"doc_id": ["p"], "year": [2020]}))
