"""Shared fixtures: paths of the shared material beside the checkout."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared) -> pathlib.Path:
    return next((shared / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def artefacts() -> pathlib.Path:
    """Where tests leave files for people to look at (screenshots, walk-through logs):
    ``$PLANTEXT_TEST_ARTEFACTS`` or ``tests/artefacts/`` (not tracked)."""
    import os

    path = pathlib.Path(os.environ.get("PLANTEXT_TEST_ARTEFACTS") or ROOT / "tests" / "artefacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


# Notices and progress bars go to stderr, which CliRunner mixes into result.output; tests that
# check them turn them on themselves (monkeypatch.setenv("PLANTEXT_PROGRESS", "1")).
import os as _os  # noqa: E402

_os.environ.setdefault("PLANTEXT_PROGRESS", "0")
