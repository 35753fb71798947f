"""The fast feature path (numpy over the whole document) equals the reference token path.

At parse time :meth:`UnitList.counts` builds the hashed count matrices with
:func:`plantext.learn.doc_counts.document_counts`; training and version-3 models read
:func:`unit_token_parts` + :func:`hash_tokens`. Both must give the same matrices, or the
models would read at parse time something other than what they were trained on.
"""

from __future__ import annotations

import pathlib
import random

import mmh3
import numpy as np
import pytest

import plantext as pt
from plantext.learn.doc_counts import count_matrices, document_counts
from plantext.learn.features import (hash_tokens, keyword_tokens, keyword_tokens_of, linear_scores, tfidf,
                                     unit_token_parts, version)
from plantext.learn.murmur import MAX_BYTES, SpanHasher
from plantext.learn.units import Unit, UnitList, merge_wrapped, plan_units

pytest.importorskip("rjieba")

# written for these tests: headings, items, numbers, Latin words, full-width and rare characters,
# a line longer than MAX_BYTES of Latin letters, an empty paragraph
PLAN = """某街道二〇二五年社区治理工作计划

一、指导思想
坚持党建引领，推进网格化管理，落实三会一课制度。

二、工作目标
全年完成老旧小区改造3个，垃圾分类覆盖率达到９５％以上；开展志愿服务活动12场次。

三、主要措施
（一）加强组织领导。成立工作专班，明确责任清单，建立工作台账。
（二）完善服务设施。新建日间照料中心1处，推进居家养老服务，WiFi全覆盖。
1. 开展"邻里节"活动，营造和谐氛围😀。
2. Community-service-and-neighbourhood-governance-programme-for-every-household-2025 启动。

四、保障措施
强化经费保障，实行督查督办，纳入年度考核评估。
"""


def _units(text: str) -> UnitList:
    return merge_wrapped(plan_units(pt.parse(text, model="none")))[0]


def _reference(units) -> tuple:
    parts = unit_token_parts(units)
    content = hash_tokens([a for a, _ in parts])
    return content, content + hash_tokens([b for _, b in parts])


def _same(a, b) -> bool:
    return a.shape == b.shape and (a != b).nnz == 0


def test_span_hashes_equal_mmh3_on_random_text():
    rng = random.Random(7)
    alphabet = "abcXYZ019工作计划社区，。；２％😀é\n \t_"
    text = "".join(rng.choice(alphabet) for _ in range(3000)) + "z" * (MAX_BYTES + 20)
    hasher = SpanHasher(text)
    starts = np.array([rng.randrange(len(text) - MAX_BYTES - 10) for _ in range(4000)] + [len(text) - 90])
    lengths = np.array([rng.choice([0, 1, 2, 3, 4, 5, 7, 9, 17]) for _ in range(4000)] + [90])
    for prefix in ("c:", "w:", "h1:", "", "kw:x", "é"):
        got = hasher.hash(prefix, starts, starts + lengths)
        want = [mmh3.hash(prefix + text[s:s + n]) for s, n in zip(starts, lengths)]
        assert got.tolist() == want, prefix


def test_document_counts_equal_the_token_path_on_sample_text():
    units = _units(PLAN)
    assert len(units) > 8
    assert any(len(u.text.encode()) > MAX_BYTES for u in units)
    fast = document_counts(UnitList(units))
    ref = _reference(units)
    assert _same(fast[0], ref[0]) and _same(fast[1], ref[1])


def test_units_without_headings_or_text_and_a_single_unit():
    texts = ["第一段，没有标题。", "", "Plan 2025：目标100%。", "一"]
    units = UnitList([Unit(para=i, start=0, end=len(t), text=t, kind="body", headings=[], position=i / 4)
                      for i, t in enumerate(texts)])
    for sub in (units, UnitList(units[:1]), UnitList(units[1:2])):
        fast = document_counts(UnitList(sub))
        ref = _reference(sub)
        assert _same(fast[0], ref[0]) and _same(fast[1], ref[1])


