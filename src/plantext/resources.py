"""Where plantext's shipped resources are: the trained models and the team corpus.

Looked up at each call (never cached at import), in this order:

1. the environment: ``$PLANTEXT_MODELS`` (a folder holding ``roles-sm/`` …),
   ``$PLANTEXT_CORPUS`` (a corpus folder with ``docs/`` and ``annotations/``);
2. a source checkout: when the imported ``plantext`` sits in ``src/`` of a
   checkout (``pyproject.toml`` beside ``src/``), that checkout's ``models/``
   and ``corpora/community-v1/``, so that whoever edits or retrains them
   works on their own copy;
3. the installed packages ``plantext_models`` and ``plantext_corpora``:
   the wheel maps the checkout's ``models/`` and ``corpora/`` folders to
   them (``[tool.setuptools] package-dir`` in pyproject.toml) and they are
   found through :mod:`importlib.resources`, like any package data.

Nothing here imports the resources themselves; the callers load lazily.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import os
import pathlib

MODELS_ENV = "PLANTEXT_MODELS"
CORPUS_ENV = "PLANTEXT_CORPUS"
MODELS_PACKAGE = "plantext_models"
CORPORA_PACKAGE = "plantext_corpora"
TEAM_CORPUS_NAME = "community-v1"
#: plans written wholly at one tier and subject, drawn on by drafting beside the team corpus
DRAFTING_CORPUS_NAME = "drafting-v1"


def checkout_root() -> pathlib.Path | None:
    """The source checkout the imported ``plantext`` comes from, or None when installed."""
    root = pathlib.Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "src" / "plantext").is_dir():
        return root
    return None


def package_folder(package: str) -> pathlib.Path | None:
    """The folder of an installed data package, or None when it is not installed."""
    try:
        if importlib.util.find_spec(package) is None:
            return None
    except (ImportError, ValueError):
        return None
    path = pathlib.Path(str(importlib.resources.files(package)))
    return path if path.is_dir() else None   # a zipped install has no folder to hand out


def models_dir() -> pathlib.Path:
    """The folder that holds the trained models (``roles-sm/``, ``themes-sm/`` …).

    ``$PLANTEXT_MODELS`` when set (read now, at every call), else the
    checkout's ``models/``, else the installed ``plantext_models`` package.
    When none exists the checkout's (or package's) expected path is
    returned, and loading reports the models as missing.
    """
    env = os.environ.get(MODELS_ENV)
    if env:
        return pathlib.Path(env).expanduser()
    root = checkout_root()
    if root is not None and (root / "models").is_dir():
        return root / "models"
    installed = package_folder(MODELS_PACKAGE)
    if installed is not None:
        return installed
    return (root or pathlib.Path.cwd()) / "models"


def team_corpus_dir() -> pathlib.Path:
    """The default corpus of suggestions and draft sources (``community-v1``).

    ``$PLANTEXT_CORPUS`` when set, else the checkout's ``corpora/community-v1``,
    else the one in the installed ``plantext_corpora`` package. The path
    may not exist; callers say so with their own error.
    """
    env = os.environ.get(CORPUS_ENV)
    if env:
        return pathlib.Path(env).expanduser()
    root = checkout_root()
    if root is not None and (root / "corpora" / TEAM_CORPUS_NAME).is_dir():
        return root / "corpora" / TEAM_CORPUS_NAME
    installed = package_folder(CORPORA_PACKAGE)
    if installed is not None and (installed / TEAM_CORPUS_NAME).is_dir():
        return installed / TEAM_CORPUS_NAME
    return (root or pathlib.Path.cwd()) / "corpora" / TEAM_CORPUS_NAME


def drafting_corpus_dir() -> pathlib.Path:
    """The corpus written as draft sources (``drafting-v1``: plans by tier × subject).

    The checkout's ``corpora/drafting-v1``, else the one in the installed
    ``plantext_corpora`` package (``$PLANTEXT_CORPUS`` names the suggestion
    corpus and does not move this one). The path may not exist; callers say so.
    """
    root = checkout_root()
    if root is not None and (root / "corpora" / DRAFTING_CORPUS_NAME).is_dir():
        return root / "corpora" / DRAFTING_CORPUS_NAME
    installed = package_folder(CORPORA_PACKAGE)
    if installed is not None and (installed / DRAFTING_CORPUS_NAME).is_dir():
        return installed / DRAFTING_CORPUS_NAME
    return (root or pathlib.Path.cwd()) / "corpora" / DRAFTING_CORPUS_NAME


def drafting_corpus_dirs() -> list[pathlib.Path]:
    """The corpora a draft takes its phrasings from: the team corpus and ``drafting-v1``.

    ``$PLANTEXT_CORPUS`` when set is the only one (the user chose it); else the
    team corpus and, beside it (checkout or installed package), ``drafting-v1``
    when it is there.
    """
    team = team_corpus_dir()
    if os.environ.get(CORPUS_ENV):
        return [team]
    extra = drafting_corpus_dir()
    return [team] + ([extra] if (extra / "docs").is_dir() else [])
