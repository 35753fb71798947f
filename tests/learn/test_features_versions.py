"""Feature versions: version 4 reads whole paragraphs with the plan vocabulary; a model trained on
version 3 (first 400 characters for n-grams, 200 for words, jieba's plain dictionary) still reads its own."""

from __future__ import annotations

import numpy as np
import pytest

from plantext.errors import ModelError
from plantext.learn.features import FEATURES_VERSION, current_version, unit_token_parts, version
from plantext.learn.sm import _check_width
from plantext.learn.units import Unit, UnitList

pytest.importorskip("rjieba")

# written for this test: a long paragraph whose last part holds words the first 400 characters lack
HEAD = "认真落实三会一课制度，" + "推进社区治理和服务能力建设，" * 30
TAIL = "开展垃圾分类宣传和老旧小区改造。"
TEXT = HEAD + TAIL


def _units() -> UnitList:
    return UnitList([Unit(para=0, start=0, end=len(TEXT), text=TEXT, kind="body", headings=["一、主要任务"])])


def _content(v: int) -> set[str]:
    with version(v):
        return set(unit_token_parts(_units())[0][0])


def test_version_4_is_current_and_reads_the_whole_paragraph():
    assert FEATURES_VERSION == current_version() == 4
    toks = _content(4)
    assert "c:垃圾分" in toks and "w:垃圾分类" in toks          # beyond character 400
    assert "w:三会一课" in toks                                  # the plan vocabulary keeps it whole


def test_version_3_reads_what_it_was_trained_on():
    assert len(HEAD) > 400
    toks = _content(3)
    assert "c:垃圾分" not in toks and "w:垃圾分类" not in toks
    assert "w:三会一课" not in toks and "w:制度" in toks          # jieba's plain dictionary
    assert current_version() == 4                                 # the block restores the version


def test_a_unit_list_caches_each_version_apart():
    units = _units()
    with version(3):
        v3 = units.counts("themes")
    v4 = units.counts("themes")
    assert v3.sum() < v4.sum()
    with version(3):
        assert units.counts("themes") is v3


@pytest.mark.parametrize("v, ok", [(3, True), (4, True), (2, False), (None, False)])
def test_models_of_known_versions_load(tmp_path, v, ok):
    from plantext.learn.features import N_FEATURES

    idf = np.ones(N_FEATURES, dtype=np.float32)
    if ok:
        _check_width(idf, tmp_path, v)
    else:
        with pytest.raises(ModelError):
            _check_width(idf, tmp_path, v)


def test_trf_models_get_embeddings_in_the_form_they_were_trained_on(monkeypatch, tmp_path):
    from plantext.learn import encoder as enc_mod
    from plantext.learn.trf import EmbeddingStore

    class FakeEncoder:
        dim = 4

        def __init__(self, quantize):
            self.quantize = quantize
            self.name = "e5" + (f" {quantize}" if quantize else "")

    def fake_get_encoder(model_dir=None, *, quantize=None):
        return FakeEncoder(enc_mod.resolve_quantize(quantize))

    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path))
    monkeypatch.setenv("PLANTEXT_ENCODER_QUANTIZE", "int8")   # training asks for int8
    monkeypatch.setattr(enc_mod, "get_encoder", fake_get_encoder)
    monkeypatch.setattr(enc_mod, "fast_available", lambda: False)   # no onnxruntime: float32 as trained
    monkeypatch.setattr(EmbeddingStore, "_stores", {})
    monkeypatch.setattr(EmbeddingStore, "_shared", None)
    assert EmbeddingStore.shared("e5 int8").encoder.name == "e5 int8"
    assert EmbeddingStore.shared("e5").encoder.name == "e5"          # a float-trained model
    assert EmbeddingStore.shared().encoder.name == "e5 int8"         # training: int8 on the CPU
    assert EmbeddingStore.shared("e5 int8") is EmbeddingStore.shared()
    forced = EmbeddingStore(FakeEncoder(None))
    monkeypatch.setattr(EmbeddingStore, "_shared", forced)
    assert EmbeddingStore.shared("e5 int8") is forced                  # an explicit override wins
    monkeypatch.setattr(EmbeddingStore, "_shared", None)
    monkeypatch.setattr(enc_mod, "fast_available", lambda: True)     # onnxruntime installed
    assert EmbeddingStore.shared("e5").encoder.name == "e5 onnx-int8"   # the fast form when parsing
    monkeypatch.setenv("PLANTEXT_ENCODER_QUANTIZE", "none")
    assert EmbeddingStore.shared("e5").encoder.name == "e5"          # the way back
