"""The theme cross-validation says which held-out documents hold its errors."""

from __future__ import annotations

import pytest

from plantext.learn.train import errors_by_document, multilabel_report


@pytest.mark.parametrize("gold, pred, counts", [
    ([["law", "government"]], [["government"]], (1, 0, 1)),
    ([["none"]], [["economy"]], (0, 1, 0)),
    ([["none"]], [["none"]], (0, 0, 0)),
    ([["elderly"], ["health", "economy"]], [["elderly", "health"], ["health"]], (2, 1, 1)),
])
def test_the_theme_report_counts_hits_false_alarms_and_misses_without_none(gold, pred, counts):
    r = multilabel_report(gold, pred)
    assert (r["tp"], r["fp"], r["fn"]) == counts


def test_documents_come_most_errors_first_with_their_share_of_all_errors():
    out = errors_by_document({
        "few": ([["law"]], [["law"]]),
        "many": ([["health"], ["health"], ["economy"]], [["elderly"], ["elderly"], ["none"]]),
        "some": ([["environment"]], [["government"]]),
    })
    assert list(out) == ["many", "some", "few"]
    assert (out["many"]["fp"], out["many"]["fn"]) == (2, 3)
    assert out["many"]["share_of_errors"] == pytest.approx(5 / 7)
    assert out["few"]["share_of_errors"] == 0 and out["few"]["micro_f1"] == 1.0
    assert sum(r["share_of_errors"] for r in out.values()) == pytest.approx(1.0)


def test_a_held_out_set_without_errors_has_no_share_to_divide():
    out = errors_by_document({"a": ([["law"]], [["law"]]), "b": ([["none"]], [["none"]])})
    assert all(r["share_of_errors"] == 0 for r in out.values())


class _SaysNone:
    """A theme model that tags nothing, so every gold theme of a held-out document is a miss."""

    def fit(self, xs, ys):
        return self

    def predict(self, units):
        return [["none"] for _ in units]


def test_cross_validation_reports_each_held_out_documents_errors(monkeypatch):
    from plantext.cli.train_cmd import _summary
    from plantext.learn.data import team_docs
    from plantext.learn.train import TrainingData, _full, cross_validate

    docs = team_docs()[:5]
    out = cross_validate(TrainingData([], docs, []), task="themes", make_model=_SaysNone, k=5)
    by_doc = out["themes_by_document"]
    assert set(by_doc) == {d.doc_id for d in docs}
    for d in docs:
        tags = sum(len(set(t) - {"none"}) for t in _full(d).themes if t is not None)
        assert (by_doc[d.doc_id]["tp"], by_doc[d.doc_id]["fp"], by_doc[d.doc_id]["fn"]) == (0, 0, tags)
    assert sum(r["fn"] for r in by_doc.values()) == out["themes"]["fn"]
    misses = [r["fn"] for r in by_doc.values()]
    assert misses == sorted(misses, reverse=True)
    assert list(_summary(out)["themes_most_errors"]) == list(by_doc)[:3]


def test_a_document_held_out_twice_counts_its_rows_once_per_time_in_the_totals():
    from plantext.learn.data import team_docs
    from plantext.learn.train import TrainingData, _full, cross_validate

    doc = team_docs()[0]
    tags = sum(len(set(t) - {"none"}) for t in _full(doc).themes if t is not None)
    out = cross_validate(TrainingData([], [doc, doc], []), task="themes", make_model=_SaysNone, k=2)
    assert out["themes"]["fn"] == 2 * tags
    assert out["themes_by_document"][doc.doc_id]["fn"] == tags
