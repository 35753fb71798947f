"""The model version that `train` writes to meta.json is the model class's own."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest


class _Stub:
    """A stand-in model: training data are read, nothing is learnt."""

    version = "9.9.9"
    classes_ = ["a"]

    def fit(self, xs, ys):
        self.seen = len(xs)
        return self

    def save(self, folder: pathlib.Path) -> None:
        np.savez(folder / "weights.npz", w=np.zeros(1))

    def get_params(self) -> dict:
        return {}


def test_train_writes_the_model_classes_version(tmp_path):
    from plantext.learn.artifacts import read_meta
    from plantext.learn.train import train

    out = train("themes", "trf", None, tmp_path / "m", make_model=_Stub)
    meta = read_meta(out)
    assert meta["version"] == "9.9.9" and meta["kind"] == "themes-trf"
    assert "weights.npz" in json.loads((out / "meta.json").read_text())["files"]


@pytest.mark.parametrize("name, cls", [("roles-trf", "RoleModelTRF"), ("themes-trf", "ThemeModelTRF")])
def test_the_shipped_trf_models_carry_their_classes_version(name, cls):
    pytest.importorskip("torch")
    from plantext.learn import trf
    from plantext.learn.artifacts import read_meta
    from plantext.learn.registry import models_dir

    assert read_meta(models_dir() / name)["version"] == getattr(trf, cls).version


def test_the_model_card_shows_the_held_out_figures_beside_the_cv():
    from plantext.learn.train import _card

    meta = {"name": "roles-sm", "task": "roles", "variant": "sm", "version": "1", "examples": 10,
            "labels": ["measure"], "training_data": {"silver_real": {"documents": 3, "used_for": "roles"}},
            "metrics": {"heading_stripped": {"macro_f1": 0.61}, "with_headings": {"macro_f1": 0.82, "accuracy": 0.89},
                        "held_out_test": {"documents": 24, "heading_stripped": {"macro_f1": 0.7},
                                          "with_headings": {"macro_f1": 0.75, "accuracy": 0.86}}}}
    card = _card(meta)
    assert "train split" in card and "silver labels" in card
    assert "Held-out test split (24 documents" in card and "0.750" in card


def test_only_the_sm_role_model_reads_silver():
    from plantext.learn.train import reads_silver

    assert reads_silver("roles", "sm")
    assert not reads_silver("roles", "trf") and not reads_silver("themes", "sm") and not reads_silver("themes", "trf")
