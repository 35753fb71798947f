"""`plantext train`: what it tells the user (the training itself is stubbed out here)."""

from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

from plantext.cli import main


@pytest.mark.parametrize("task, variant, warned", [("roles", "trf", True), ("roles", "sm", False),
                                                    ("themes", "trf", False)])
def test_training_without_cv_says_when_the_trf_role_model_gets_no_stacker(monkeypatch, tmp_path, task, variant,
                                                                         warned):
    import plantext.learn.train as train_mod

    calls = []
    monkeypatch.setattr(train_mod, "train", lambda *a, **kw: calls.append(kw) or pathlib.Path(tmp_path))
    res = CliRunner().invoke(main, ["train", task, "--model", variant, "--no-cv", "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert calls and calls[0]["held_out"] == []
    assert ("has no stacker" in res.output) is warned
