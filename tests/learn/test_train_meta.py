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
