"""The sm models as scikit-learn estimators: clone, get/set_params, fit/predict/score on texts or a frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import cross_val_score

import plantext as pt
from plantext.learn.estimators import RoleClassifier, ThemeClassifier
from plantext.learn.sm import RoleModelSM, ThemeModelSM
from plantext.resources import models_dir

# a small labelled set written for this test: goals, measures and safeguards of community plans
GOALS = ["到年底，辖区独居老人探访覆盖率达到100%。", "力争全年新增就业岗位200个以上。",
         "到2025年，垃圾分类居民知晓率达到95%。", "年内建成社区食堂2个，服务老人500人次。",
         "全年组织志愿服务活动不少于12次。", "到年底实现网格员培训全覆盖。"]
MEASURES = ["组织志愿者每周上门探访独居老人。", "开展垃圾分类入户宣传，设置分类投放点。",
            "举办就业招聘会，为失业人员提供培训。", "建设社区食堂，为老人提供助餐服务。",
            "定期开展消防安全检查，排查隐患。", "组织网格员入户走访，收集居民诉求。"]
SAFEGUARDS = ["成立工作领导小组，加强组织领导。", "落实专项经费，保障工作顺利开展。",
              "建立督查考核机制，定期通报进展。", "明确责任分工，压实各方责任。",
              "加强宣传引导，营造良好氛围。", "强化队伍建设，提升服务能力。"]
TEXTS = GOALS + MEASURES + SAFEGUARDS
ROLES = ["goal"] * 6 + ["measure"] * 6 + ["safeguard"] * 6
THEMES = [["elderly"], ["employment"], ["environment"], ["elderly"], ["volunteer"], ["governance"],
          ["elderly"], ["environment"], ["employment"], ["elderly"], ["safety"], ["governance"],
          [], [], [], [], [], []]


@pytest.mark.parametrize("estimator", [RoleModelSM(C=3.0), ThemeModelSM(folds=2),
                                       RoleClassifier(C=3.0), ThemeClassifier(folds=2)])
def test_clone_and_params(estimator):
    copy = clone(estimator)
    assert type(copy) is type(estimator) and copy.get_params() == estimator.get_params()
    copy.set_params(seed=7)
    assert copy.get_params()["seed"] == 7 and estimator.get_params()["seed"] == 0
    with pytest.raises((ValueError, pt.InputError)):
        copy.set_params(no_such_parameter=1)


def test_role_classifier_fits_predicts_and_scores_texts():
    clf = RoleClassifier(C=5.0).fit(TEXTS, ROLES)
    assert list(clf.classes_) == ["goal", "measure", "safeguard"]
    proba = clf.predict_proba(TEXTS)
    assert proba.shape == (18, 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert clf.score(TEXTS, ROLES) >= 0.8
    assert clf.predict(["到年底，社区养老服务覆盖率达到90%。"])[0] == "goal"


def test_role_classifier_reads_a_frame_by_document_and_cross_validates():
    frame = pd.DataFrame({"text": TEXTS, "doc_id": [f"d{i % 3}" for i in range(18)],
                          "headings": ["一、工作目标" if r == "goal" else "二、主要措施" if r == "measure"
                                       else "三、保障措施" for r in ROLES], "role": ROLES})
    clf = RoleClassifier(C=5.0).fit(frame, frame["role"])
    assert list(clf.predict(frame)) == ROLES                 # row order kept across documents
    scores = cross_val_score(RoleClassifier(C=5.0), frame, frame["role"], cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.5


def test_theme_classifier_multi_label():
    clf = ThemeClassifier(folds=2).fit(TEXTS, THEMES)
    assert "elderly" in clf.classes_
    assert clf.predict_proba(TEXTS).shape == (18, len(clf.classes_))
    predicted = clf.predict(TEXTS)
    assert len(predicted) == 18 and all(isinstance(p, list) for p in predicted)
    assert 0.0 <= clf.score(TEXTS, THEMES) <= 1.0


def test_the_shipped_models_wrap_and_a_fitted_one_saves_as_a_folder_pt_load_reads(tmp_path):
    shipped = RoleClassifier.from_model(models_dir() / "roles-sm")
    assert shipped.predict(["成立工作领导小组，加强组织领导。"])[0] == "safeguard"
    mine = RoleClassifier(C=5.0).fit(TEXTS, ROLES)
    mine.save(tmp_path / "roles-sm")
    nlp = pt.load(tmp_path)
    plan = nlp.parse("社区工作计划\n到年底，辖区独居老人探访覆盖率达到100%。\n成立工作领导小组，加强组织领导。\n")
    assert plan.model == "sm" and nlp.labeller.roles.classes_ == mine.model_.classes_
