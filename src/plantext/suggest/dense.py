"""Dense vectors from the e5 encoder, when the ``trf`` extra is installed.

Everything here degrades to ``None`` plus a reason: suggestions then come
from sparse retrieval alone and say why.
"""

from __future__ import annotations

import logging

import numpy as np

from ..errors import DependencyError, ModelError

log = logging.getLogger(__name__)

PASSAGES_PER_SECOND = 20   # e5-small on two shared CPU cores (measured 18/s at load 6), for the estimate only
NO_TRF = "dense retrieval unavailable: {reason} (install plantext[trf] for hybrid retrieval)"


def load_encoder():
    """The shared encoder; raises DependencyError or ModelError when it cannot be had."""
    from ..learn.encoder import get_encoder

    return get_encoder()


def encoder_or_reason():
    """``(encoder, None)``, or ``(None, reason)`` without torch, transformers or the model."""
    try:
        return load_encoder(), None
    except (DependencyError, ModelError) as exc:
        return None, NO_TRF.format(reason=str(exc))


def encode_passages(encoder, texts: list[str], batch: int = 32) -> np.ndarray:
    """float32 unit vectors of ``texts`` encoded as e5 passages, logged in batches."""
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    from ..progress import about, bar, notice

    if len(texts) > batch:
        notice(f"正在为 {len(texts)} 句计算语义向量（{about(len(texts) / PASSAGES_PER_SECOND)}；"
               "结果随索引缓存，以后不再计算）……")
    parts = []
    for start in bar(range(0, len(texts), batch), desc="语义向量", unit="批", min_total=2):
        parts.append(encoder.encode(texts[start:start + batch], kind="passage"))
        log.info("embedded %d/%d entries", min(start + batch, len(texts)), len(texts))
    return np.concatenate(parts).astype(np.float32, copy=False)


def encode_query(encoder, text: str) -> np.ndarray:
    """The float32 unit vector of ``text`` as an e5 query."""
    return encoder.encode([text], kind="query")[0].astype(np.float32, copy=False)


def centroid(vectors: np.ndarray, mask: np.ndarray) -> np.ndarray | None:
    """The normalised mean of the rows in ``mask`` (None when the mask is empty)."""
    rows = vectors[mask]
    if not len(rows):
        return None
    mean = rows.mean(axis=0, dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None
