"""Every real document parses, and the outline of the dev gold meets its targets."""

import warnings

import pytest

import plantext as pt
from plantext.evaluate import evaluate_outline


@pytest.mark.slow
def test_all_real_documents_parse(shared):
    files = sorted((shared / "corpora" / "real").rglob("*.txt"))
    assert len(files) >= 270
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for f in files:
            plan = pt.parse(f, model="none")
            for seg in plan.segments[:50]:
                assert seg.text == plan.text[seg.start:seg.end]


def test_outline_on_dev_gold_meets_targets(shared):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate_outline(shared / "gold", shared, parse_kwargs={"model": "none"})
    assert result["f1"] >= 0.97
    assert result["level_accuracy"] >= 0.95
