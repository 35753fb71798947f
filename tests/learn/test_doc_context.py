"""The document-context theme stage: a plan's subject reaches paragraphs that do not name it."""

from __future__ import annotations

import numpy as np
import pytest

from plantext.learn.doc_context import N_FEATURES, DocContext, context_features

LOW, HIGH = 0.3, 2.0


def test_features_leave_the_paragraph_itself_out():
    ratio = np.array([[2.0, 0.1], [0.5, 0.1], [2.0, 0.1]])
    f = context_features(ratio, report=False).reshape(3, 2, N_FEATURES)
    # mean over the other paragraphs: for paragraph 1, theme 0 that is (2 + 2) / 2
    assert f[1, 0, 1] == pytest.approx(2.0)
    assert f[0, 0, 1] == pytest.approx(1.25)
    # share of the other paragraphs where the theme passed its threshold
    assert f[1, 0, 2] == pytest.approx(1.0) and f[0, 0, 2] == pytest.approx(0.5)
    # theme 0 is the document's first theme, theme 1 its second
    assert f[:, 0, 3].tolist() == [1, 1, 1] and f[:, 1, 4].tolist() == [1, 1, 1]
    assert context_features(np.zeros((0, 2)), report=True).shape == (0, N_FEATURES)


def _doc(rng, n, report):
    """Units × 3 themes. A plan on one subject (theme 0) tags it on every unit,
    though only some units show it; a report tags only what each unit shows."""
    shows = rng.random(n) < 0.6
    ratio = np.full((n, 3), LOW)
    ratio[shows, 0] = HIGH
    ratio[~shows, 1 + (np.arange(n)[~shows] % 2)] = HIGH
    y = (ratio >= 1).astype(np.int8)
    if not report:
        y[:, 0] = 1
    return ratio, y


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    docs = [(*_doc(rng, 12, report), report) for report in [False, True] * 20]
    return DocContext().fit([d[0] for d in docs], [d[1] for d in docs], [d[2] for d in docs])


@pytest.mark.parametrize("report, expect_subject", [(False, True), (True, False)])
def test_subject_of_a_single_subject_plan_reaches_quiet_paragraphs(fitted, report, expect_subject):
    ratio = np.array([[HIGH, LOW, LOW]] * 5 + [[LOW, HIGH, LOW]])
    p = fitted.proba(ratio, report)
    quiet = p[-1]
    assert bool(quiet[0] >= fitted.threshold_) == expect_subject
    assert quiet[1] >= fitted.threshold_          # its own theme stays
    assert quiet[2] < fitted.threshold_           # a theme nobody shows stays off


def test_round_trip_through_arrays(fitted):
    again = DocContext.from_arrays(fitted.to_arrays())
    ratio = np.array([[HIGH, LOW, LOW], [LOW, LOW, HIGH]])
    assert np.allclose(again.proba(ratio, False), fitted.proba(ratio, False))
    assert again.threshold_ == pytest.approx(fitted.threshold_)


def test_theme_model_saves_and_loads_its_context_stage(tmp_path, theme_units):
    from plantext.learn.sm import ThemeModelSM

    units, labels = theme_units
    model = ThemeModelSM(folds=2).fit([units] * 4, [labels] * 4)
    assert model.context_ is not None
    model.save(tmp_path)
    loaded = ThemeModelSM.load(tmp_path)
    assert loaded.context_ is not None
    assert np.allclose(loaded.scores(units), model.scores(units), atol=1e-3)
    assert loaded.predict(units) == model.predict(units)
    # without the stage the model picks on its own thresholds, and says so when saved
    plain = ThemeModelSM(folds=2, context=False).fit([units] * 4, [labels] * 4)
    assert plain.context_ is None
    plain.save(tmp_path / "plain")
    assert ThemeModelSM.load(tmp_path / "plain").context_ is None


def test_no_context_stage_when_training_has_nothing_to_tell_apart(theme_units):
    from plantext.learn.sm import ThemeModelSM

    units, _ = theme_units
    model = ThemeModelSM(folds=2).fit([units] * 4, [[["environment"]] * len(units)] * 4)
    assert model.context_ is None
    assert model.predict(units) == [["environment"]] * len(units)


