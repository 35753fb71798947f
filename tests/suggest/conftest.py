"""Fixtures: a tiny hand-written corpus, its indexes, and an encoder that needs no torch."""

from __future__ import annotations

import importlib

import json

import pytest
from suggest_samples import PLAN_A, PLAN_B, FakeEncoder, annotation, make_entries

from plantext.suggest import Entry, Index


@pytest.fixture
def entries() -> list[Entry]:
    return make_entries()


@pytest.fixture
def sparse_index(entries) -> Index:
    return Index.from_entries(entries, dense=False)


@pytest.fixture
def fake_encoder(monkeypatch) -> FakeEncoder:
    """Make the suggest package see :class:`FakeEncoder` as the e5 encoder."""
    enc = FakeEncoder()
    monkeypatch.setattr(importlib.import_module("plantext.suggest.dense"), "load_encoder", lambda: enc)
    return enc


@pytest.fixture
def hybrid_index(entries, fake_encoder) -> Index:
    return Index.from_entries(entries, dense=True)


@pytest.fixture
def corpus_dir(tmp_path):
    """A corpus folder laid out like corpora/community-v1: docs/ and annotations/."""
    root = tmp_path / "corpus"
    (root / "docs").mkdir(parents=True)
    (root / "annotations").mkdir()
    roles_a = {2: ("preamble", ["elderly"]), 4: ("goal", ["none"]), 6: ("goal", ["elderly"]),
               8: ("measure", ["none"]), 10: ("measure", ["elderly"]),
               12: ("measure", ["elderly", "volunteer"]), 14: ("measure", ["elderly"]),
               16: ("safeguard", ["none"]), 18: ("safeguard", ["elderly"])}
    roles_b = {2: ("guiding", ["none"]), 4: ("guiding", ["environment"]), 6: ("measure", ["none"]),
               8: ("measure", ["environment", "volunteer"]), 10: ("measure", ["urban"]),
               12: ("safeguard", ["none"]), 14: ("safeguard", ["none"])}
    for name, text, roles in (("pa.txt", PLAN_A, roles_a), ("pb.txt", PLAN_B, roles_b)):
        (root / "docs" / name).write_text(text, encoding="utf-8")
        ann = annotation(name, text, roles)
        (root / "annotations" / name.replace(".txt", ".json")).write_text(
            json.dumps(ann, ensure_ascii=False), encoding="utf-8")
    return root
