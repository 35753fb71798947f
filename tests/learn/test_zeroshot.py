"""Zero-shot themes for a user's own taxonomy: no training data, only names and keywords."""

from __future__ import annotations

import json
import warnings

import pytest

import plantext as pt
from plantext.learn.zeroshot import ZeroShotThemer

TAXONOMY = {
    "name": "my-street",
    "version": "0.1",
    "themes": [
        {"code": "waste", "zh": "垃圾分类", "en": "Waste sorting",
         "description": {"zh": "生活垃圾分类投放、收运和资源回收。"},
         "keywords": ["垃圾分类", "厨余垃圾", "分类投放", "可回收物", "垃圾桶"]},
        {"code": "eldercare", "zh": "养老服务", "en": "Elderly care",
         "description": "居家养老、老年助餐和日间照料。",
         "keywords": ["养老", "老年食堂", "助餐", "独居老人", "日间照料"]},
        {"code": "fire", "zh": "消防安全", "en": "Fire safety",
         "keywords": ["消防", "灭火器", "火灾隐患", "消防通道"]},
    ],
}

PLAN = ("幸福社区2025年民生工作计划\n"
        "为改善社区人居环境，提升居民生活品质，结合社区实际，制定本计划。\n"
        "一、主要任务\n"
        "（一）推进垃圾分类\n"
        "在各小区设置分类投放点，开展垃圾分类宣传进楼道活动，厨余垃圾分出率达到40%以上。\n"
        "（二）发展居家养老\n"
        "建设社区老年食堂，为独居老人提供助餐和上门探访服务。\n"
        "（三）排查火灾隐患\n"
        "清理楼道堆物，保持消防通道畅通，为每栋楼配齐灭火器。\n"
        "二、工作要求\n"
        "各单位要高度重视，明确责任，确保各项工作按时完成。\n")


@pytest.fixture(scope="module")
def taxonomy_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("taxonomy") / "my-street.json"
    path.write_text(json.dumps(TAXONOMY, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plan(taxonomy_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pt.PlanTextWarning)
        return pt.parse(PLAN, model="sm", taxonomy=taxonomy_path)


def _segment(plan, prefix):
    return next(s for s in plan.segments if s.text.startswith(prefix))


@pytest.mark.parametrize("prefix, themes", [
    ("在各小区设置", ["waste"]),
    ("建设社区老年食堂", ["eldercare"]),
    ("清理楼道堆物", ["fire"]),
    ("各单位要高度重视", ["none"]),
    ("为改善社区人居环境", ["none"]),
])
def test_paragraphs_get_the_users_themes(plan, prefix, themes):
    assert _segment(plan, prefix).themes == themes


def test_theme_scores_cover_the_users_codes_and_none(plan):
    for seg in plan.segments:
        assert set(seg.theme_scores) == {"waste", "eldercare", "fire", "none"}
        assert all(0.0 <= v <= 1.0 for v in seg.theme_scores.values())
    seg = _segment(plan, "在各小区设置")
    assert seg.theme_scores["waste"] > max(seg.theme_scores["eldercare"], seg.theme_scores["fire"])


def test_plan_records_the_taxonomy_and_zero_shot_origin(plan):
    assert plan.meta["taxonomy"] == "my-street"
    assert plan.meta["themes_from"] == "zero-shot"


def test_parse_many_and_taxonomy_objects(taxonomy_path):
    from plantext.labels.taxonomy import load_taxonomy

    tax = load_taxonomy(taxonomy_path)
    (plan,) = pt.parse_many(PLAN, model="sm", taxonomy=tax)
    assert _segment(plan, "建设社区老年食堂").themes == ["eldercare"]
    assert plan.meta["themes_from"] == "zero-shot"


def test_the_trained_taxonomy_keeps_the_trained_model():
    plan = pt.parse(PLAN, model="sm", taxonomy="community-v1")
    assert plan.meta["taxonomy"] == "community-v1"
    assert "themes_from" not in plan.meta
    assert "none" in plan.segments[-1].theme_scores and "elderly" in plan.segments[-1].theme_scores


def test_longer_keywords_outweigh_shorter_ones(taxonomy_path):
    themer = ZeroShotThemer(taxonomy_path, use_embeddings=False)
    weight = {t: w for t, (w, _) in themer.terms_.items()}
    assert weight["垃圾分类"] > weight["养老"] and weight["消防"] == weight["养老"]
    assert themer.embeddings_ is False and themer.classes_ == ["waste", "eldercare", "fire"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "not UTF-8 JSON"),
    (json.dumps({"name": "x", "version": "1"}), "lacks required field"),
    (json.dumps({"name": "x", "version": "1", "themes": []}), "non-empty list"),
    (json.dumps({"name": "x", "version": "1",
                 "themes": [{"code": "Waste", "zh": "垃圾", "en": "w", "keywords": []}]}),
     "must be lower-case"),
])
def test_invalid_taxonomy_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(pt.PlanTextError, match=message) as info:
        pt.parse(PLAN, model="sm", taxonomy=path)
    assert isinstance(info.value, pt.DataError) and str(path) in str(info.value)


def test_missing_taxonomy_file_is_a_clear_error(tmp_path):
    with pytest.raises(pt.DataError, match="No such file"):
        pt.parse(PLAN, taxonomy=tmp_path / "absent.json")


def test_embeddings_required_without_torch_is_a_dependency_error(monkeypatch, taxonomy_path):
    import plantext.learn.encoder as encoder

    monkeypatch.setattr(encoder, "find_spec", lambda name: None)
    with pytest.raises(pt.DependencyError, match="pip install"):
        ZeroShotThemer(taxonomy_path, use_embeddings=True)
    assert ZeroShotThemer(taxonomy_path, use_embeddings="auto").embeddings_ is False


@pytest.mark.slow
@pytest.mark.trf
def test_trf_zero_shot_uses_embeddings(taxonomy_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    themer = ZeroShotThemer(taxonomy_path, use_embeddings=True)
    assert themer.embeddings_ is True
    plan = pt.parse(PLAN, model="none")
    themer.label(plan)
    assert _segment(plan, "建设社区老年食堂").themes == ["eldercare"]
    assert _segment(plan, "各单位要高度重视").themes == ["none"]
    assert set(_segment(plan, "清理楼道堆物").theme_scores) == {"waste", "eldercare", "fire", "none"}


def test_the_zero_shot_labeller_is_built_once_per_taxonomy(taxonomy_path):
    from plantext.learn.registry import zero_shot_themer
    from plantext.learn.zeroshot import ZeroShotThemer

    built = []
    real_init = ZeroShotThemer.__init__

    def spy(self, *args, **kw):
        built.append(1)
        real_init(self, *args, **kw)

    zero_shot_themer.cache_clear()
    try:
        ZeroShotThemer.__init__ = spy
        for _ in range(3):
            pt.parse(PLAN, taxonomy=str(taxonomy_path))   # the file is read anew each time
    finally:
        ZeroShotThemer.__init__ = real_init
    assert len(built) == 1
