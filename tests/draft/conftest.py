"""Fixtures: a tiny annotated corpus and its sparse index (no encoder, no user cache)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from draft_samples import write_corpus


@pytest.fixture(scope="session")
def corpus_root(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("draft") / "corpus")


@pytest.fixture(scope="session")
def index_dir(corpus_root) -> Path:
    from plantext.suggest import build_index

    out = corpus_root.parent / "index"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build_index(corpus_root, out, dense=False)
    return out


@pytest.fixture(scope="session")
def index(index_dir):
    from plantext.suggest import load_index

    return load_index(index_dir)


@pytest.fixture(scope="session")
def make_draft(index):
    """draft() over the tiny corpus, memoised per arguments."""
    from plantext.draft import draft

    cache = {}

    def make(doc_type="work_plan", themes=("civility", "security"), unit="和平社区", year=2026, k=3):
        key = (doc_type, tuple(themes), unit, year, k)
        if key not in cache:
            cache[key] = draft(doc_type, list(themes), unit=unit, year=year, corpus=index, k=k,
                               model="none")
        return cache[key]

    return make
