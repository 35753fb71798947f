"""The trf theme model averages its embedding head with an n-gram head; both survive a save."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("safetensors")


@pytest.fixture
def trained(hash_store, theme_units):
    from plantext.learn.trf import ThemeModelTRF

    store = hash_store
    units, labels = theme_units
    model = ThemeModelTRF(epochs=60, folds=2, sm_weight=0.5).fit([units] * 4, [labels] * 4, store=store)
    return model, units, store


def test_both_heads_are_trained_and_agree_on_codes(trained):
    model, units, store = trained
    assert model.sm_ is not None and model.sm_.classes_ == model.classes_
    s = model.scores(units, store)
    assert s.shape == (len(units), len(model.classes_)) and ((0 <= s) & (s <= 1)).all()
    # the two heads' threshold ratios are averaged, then read beside the document's
    head = model.head_scores(units, store)
    ratio = 0.5 * model.sm_.first_stage(units) / model.sm_.thresholds_ + 0.5 * head / model.thresholds_
    ctx = model.sm_.context_
    assert ctx is not None
    assert np.allclose(s, ctx.proba(ratio, False, ctx.keywords(units)), atol=1e-6)
    picked = [t for t, _ in model._picks(units, store)]
    assert picked == [[model.classes_[j] for j in np.argsort(-p)[:3] if p[j] >= ctx.threshold_] or ["none"]
                      for p in s]


def test_without_context_the_score_is_the_heads_weighted_mean(hash_store, theme_units):
    from plantext.learn.trf import ThemeModelTRF

    units, labels = theme_units
    model = ThemeModelTRF(epochs=5, folds=2, context=False).fit([units] * 4, [labels] * 4, store=hash_store)
    s = model.scores(units, hash_store)
    assert np.allclose(s, 0.5 * model.sm_.scores(units) + 0.5 * model.head_scores(units, hash_store), atol=1e-6)


def test_the_ensemble_survives_save_and_load(trained, tmp_path):
    from plantext.learn.trf import ThemeModelTRF

    model, units, store = trained
    model.save(tmp_path)
    assert {"head.safetensors", "labels.json", "sm_weights.npz", "sm_labels.json"} <= \
        {p.name for p in tmp_path.iterdir()}
    loaded = ThemeModelTRF.load(tmp_path)
    assert loaded.predict(units, store=store) == model.predict(units, store=store)


def test_sm_weight_zero_is_the_embedding_head_alone(tmp_path, hash_store, theme_units):
    from plantext.learn.trf import ThemeModelTRF

    store = hash_store
    units, labels = theme_units
    model = ThemeModelTRF(epochs=5, folds=2, sm_weight=0).fit([units] * 4, [labels] * 4, store=store)
    assert model.sm_ is None
    assert np.allclose(model.scores(units, store), model.head_scores(units, store))
    model.save(tmp_path)
    assert not (tmp_path / "sm_weights.npz").exists()
    assert ThemeModelTRF.load(tmp_path).sm_ is None
