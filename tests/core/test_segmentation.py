"""The one segmenter: rjieba and the jieba fallback agree, the plan vocabulary stays whole."""

from __future__ import annotations

import threading

import pytest

from plantext.segmentation import Segmenter, plan_vocabulary, segmenter

pytest.importorskip("rjieba")

# written for these tests: plan-like sentences with plan-vocabulary words, numbers and latin
TEXTS = [
    "严格落实三会一课制度，每季度开展一次主题党日活动。",
    "推进垃圾分类和老旧小区改造，配齐配强网格员队伍，全年完成12个小区的整治。",
    "建立健全矛盾纠纷排查化解长效机制，做好社区矫正和安置帮教工作。",
    "到2025年，家庭医生签约覆盖率达到75%以上，APP线上办理率提升至90%。",
    "",
    "加强组织领导，落实经费保障，强化督查督办和考核评估。",
]


@pytest.fixture(scope="module")
def both():
    vocab = plan_vocabulary()
    return Segmenter(vocab, backend="rjieba"), Segmenter(vocab, backend="jieba")


@pytest.mark.parametrize("text", TEXTS)
def test_backends_agree_with_hmm_off(both, text):
    rust, py = both
    assert rust.cut(text) == py.cut(text)
    assert rust.cut_for_search(text) == py.cut_for_search(text)
    assert rust.tokenize(text) == py.tokenize(text)


@pytest.mark.parametrize("word", ["三会一课", "垃圾分类", "网格员", "长效机制", "督查督办"])
@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_plan_vocabulary_stays_whole(word, backend):
    seg = Segmenter(plan_vocabulary(), backend=backend)
    assert word in seg.cut(f"认真落实{word}的各项要求")


def test_plain_dictionary_splits_what_the_vocabulary_keeps():
    # without the vocabulary 三会一课 is not one jieba word: the vocabulary is what keeps it whole
    assert "三会一课" not in Segmenter(backend="rjieba").cut("认真落实三会一课的各项要求")


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_tokenize_offsets_cover_the_text(backend):
    text = TEXTS[1]
    spans = Segmenter(plan_vocabulary(), backend=backend).tokenize(text)
    assert "".join(w for w, _, _ in spans) == text
    assert all(text[a:b] == w for w, a, b in spans)


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_tag_gives_verbs(backend):
    tags = dict(Segmenter(backend=backend).tag("加强组织领导"))
    assert tags["加强"].startswith("v")


def test_shared_segmenter_is_one_object_across_threads():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(segmenter())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in seen + [segmenter()]}) == 1
    assert segmenter().backend == "rjieba"


def test_unknown_backend_is_an_input_error():
    from plantext.errors import InputError

    with pytest.raises(InputError):
        Segmenter(backend="pkuseg")
