"""``suggest(corpus=...)`` takes a plantext.Corpus as the API contract shows, and says what else it takes."""

from __future__ import annotations

import pytest

import plantext as pt

PLAN = ("社区2024年工作计划\n一、工作目标\n到年底，辖区独居老人探访覆盖率达到100%。\n"
        "二、主要措施\n为独居老人提供助餐、助洁服务，建设长者食堂。\n"
        "三、保障措施\n成立工作领导小组，落实经费保障。\n")


def test_suggestions_come_from_a_corpus_of_texts_with_its_ids():
    corpus = pt.Corpus.from_texts([PLAN], ids=["mine"])
    hits = pt.suggest("养老服务", corpus=corpus, k=3, mode="sparse")
    assert hits and all(h.source.startswith("mine#") for h in hits)
    assert hits[0].text == "为独居老人提供助餐、助洁服务，建设长者食堂。"


def test_a_corpus_is_indexed_once_per_object(monkeypatch):
    from plantext.pipeline import Pipeline
    from plantext.suggest import api

    corpus = pt.Corpus.from_texts([PLAN], ids=["mine"])
    first = api.get_index(corpus, dense=False)
    assert api.get_index(pt.Corpus.from_texts([PLAN], ids=["x"]), dense=False) is not first

    def reparse(*a, **kw):
        raise AssertionError("the corpus was parsed again")

    monkeypatch.setattr(Pipeline, "parse_many", reparse)
    monkeypatch.setattr(Pipeline, "parse", reparse)
    assert api.get_index(corpus, dense=False) is first


def test_a_corpus_from_a_folder_is_searched(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    hits = pt.suggest(role="safeguard", corpus=pt.Corpus.from_dir(tmp_path), k=1, mode="sparse")
    assert [h.source for h in hits] == ["a.txt#三"]


@pytest.mark.parametrize("bad", [123, ["社区计划"], 1.5])
def test_a_corpus_of_another_type_is_a_clear_error(bad):
    with pytest.raises(pt.InputError, match="corpus="):
        pt.suggest("养老服务", corpus=bad)


@pytest.mark.parametrize("text", [123, b"\xe5\x85\xbb\xe8\x80\x81", ["养老"]])
def test_draft_text_that_is_not_a_str_is_a_clear_error(text):
    with pytest.raises(pt.InputError, match="str"):
        pt.suggest(text)