def test_parse_reads_the_fast_path_and_labels_as_the_token_path(monkeypatch):
    """``UnitList.counts`` takes the fast path for version 4; a model reading the reference
    matrices (a plain list of units has no ``counts``) gives the same probabilities."""
    import plantext.learn.doc_counts as dc

    calls = []
    real = dc.document_counts
    monkeypatch.setattr(dc, "document_counts", lambda units: calls.append(len(units)) or real(units))
    nlp = pt.load("sm")
    plan = nlp.parse(PLAN)
    assert calls                                    # the parse read the fast path
    units = _units(PLAN)
    roles, themes = nlp.labeller.roles, nlp.labeller.themes
    fast_r = roles.unit_proba(units)
    assert calls[-1] == len(units)
    ref_r = roles.unit_proba(list(units))
    np.testing.assert_allclose(fast_r, ref_r, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(themes._scores(units), themes._scores(list(units)), rtol=1e-5, atol=1e-6)
    assert plan.segments


def test_version_3_models_still_read_the_token_path():
    units = _units(PLAN)
    with version(3):
        got = units.counts("roles")
    parts = unit_token_parts(units)          # version 4 tokens differ (whole paragraphs, plan words)
    with version(3):
        parts3 = unit_token_parts(units)
    assert _same(got, hash_tokens([a + b for a, b in parts3]))
    assert not _same(got, hash_tokens([a + b for a, b in parts]))


def test_count_matrices_sum_duplicates_and_split_context():
    rows = np.array([1, 0, 1, 1, 0, 2])
    hashes = np.array([5, 7, 5, -5, 7, 9], dtype=np.int32)
    ctx = np.array([False, False, True, False, True, True])
    content, both = count_matrices(rows, hashes, ctx, 3)
    assert content.toarray()[1, 5] == 2 and content.toarray()[0, 7] == 1 and content[2].nnz == 0
    assert both.toarray()[1, 5] == 3 and both.toarray()[0, 7] == 2 and both.toarray()[2, 9] == 1
    assert content.has_canonical_format and both.has_canonical_format


def test_keywords_of_many_texts_equal_one_by_one():
    texts = [u.text for u in _units(PLAN)] + ["", "垃圾", "分类垃圾分类", "居家养老服务和日间照料"]
    got = keyword_tokens_of(texts)
    assert [sorted(g) for g in got] == [sorted(keyword_tokens(t)) for t in texts]
    assert any(got)


def test_tfidf_equals_the_sparse_formula():
    from scipy.sparse import diags

    counts = hash_tokens([["c:甲", "c:甲", "c:乙"], [], ["w:社区"] * 5 + ["c:甲"]])
    idf = np.linspace(1.0, 3.0, counts.shape[1]).astype(np.float32)
    x = counts.copy()
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    want = (diags(1.0 / norms) @ x).toarray()
    np.testing.assert_allclose(tfidf(counts, idf).toarray(), want, rtol=1e-6)


def test_linear_scores_follow_a_changed_coef():
    class Owner:
        pass

    owner = Owner()
    x = hash_tokens([["a", "b"], ["c"]])
    coef = np.random.default_rng(0).normal(size=(3, x.shape[1])).astype(np.float32)
    np.testing.assert_allclose(linear_scores(x, coef, owner), (x @ coef.T), rtol=1e-6)
    coef2 = coef * 2
    np.testing.assert_allclose(linear_scores(x, coef2, owner), (x @ coef2.T), rtol=1e-6)
    wide = np.hstack([coef, np.ones((3, 4), np.float32)])          # dense columns after the hashed ones
    np.testing.assert_allclose(linear_scores(x, wide, owner), (x @ coef.T), rtol=1e-6)


def test_real_documents(shared):
    files = sorted((shared / "corpora" / "real").rglob("*.txt"))[::25]
    assert files
    for f in files:
        units = _units(f.read_text(encoding="utf-8"))
        if not units:
            continue
        fast = document_counts(UnitList(units))
        ref = _reference(units)
        assert _same(fast[0], ref[0]) and _same(fast[1], ref[1]), f.name


def test_word_characters_are_those_the_word_filter_keeps():
    """A word is kept when some character of it is not punctuation, space, digit or ``_``
    (``features._PUNCT``); the table learns each code point once, from the same pattern."""
    from plantext.learn.doc_counts import _is_word_char
    from plantext.learn.features import _PUNCT

    codes = np.array(list(range(0, 0x3100, 3)) + [0x4E00, 0x2460, 0x2160, 0x20000, 0xFF10, 0x3000],
                     dtype=np.uint32)
    for _ in range(2):                                   # the second time from the table
        got = _is_word_char(codes)
        assert got.tolist() == [_PUNCT.match(chr(c)) is None for c in codes.tolist()]
