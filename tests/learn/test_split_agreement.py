"""The fixed held-out split of the real gold, and annotator agreement."""

from __future__ import annotations

import json
import math

import pytest

from plantext.learn.agreement import agreement, cohen_kappa
from plantext.learn.split import _hash, assign, stratum

TYPES = {f"corpora/real/src{s}/{i:03}.txt": t for s, t in ((1, "gov_work_report"), (2, "work_plan"))
         for i in range(12)}


def _files(source: int, n: int) -> list[str]:
    return [f"corpora/real/src{source}/{i:03}.txt" for i in range(n)]


@pytest.mark.parametrize("n, tests", [(1, 0), (2, 1), (3, 1), (4, 1), (5, 2), (6, 2), (9, 3), (12, 4)])
def test_about_a_third_of_each_stratum_is_held_out(n, tests):
    table = assign(_files(1, n), TYPES)
    assert sum(v["split"] == "test" for v in table.values()) == tests == math.floor(n / 3 + 0.5)


def test_strata_are_source_and_doc_type():
    table = assign(_files(1, 3) + _files(2, 3), TYPES)
    assert {v["stratum"] for v in table.values()} == {"src1|gov_work_report", "src2|work_plan"}
    assert [sum(v["split"] == "test" for v in table.values() if v["stratum"] == s)
            for s in ("src1|gov_work_report", "src2|work_plan")] == [1, 1]
    assert stratum("corpora/real/src9/x.txt", TYPES) == "src9|unknown"


def test_the_split_depends_on_the_file_names_not_their_order():
    files = _files(1, 9)
    assert assign(files, TYPES) == assign(list(reversed(files)), TYPES)
    first_test = min((f for f in files), key=_hash)
    k1 = assign(files, TYPES)
    # the first document of a stratum in hash order trains (round(1/3) = 0), the second is held out
    assert k1[first_test]["split"] == "train"


def test_recorded_documents_keep_their_split_and_new_ones_follow_the_rule():
    files = _files(1, 6)
    recorded = assign(files, TYPES)
    flipped = {f: dict(v, split="train") for f, v in recorded.items()}   # whatever was recorded stays
    grown = assign(files + _files(1, 9)[6:], TYPES, flipped)
    assert all(grown[f]["split"] == "train" for f in files)
    # 6 recorded train documents: the next new ones go to test until a third (round(k/3)) is held out
    assert [grown[f]["split"] for f in sorted(_files(1, 9)[6:], key=_hash)] == ["test", "test", "test"]
    again = assign(files + _files(1, 9)[6:], TYPES, grown)
    assert again == grown


def _gold(paragraphs):
    return {"file": "corpora/real/x/1.txt", "paragraphs": [
        {"line": line, "role": role, "themes": themes} for line, role, themes in paragraphs]}


def test_agreement_pairs_second_with_primary_by_line(tmp_path):
    (tmp_path / "second").mkdir()
    primary = _gold([(0, "goal", ["economy"]), (1, "measure", ["economy", "rural"]), (2, "safeguard", ["none"]),
                     (3, "measure", ["health"])])
    second = _gold([(0, "goal", ["economy"]), (1, "safeguard", ["economy"]), (2, "safeguard", ["none"])])
    (tmp_path / "a.json").write_text(json.dumps(primary), encoding="utf-8")
    (tmp_path / "second" / "a.json").write_text(json.dumps(second), encoding="utf-8")
    (tmp_path / "second" / "lonely.json").write_text(json.dumps(second), encoding="utf-8")  # no primary
    out = agreement(tmp_path)
    assert out["documents"] == 1 and out["paragraphs"] == 3
    assert out["roles"]["accuracy"] == pytest.approx(2 / 3)
    assert out["per_document"]["a"]["only_primary"] == 1
    # themes: primary {economy}, {economy, rural}; second {economy}, {economy}: tp 2, fn 1
    assert out["themes"]["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 1))


@pytest.mark.parametrize("a, b, kappa", [
    (["x", "y", "x", "y"], ["x", "y", "x", "y"], 1.0),
    (["x", "x", "y", "y"], ["x", "y", "x", "y"], 0.0),
    (["x", "y"], ["y", "x"], -1.0),
])
def test_cohen_kappa(a, b, kappa):
    assert cohen_kappa(a, b) == pytest.approx(kappa)


class _Recorder:
    """A stand-in model that remembers which documents it was fitted on and predicts one label."""

    version = "0.0.1"
    classes_ = ["other"]

    def fit(self, xs, ys):
        self.fitted_units = {id(u) for units in xs for u in units}
        return self

    def predict(self, units):
        return ["other"] * len(units)

    def save(self, folder):
        import numpy as np

        np.savez(folder / "weights.npz", w=np.zeros(1))

    def get_params(self):
        return {}


def test_train_never_fits_on_the_test_split_and_records_its_figures(tmp_path):
    from plantext.learn.artifacts import read_meta
    from plantext.learn.data import team_docs
    from plantext.learn.train import TrainingData, _full, train

    docs = team_docs()[:4]
    made = []

    def factory():
        made.append(_Recorder())
        return made[-1]

    test_doc = docs[3]
    data = TrainingData(docs[:2], docs[2:3], [], [test_doc])
    got: dict = {}
    out = train("roles", "sm", None, tmp_path / "m", make_model=factory, data=data, test_metrics=got)
    assert not {id(u) for u in _full(test_doc).units} & made[0].fitted_units
    assert {id(u) for u in _full(docs[2]).units} <= made[0].fitted_units
    meta = read_meta(out)
    held = meta["metrics"]["held_out_test"]
    assert held["documents"] == 1 and 0 < held["with_headings"]["accuracy"] < 1
    assert meta["training_data"]["gold_test"]["documents"] == 1
    assert got["doc_ids"] == [test_doc.doc_id]
