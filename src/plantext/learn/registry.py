"""Finding and loading trained models by name (``sm``, ``trf``) or folder."""

from __future__ import annotations

import os
import pathlib
from functools import lru_cache

MODEL_NAMES = ("sm", "trf")


def models_dir() -> pathlib.Path:
    """Where trained models live: ``$PLANTEXT_MODELS``, else the project's ``models/``."""
    env = os.environ.get("PLANTEXT_MODELS")
    if env:
        return pathlib.Path(env)
    return pathlib.Path(__file__).resolve().parents[3] / "models"


@lru_cache(maxsize=8)
def classifier_for(model: str | None):
    """The labeller for ``model`` (default ``sm``), or None when none is trained yet."""
    from .labeller import Labeller

    return Labeller.load(model or "sm", models_dir())
