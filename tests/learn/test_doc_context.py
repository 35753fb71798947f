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
