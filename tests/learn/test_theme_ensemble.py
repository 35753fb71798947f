"""The trf theme model: linear heads over n-gram features and paragraph embeddings."""

from __future__ import annotations

import json

import numpy as np
import pytest

import plantext as pt

pytest.importorskip("torch")


@pytest.fixture
def trained(hash_store, theme_units):
    from plantext.learn.trf import ThemeModelTRF

    units, labels = theme_units
    model = ThemeModelTRF(folds=2).fit([units] * 4, [labels] * 4, store=hash_store)
    return model, units, hash_store


def test_the_heads_read_n_grams_and_embeddings(trained):
    from plantext.learn.features import N_FEATURES

    model, units, store = trained
    assert model.coef_.shape == (len(model.classes_), N_FEATURES + 2 * store.encoder.dim)
    assert np.abs(model.coef_[:, N_FEATURES:]).sum() > 0
    s = model.scores(units)
    assert s.shape == (len(units), len(model.classes_)) and ((0 <= s) & (s <= 1)).all()
    assert model.embedding_ == {"encoder": "hash-encoder", "dim": 64}


def test_zeroing_the_embedding_weights_changes_the_first_stage(trained):
    model, units, _ = trained
    before = model.first_stage(units)
    model.coef_[:, -128:] = 0
    assert not np.allclose(before, model.first_stage(units))


def test_without_context_themes_are_the_heads_over_their_thresholds(hash_store, theme_units):
    from plantext.learn.trf import ThemeModelTRF

    units, labels = theme_units
    model = ThemeModelTRF(folds=2, context=False).fit([units] * 4, [labels] * 4, store=hash_store)
    assert model.context_ is None
    s = model.scores(units)
    assert np.allclose(s, model.first_stage(units))
    assert model.predict(units) == [[model.classes_[j] for j in np.argsort(-p)[:3] if p[j] >= model.thresholds_[j]]
                                    or ["none"] for p in s]


def test_the_model_survives_save_and_load(trained, tmp_path):
    from plantext.learn.trf import ThemeModelTRF

    model, units, store = trained
    model.save(tmp_path)
    assert {"weights.npz", "labels.json"} <= {p.name for p in tmp_path.iterdir()}
    assert not list(tmp_path.glob("*.safetensors")) and not list(tmp_path.glob("*.pkl"))
    loaded = ThemeModelTRF.load(tmp_path)
    assert loaded.scale == model.scale and loaded.embedding_ == model.embedding_
    assert loaded.predict(units, store=store) == model.predict(units, store=store)


class _Wide:
    name, dim = "wide-encoder", 96

    def encode(self, texts, kind="query"):
        return np.ones((len(texts), self.dim), dtype=np.float32) / np.sqrt(self.dim)


class _Renamed(_Wide):
    name, dim = "another-encoder", 64


def test_an_encoder_of_another_width_is_refused_and_another_name_warned(trained, tmp_path):
    from plantext.learn.trf import EmbeddingStore, ThemeModelTRF

    model, units, _ = trained
    model.save(tmp_path)
    loaded = ThemeModelTRF.load(tmp_path)
    with pytest.raises(pt.ModelError, match=r"\[E011\].*64-dimensional embeddings of hash-encoder.*gives 96"):
        loaded.scores(units, store=EmbeddingStore(_Wide(), persist=False))
    with pytest.warns(pt.PlanTextWarning, match="trained on embeddings of hash-encoder"):
        loaded.scores(units, store=EmbeddingStore(_Renamed(), persist=False))


def test_a_folder_of_the_older_mlp_model_is_refused_clearly(trained, tmp_path):
    from plantext.learn.trf import ThemeModelTRF

    model, _, _ = trained
    model.save(tmp_path)
    info = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    info["params"] = {"hidden": 256, "epochs": 40, "lr": 0.002, "seed": 0, "folds": 3, "max_themes": 3,
                      "sm_weight": 0.5, "context": True}
    (tmp_path / "labels.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(pt.ModelError, match=r"\[E011\].*settings"):
        ThemeModelTRF.load(tmp_path)


@pytest.mark.parametrize("scale", [0, -1, "2"])
def test_scale_must_be_positive(scale):
    from plantext.learn.trf import ThemeModelTRF

    with pytest.raises(pt.InputError, match=r"\[E017\] scale must be"):
        ThemeModelTRF(scale=scale)