def test_a_wrapped_paragraph_counts_once_in_the_document(fitted):
    """Lines of a hard-wrapped paragraph share its ratios; the stage must not count them
    as several paragraphs (that would tilt the document's means towards long ones)."""
    from plantext.learn.units import Unit, merge_wrapped

    lines = ["到2025年底，社区养老服务网络更加", "健全，助餐点覆盖全部小区，服务", "质量显著提升。",
             "开展垃圾分类宣传。", "组织志愿者走访。"]
    units = [Unit(para=i, start=0, end=len(t), text=t, kind="body", headings=[]) for i, t in enumerate(lines)]
    merged, where = merge_wrapped(units)
    assert where == [0, 0, 0, 1, 2]
    per_paragraph = np.array([[HIGH, LOW, LOW], [LOW, HIGH, LOW], [LOW, LOW, HIGH]])
    ratio = per_paragraph[where]
    p = fitted.proba_units(ratio, units)
    assert np.allclose(p, fitted.proba(per_paragraph, False)[where])
    assert not np.allclose(p, fitted.proba(ratio, False))


@pytest.mark.parametrize("text, hits", [
    ("完善居家养老服务，开办老年食堂。", {"elderly"}),
    ("开展普法宣传，做好人民调解。", {"law"}),
    ("推进垃圾分类，组织志愿者上门宣传。", {"environment", "volunteer"}),
    ("召开会议，研究部署。", set()),
])
def test_keyword_hits_name_the_themes_whose_keywords_a_paragraph_uses(text, hits):
    from plantext.learn.doc_context import keyword_hits
    from plantext.learn.units import Unit, UnitList

    classes = ["elderly", "environment", "law", "volunteer"]
    unit = Unit(para=0, start=0, end=len(text), text=text, kind="body", headings=[])
    found = keyword_hits([unit], classes)
    assert {c for c, v in zip(classes, found[0]) if v} == hits
    # a unit list reads the keywords the paragraph model found: the same answer
    listed = UnitList([unit])
    assert np.array_equal(keyword_hits(listed, classes), found)
    from plantext.learn.features import unit_keywords

    assert unit_keywords(listed) is unit_keywords(listed)   # found once, for the features and the stage


def test_keyword_features_leave_the_paragraph_itself_out():
    ratio = np.full((3, 2), LOW)
    kw = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
    f = context_features(ratio, False, kw).reshape(3, 2, N_FEATURES)
    assert f[:, 0, 9].tolist() == [1, 1, 0]                 # the paragraph's own hit
    assert f[:, 0, 10].tolist() == [0.5, 0.5, 1.0]          # share of the other paragraphs
    assert f[:, 1, 10].tolist() == [0, 0, 0]
    # without keyword hits the columns are zero
    assert not context_features(ratio, False).reshape(3, 2, N_FEATURES)[..., 9:].any()


def test_keywords_across_the_document_carry_a_theme_the_paragraph_model_misses():
    """A courts plan whose paragraph scores never reach 'law', though most paragraphs
    name its keywords: trained on such documents, the stage tags them."""
    rng = np.random.default_rng(1)
    ratios, ys, kws = [], [], []
    for d in range(40):
        n = 10
        ratio = np.full((n, 2), LOW)
        ratio[:, 1] = HIGH                   # theme 1 shows everywhere
        named = rng.random() < 0.5           # half the documents are about theme 0
        kw = np.zeros((n, 2))
        kw[:, 0] = named & (rng.random(n) < 0.7)
        y = (ratio >= 1).astype(np.int8)
        y[:, 0] = named
        ratios.append(ratio), ys.append(y), kws.append(kw)
    ctx = DocContext().fit(ratios, ys, [False] * 40, kws)
    quiet = np.full((5, 2), LOW)
    quiet[:, 1] = HIGH
    kw = np.array([[1, 0], [1, 0], [1, 0], [0, 0], [1, 0]], dtype=float)
    assert (ctx.proba(quiet, False, kw)[:, 0] >= ctx.threshold_).all()
    assert (ctx.proba(quiet, False, np.zeros((5, 2)))[:, 0] < ctx.threshold_).all()


def test_a_stage_saved_before_the_keyword_features_loads_with_them_off(fitted):
    from plantext.errors import ModelError
    from plantext.learn.doc_context import N_FEATURES_V1

    arrays = fitted.to_arrays()
    old = {**arrays, "ctx_coef": arrays["ctx_coef"][:N_FEATURES_V1]}
    again = DocContext.from_arrays(old)
    ratio = np.array([[HIGH, LOW, LOW], [LOW, LOW, HIGH]])
    kw = np.ones_like(ratio)
    assert np.allclose(again.proba(ratio, False, kw), again.proba(ratio, False))
    with pytest.raises(ModelError, match="document-context stage has 5 weights"):
        DocContext.from_arrays({**arrays, "ctx_coef": arrays["ctx_coef"][:5]})
