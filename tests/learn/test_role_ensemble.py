"""The trf role model: several BiGRU heads, combined log-linearly with an sm role model."""

from __future__ import annotations

import numpy as np
import pytest

import plantext as pt

pytest.importorskip("torch")
pytest.importorskip("safetensors")

PLAN = """为做好社区服务工作，结合实际，制定本方案。
以居民需求为导向，坚持共建共治共享。
到年底，居民满意率达到95%以上。
开展垃圾分类宣传，设置分类投放点。
为独居老人提供助餐服务。
成立工作领导小组，落实经费保障。
"""
ROLES = ["preamble", "guiding", "goal", "measure", "measure", "safeguard"]


def _fit(store, **kw):
    from plantext.learn.trf import RoleModelTRF
    from plantext.learn.units import plan_units

    units = plan_units(pt.parse(PLAN, model="none"))
    assert len(units) == len(ROLES)
    model = RoleModelTRF(epochs=40, hidden=32, **kw).fit([units] * 4, [ROLES] * 4, store=store)
    return model, units


def test_the_heads_are_averaged_and_combined_with_the_sm_model(hash_store):
    model, units = _fit(hash_store, heads=2, sm_weight=0.5)
    assert len(model.nets_) == 2 and model.sm_ is not None
    p = model.predict_proba(units, store=hash_store)
    assert p.shape == (len(units), len(model.classes_)) and np.allclose(p.sum(axis=1), 1)
    # log-linear: log p ∝ 0.5 log p_sm + 0.5 log p_heads
    heads = model.head_proba(units, store=hash_store)
    sm = np.full_like(heads, 1e-6)
    sm[:, [model.classes_.index(c) for c in model.sm_.classes_]] = model.sm_.predict_proba(units)
    z = np.sqrt((sm + 1e-9) * (heads + 1e-9))
    assert np.allclose(p, z / z.sum(axis=1, keepdims=True), atol=1e-5)
    assert model.predict(units, store=hash_store) == ROLES


def test_two_heads_differ_by_seed_and_their_mean_is_the_head_probability(hash_store):
    import torch

    model, units = _fit(hash_store, heads=2, sm_weight=0)
    from plantext.learn.trf import unit_inputs

    x = torch.from_numpy(unit_inputs(units, hash_store))[None]
    with torch.inference_mode():
        each = [torch.softmax(net(x)[0], dim=-1).numpy() for net in model.nets_]
    assert not np.allclose(each[0], each[1])
    assert np.allclose(model.head_proba(units, store=hash_store), np.mean(each, axis=0), atol=1e-6)
    assert model.sm_ is None


def test_the_ensemble_survives_save_and_load(hash_store, tmp_path):
    from plantext.learn.trf import RoleModelTRF

    model, units = _fit(hash_store, heads=2, sm_weight=0.4)
    model.save(tmp_path)
    assert {"head.safetensors", "labels.json", "sm_weights.npz", "sm_labels.json"} <= \
        {p.name for p in tmp_path.iterdir()}
    loaded = RoleModelTRF.load(tmp_path)
    assert loaded.heads == 2 and loaded.sm_weight == 0.4
    # the sm part is stored in float16
    assert np.allclose(loaded.predict_proba(units, store=hash_store),
                       model.predict_proba(units, store=hash_store), atol=1e-3)
    assert loaded.predict(units, store=hash_store) == model.predict(units, store=hash_store)


def test_cross_validation_sweeps_the_sm_weight_without_refitting(hash_store, monkeypatch):
    from plantext.learn.data import LabelledDoc
    from plantext.learn.train import SM_WEIGHTS, _score_held_out
    from plantext.learn.trf import EmbeddingStore

    monkeypatch.setattr(EmbeddingStore, "shared", classmethod(lambda cls, trained_on=None: hash_store))
    model, units = _fit(hash_store, sm_weight=0.4)
    doc = LabelledDoc("d", units, list(ROLES), [None] * len(units), ["heading"] * len(units))
    calls = []
    parts = model.parts
    monkeypatch.setattr(model, "parts", lambda u, store=None: calls.append(1) or parts(u, store))
    scores: tuple = ([], [], [], [])
    sweep: dict = {}
    _score_held_out(model, doc, doc, scores, sweep)
    assert sorted(sweep) == sorted(SM_WEIGHTS) and model.sm_weight == 0.4
    # the parts once per document version, for the model's own figures and every weight
    assert len(calls) == 2
    assert scores[0] == scores[2] == ROLES
    assert scores[3] == model.predict(units) and scores[1] == [u.fixed_role or p for u, p in
                                                                zip(units, model.predict(units))]
    sm_alone = [model.sm_.classes_[i] for i in model.sm_.predict_proba(units).argmax(axis=1)]
    heads_alone = [model.classes_[i] for i in model.head_proba(units).argmax(axis=1)]
    assert sweep[1.0][3] == sm_alone and sweep[0.0][3] == heads_alone
    assert all(v[2] == ROLES for v in sweep.values())


def test_a_model_without_an_sm_part_is_scored_but_not_swept(hash_store, monkeypatch):
    from plantext.learn.data import LabelledDoc
    from plantext.learn.train import _score_held_out
    from plantext.learn.trf import EmbeddingStore

    monkeypatch.setattr(EmbeddingStore, "shared", classmethod(lambda cls, trained_on=None: hash_store))
    model, units = _fit(hash_store, sm_weight=0)
    doc = LabelledDoc("d", units, list(ROLES), [None] * len(units), ["heading"] * len(units))
    scores: tuple = ([], [], [], [])
    sweep: dict = {}
    _score_held_out(model, doc, doc, scores, sweep)
    assert sweep == {}
    assert scores[2] == ROLES and scores[3] == model.predict(units)


@pytest.mark.parametrize("kw", [{"heads": 0}, {"heads": 1.5}, {"sm_weight": -0.1}, {"sm_weight": 1.2},
                                {"sm_params": {"C": 8, "c": 8}}])
def test_bad_ensemble_settings_are_a_clear_error(kw):
    from plantext.learn.trf import RoleModelTRF

    with pytest.raises(pt.InputError, match=r"\[E017\] (heads|sm_weight|sm_params) must be"):
        RoleModelTRF(**kw)


class _WideEncoder:
    name, dim = "wide-encoder", 96

    def encode(self, texts, kind="query"):
        return np.ones((len(texts), self.dim), dtype=np.float32) / np.sqrt(self.dim)


def test_an_encoder_of_another_width_is_refused_before_the_heads_run(hash_store, tmp_path):
    from plantext.learn.trf import EmbeddingStore, RoleModelTRF

    model, units = _fit(hash_store, heads=1, sm_weight=0)
    model.save(tmp_path)
    loaded = RoleModelTRF.load(tmp_path)
    assert loaded.embedding_ == {"encoder": "hash-encoder", "dim": 64}
    with pytest.raises(pt.ModelError, match=r"\[E011\].*64-dimensional embeddings of hash-encoder.*gives 96"):
        loaded.predict_proba(units, store=EmbeddingStore(_WideEncoder(), persist=False))
