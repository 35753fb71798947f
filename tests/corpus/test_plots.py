"""Plots return Figures, with Chinese labels when a CJK font is found, English otherwise."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest
from matplotlib.figure import Figure

from plantext import PlanTextWarning
from plantext.corpus import plots

PREV_FRAME = pd.DataFrame({
    "year": [2020, 2020, 2021, 2021, 2022],
    "text": ["养老助餐", "学校课后", "养老", "社区治理", "养老服务"],
    "themes": [["elderly"], ["education"], ["elderly"], ["governance"], ["elderly"]],
    "start": 0, "end": 4,
})
DOCS = pd.DataFrame({"doc_type": ["work_plan", "work_summary"], "has_goal": [True, False],
                     "has_review": [False, True], "error": [None, None],
                     **{f"has_{r}": [True, True] for r in
                        ("preamble", "guiding", "measure", "safeguard", "schedule",
                         "requirement", "assessment")}})
TERMS = pd.DataFrame({"group": ["a", "a", "b"], "term": ["养老", "助餐", "学校"],
                      "count_a": [5, 3, 0], "count_b": [0, 0, 4],
                      "log_odds": [2.0, 1.5, -2.0], "z": [3.0, 2.0, -2.5]})


@pytest.fixture(params=["zh", "en"])
def font(request, monkeypatch):
    """Pretend a CJK font is (zh) or is not (en) installed."""
    name = "DejaVu Sans" if request.param == "zh" else None
    monkeypatch.setattr(plots, "find_cjk_font", lambda: name)
    monkeypatch.setattr(plots, "_WARNED", False)
    return request.param


def render(fig) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # missing glyphs with the stand-in font
        fig.savefig(io.BytesIO(), format="png")


def labels(fig) -> list[str]:
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    legend = ax.get_legend()
    texts += [t.get_text() for t in legend.get_texts()] if legend else []
    return texts + [ax.get_title()]


def make(kind):
    if kind == "prevalence":
        return plots.plot_theme_prevalence(PREV_FRAME, by="year")
    if kind == "area":
        return plots.plot_theme_prevalence(PREV_FRAME, by="year", kind="area", top=1)
    if kind == "coverage":
        return plots.plot_section_coverage(DOCS, by="doc_type")
    return plots.plot_distinctive_terms(TERMS)


@pytest.mark.parametrize("kind", ["prevalence", "area", "coverage", "terms"])
def test_plots_return_figures_with_language_by_font(font, kind):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = make(kind)
    ours = [w for w in caught if issubclass(w.category, PlanTextWarning)]
    assert isinstance(fig, Figure)
    assert len(ours) == (1 if font == "en" else 0)
    text = " ".join(labels(fig))
    expected = {("prevalence", "zh"): "养老服务", ("prevalence", "en"): "Elderly care",
                ("area", "zh"): "其他主题", ("area", "en"): "other themes",
                ("coverage", "zh"): "指导思想", ("coverage", "en"): "Guiding thought",
                ("terms", "zh"): "区分性词语", ("terms", "en"): "Distinctive terms"}[kind, font]
    assert expected in text
    render(fig)


def test_without_a_cjk_font_only_the_first_plot_warns(monkeypatch):
    monkeypatch.setattr(plots, "find_cjk_font", lambda: None)
    monkeypatch.setattr(plots, "_WARNED", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for kind in ("prevalence", "area", "coverage", "terms"):
            make(kind)
    assert len([w for w in caught if issubclass(w.category, PlanTextWarning)]) == 1


@pytest.mark.filterwarnings("ignore::plantext.PlanTextWarning")
def test_terms_chart_puts_group_a_on_top(font):
    fig = plots.plot_distinctive_terms(TERMS)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["学校", "助餐", "养老"]


@pytest.mark.filterwarnings("ignore::plantext.PlanTextWarning")
def test_prevalence_without_themes_draws_a_note(font):
    fig = plots.plot_theme_prevalence(PREV_FRAME.assign(themes=[[]] * 5), by="year")
    assert "theme" in fig.axes[0].texts[0].get_text().lower() or "主题" in fig.axes[0].texts[0].get_text()


def test_font_detection_finds_an_installed_cjk_font_or_none():
    plots.find_cjk_font.cache_clear()
    found = plots.find_cjk_font()
    assert found is None or isinstance(found, str)
