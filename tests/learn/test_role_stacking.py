"""The stacker of the trf role model: fitted on held-out predictions, role by role."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import plantext as pt
from plantext.learn.stacking import Stacker, log_features

from test_role_ensemble import ROLES, _fit  # noqa: E402  (same folder, on sys.path)


def _parts(rng, y, k, noisy_first=True):
    """Two parts' probabilities for labels ``y``: one sure and right, one random."""
    right = np.full((len(y), k), 0.02)
    right[np.arange(len(y)), y] = 1.0
    noise = rng.dirichlet(np.ones(k), size=len(y))
    parts = [noise, right] if noisy_first else [right, noise]
    return [p / p.sum(axis=1, keepdims=True) for p in parts]


def test_the_stacker_learns_which_part_to_trust():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, size=400)
    x = log_features(_parts(rng, y, 5))
    s = Stacker(C=1.0).fit(x, y, 5)
    y_new = rng.integers(0, 4, size=100)
    p = s.predict_proba(log_features(_parts(rng, y_new, 5)), np.full((100, 5), 0.2))  # a mix that knows nothing
    assert (p.argmax(axis=1) == y_new).mean() == 1.0
    assert np.allclose(p.sum(axis=1), 1)
    # the sure part carries more weight than the noise, for every seen class
    k = 5
    on_noise = s.coef_[np.arange(4), np.arange(4)]
    on_right = s.coef_[np.arange(4), k + np.arange(4)]
    assert (on_right > on_noise).all()


def test_a_role_no_held_out_document_shows_keeps_its_base_probability():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, size=200)  # class 3 never seen
    s = Stacker().fit(log_features(_parts(rng, y, 4)), y, 4)
    assert list(s.seen_) == [0, 1, 2]
    base = np.array([[0.1, 0.1, 0.1, 0.7], [0.3, 0.3, 0.3, 0.1]])
    p = s.predict_proba(log_features(_parts(rng, np.array([0, 1]), 4)), base)
    assert np.allclose(p[:, 3], base[:, 3])
    assert np.allclose(p[:, :3].sum(axis=1), base[:, :3].sum(axis=1))
    assert p[0].argmax() == 3 and p[1].argmax() == 1


def test_the_trf_role_model_uses_its_stacker_and_keeps_it_on_save(hash_store, tmp_path):
    from plantext.learn.trf import RoleModelTRF

    model, units = _fit(hash_store, heads=1, sm_weight=0.5)
    plain = model.predict_proba(units, store=hash_store)
    x, base = model.stack_inputs(units, store=hash_store)
    assert x.shape == (len(units), 3 * len(model.classes_)) and np.allclose(base, plain)
    # held-out rows that say: trust nothing but the order of the document
    model.fit_stack([(x, ROLES)] * 3)
    stacked = model.predict_proba(units, store=hash_store)
    assert stacked.shape == plain.shape and not np.allclose(stacked, plain)
    assert np.allclose(stacked, model.stack_.predict_proba(x, base))
    model.save(tmp_path)
    loaded = RoleModelTRF.load(tmp_path)
    assert loaded.stack_ is not None and list(loaded.stack_.seen_) == list(model.stack_.seen_)
    assert np.allclose(loaded.predict_proba(units, store=hash_store), stacked, atol=1e-3)
    # refitting the parts drops a stacker fitted on the old parts' predictions
    model.fit([units] * 4, [ROLES] * 4, store=hash_store)
    assert model.stack_ is None


def test_each_fold_is_scored_by_a_stacker_that_never_saw_it():
    from plantext.learn.train import _stacked_figures
    from plantext.learn.trf import RoleModelTRF

    seen_by_fit: list[set] = []

    class Spy(RoleModelTRF):
        def fit_stack(self, rows):
            seen_by_fit.append({id(x) for x, _ in rows})
            return super().fit_stack(rows)

    rng = np.random.default_rng(2)
    model = Spy()
    model.classes_ = list(pt.document.ROLES)
    k = len(model.classes_)
    rows = []
    for fold in range(3):
        for _ in range(2):
            y = rng.integers(1, 6, size=30)
            labels = [model.classes_[i] for i in y]
            ld = SimpleNamespace(units=[SimpleNamespace(fixed_role=None)] * 30, roles=labels,
                                 role_from=["heading"] * 30)
            x = log_features(_parts(rng, y, k))
            rows.append((fold, ld, False, x, np.full((30, k), 1 / k)))
    out = _stacked_figures(model, rows)
    assert len(seen_by_fit) == 3
    for fold, seen in enumerate(seen_by_fit):
        assert seen == {id(r[3]) for r in rows if r[0] != fold}
    assert out["with_headings"]["accuracy"] == 1.0 and out["stacker"]["rows"] == 180


@pytest.mark.parametrize("c", [0, -1])
def test_a_bad_stacker_setting_is_a_clear_error(c):
    from plantext.learn.trf import RoleModelTRF

    with pytest.raises(pt.InputError, match=r"\[E017\] stack_C must be"):
        RoleModelTRF(stack_C=c)


def test_the_stacker_reads_the_heads_and_the_sm_part_before_and_after_smoothing(hash_store):
    model, units = _fit(hash_store, heads=1, sm_weight=0.5)
    k = len(model.classes_)
    x, _ = model.stack_inputs(units, store=hash_store)
    raw, smooth = model.sm_.proba_before_and_after_smoothing(units)
    assert np.allclose(raw, model.sm_.predict_proba(units, smooth=False))
    assert np.allclose(smooth, model.sm_.predict_proba(units))
    assert not np.allclose(raw, smooth)
    cols = [model.classes_.index(c) for c in model.sm_.classes_]
    assert np.allclose(np.exp(x[:, :k]), np.clip(model.head_proba(units, store=hash_store), 1e-6, 1), atol=1e-6)
    assert np.allclose(np.exp(x[:, k:2 * k])[:, cols], np.clip(smooth, 1e-6, 1), atol=1e-6)
    assert np.allclose(np.exp(x[:, 2 * k:])[:, cols], np.clip(raw, 1e-6, 1), atol=1e-6)
    # given the parts, the same rows
    assert np.allclose(model.stack_inputs(units, parts=model.parts(units, store=hash_store))[0], x)
    three = model.parts(units, store=hash_store, unsmoothed=True)
    assert len(three) == 3 and np.allclose(three[2][:, cols], np.clip(raw, 1e-6, 1), atol=1e-6)
    assert np.allclose(model.stack_inputs(units, parts=three)[0], x)


def test_held_out_rows_of_a_single_role_leave_the_base_probabilities_as_they_are():
    rng = np.random.default_rng(3)
    y = np.zeros(20, dtype=int)
    s = Stacker().fit(log_features(_parts(rng, y, 4)), y, 4)
    assert list(s.seen_) == [0]
    base = rng.dirichlet(np.ones(4), size=5)
    assert np.allclose(s.predict_proba(log_features(_parts(rng, y[:5], 4)), base), base)
