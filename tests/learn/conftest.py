"""Fixtures of the model tests: a deterministic stand-in encoder, so no e5 is needed."""

from __future__ import annotations

import hashlib
import warnings

import numpy as np
import pytest

import plantext as pt


class HashEncoder:
    """A deterministic stand-in for e5: character-bigram counts hashed into 64 dimensions."""

    name, dim = "hash-encoder", 64

    def encode(self, texts, kind="query"):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for a, b in zip(t, t[1:]):
                out[i, int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def hash_store():
    """An in-memory embedding store over :class:`HashEncoder`."""
    pytest.importorskip("torch")
    from plantext.learn.trf import EmbeddingStore

    return EmbeddingStore(HashEncoder(), persist=False)


@pytest.fixture(autouse=True)
def _quiet():
    """Model tests parse odd little plans; their PlanTextWarnings are not what is tested."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pt.PlanTextWarning)
        yield


THEME_PLAN = """社区工作计划
开展垃圾分类宣传，设置分类投放点，组织志愿者值守。
为独居老人提供助餐、助洁服务，建设长者食堂。
组织志愿者每月走访慰问，开展关爱活动。
落实经费保障。
"""
THEME_LABELS = [["none"], ["environment", "volunteer"], ["elderly"], ["volunteer"], ["none"]]


@pytest.fixture
def theme_units():
    """The units of a five-line community plan and each one's themes."""
    from plantext.learn.units import plan_units

    units = plan_units(pt.parse(THEME_PLAN, model="none"))
    return units, THEME_LABELS[-len(units):]
