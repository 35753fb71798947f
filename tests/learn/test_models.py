"""The trained role and theme models: loading checks, labelling behaviour, smoothing."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

import plantext as pt
from plantext.learn.artifacts import load_model, read_meta, version_in_range
from plantext.learn.registry import models_dir
from plantext.learn.smoothing import fit_transitions, posteriors

FLAT = ("青松社区2025年养老服务工作计划\n"
        "为做好辖区老年人服务，结合社区实际，制定本计划。\n"
        "以居家养老为基础，坚持政府引导、社会参与的原则。\n"
        "到2025年底，社区老年食堂助餐服务覆盖80%以上的高龄老人。\n"
        "开设老年助餐点，组织志愿者为独居老人上门送餐。\n"
        "成立由社区书记任组长的工作领导小组，落实专项经费。\n")


@pytest.mark.parametrize("version, spec, ok", [
    ("0.1.0", ">=0.1,<0.2", True), ("0.2.0", ">=0.1,<0.2", False), ("0.10.0", ">=0.9", True),
    ("1.0", "==1.0.0", True), ("0.1.5", "<=0.1.4", False),
])
def test_version_ranges_compare_as_numbers(version, spec, ok):
    assert version_in_range(version, spec) is ok


def test_shipped_models_have_meta_and_metrics():
    for name in ("roles-sm", "themes-sm"):
        meta = read_meta(models_dir() / name)
        assert meta["kind"] == name and meta["files"] and meta["training_data"]["team_corpus"]["documents"] >= 80


def test_tampered_weights_are_refused(tmp_path):
    folder = tmp_path / "roles-sm"
    shutil.copytree(models_dir() / "roles-sm", folder)
    data = bytearray((folder / "weights.npz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "weights.npz").write_bytes(bytes(data))
    with pytest.raises(pt.ModelError, match="does not match the hash"):
        load_model(folder)


def test_model_for_another_plantext_is_refused(tmp_path):
    folder = tmp_path / "themes-sm"
    shutil.copytree(models_dir() / "themes-sm", folder)
    meta = json.loads((folder / "meta.json").read_text())
    meta["plantext_requires"] = ">=9.0"
    (folder / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(pt.ModelError, match="needs plantext"):
        load_model(folder)


def test_missing_meta_is_refused(tmp_path):
    (tmp_path / "weights.npz").write_bytes(b"")
    with pytest.raises(pt.ModelError, match="meta.json is missing"):
        load_model(tmp_path)


def test_sm_labels_paragraphs_without_headings():
    plan = pt.parse(FLAT, model="sm")
    roles = {s.text[:6]: s.role for s in plan.segments}
    assert roles["为做好辖区老"] == "preamble"
    assert roles["到2025年"] == "goal"
    assert roles["成立由社区书"] == "safeguard"
    for seg in plan.segments:
        assert 0.0 <= seg.role_score <= 1.0
        assert 1 <= len(seg.themes) <= 3
    assert "elderly" in {t for s in plan.segments for t in s.themes}


def test_heading_roles_win_over_the_model():
    text = "社区工作计划\n一、保障措施\n组织居民开展文艺活动，丰富精神文化生活。"
    plan = pt.parse(text, model="sm")
    body = [s for s in plan.segments if s.kind != "heading"][0]
    assert body.role == "safeguard" and body.role_from == "heading"


def test_theme_scores_cover_every_code_and_none():
    plan = pt.parse(FLAT, model="sm")
    seg = plan.segments[3]
    assert set(seg.theme_scores) >= {"elderly", "security", "none"}
    title = plan.segments[0]
    assert title.themes == ["none"]


def test_posteriors_clamp_fixed_paragraphs_and_normalise():
    log_start, log_trans = fit_transitions([[0, 0, 1, 1], [0, 1]], 2)
    probs = np.array([[0.6, 0.4], [0.5, 0.5], [0.2, 0.8]])
    post = posteriors(probs, log_start, log_trans, fixed=[None, 1, None])
    assert np.allclose(post.sum(axis=1), 1.0)
    assert post[1, 1] > 0.999


def test_sm_model_fits_and_predicts_on_small_data():
    from plantext.learn.sm import RoleModelSM
    from plantext.learn.units import plan_units

    plan = pt.parse(FLAT, model="none")
    units = plan_units(plan)
    labels = ["preamble", "guiding", "goal", "measure", "safeguard"]
    model = RoleModelSM(C=4.0).fit([units] * 3, [labels] * 3)
    assert model is not None and set(model.classes_) == set(labels)
    assert model.predict(units) == labels


@pytest.mark.trf
def test_trf_models_label_a_plan():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    if not (models_dir() / "roles-trf").is_dir():
        pytest.skip("no trf model trained")
    plan = pt.parse(FLAT, model="trf")
    assert plan.model == "trf"
    assert {s.role_from for s in plan.segments} >= {"model"}
    assert all(s.role in pt.document.ROLES and 0 <= s.role_score <= 1 for s in plan.segments)
    assert any("elderly" in s.themes for s in plan.segments)
    headed = pt.parse("社区工作计划\n一、保障措施\n组织居民开展文艺活动。", model="trf")
    assert headed.segments[-1].role == "safeguard"


def test_hashing_matches_scikit_learn():
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer

    from plantext.learn.features import N_FEATURES, fit_idf, hash_tokens, tfidf

    toks = [["c:社", "c:社区", "w:养老服务", "kw:elderly", "kw:elderly", f"pos:{i % 10}"] for i in range(50)]
    ours = hash_tokens(toks)
    ref = HashingVectorizer(analyzer=lambda x: x, n_features=N_FEATURES, alternate_sign=False,
                            norm=None, dtype=np.float32).transform(toks)
    assert (ours != ref).nnz == 0
    again = hash_tokens(toks)        # deterministic from call to call
    assert (again != ref).nnz == 0
    idf = fit_idf(ours)
    ref_tfidf = TfidfTransformer(sublinear_tf=True).fit(ref).transform(ref)
    assert np.allclose(tfidf(ours, idf).toarray(), ref_tfidf.toarray(), atol=1e-5)


def test_retraining_into_a_model_folder_leaves_no_file_of_the_old_model(tmp_path, monkeypatch):
    """A trf theme folder once held head.safetensors and sm_*; retrained, they must go."""
    import json

    from plantext.learn import train as train_mod
    from plantext.learn.artifacts import read_meta
    from plantext.learn.data import team_docs
    from plantext.learn.sm import RoleModelSM
    from plantext.learn.train import TrainingData, train

    few = team_docs()[:4]
    monkeypatch.setattr(train_mod, "gather", lambda shared, **kw: TrainingData(few, [], []))

    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    for stale in ("head.safetensors", "sm_weights.npz", "sm_labels.json"):
        (tmp_path / stale).write_bytes(b"old")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    train("roles", "sm", None, tmp_path, make_model=RoleModelSM)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"weights.npz", "labels.json", "meta.json", "README.md", "notes.txt"}
    meta = read_meta(tmp_path, kind="roles-sm")
    assert set(meta["files"]) == {"weights.npz", "labels.json", "notes.txt"}
    assert json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))["classes"]
