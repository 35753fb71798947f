"""MurmurHash3 (x86, 32-bit, seed 0) of many short strings at once, in numpy.

The sm features hash every token as ``mmh3.hash(prefix + text[start:end])``
(see :func:`plantext.learn.features.hash_tokens`). A document has tens of
thousands of such tokens, almost all of them spans of its own text, so
instead of building each string in Python this module hashes spans of one
UTF-8 buffer directly: the 32-bit little-endian word starting at every byte of
the buffer is read once, each token's blocks are gathered from it (the prefix
shifted into the first), the bytes beyond the token are masked off, and the
blocks are mixed column by column. The result equals ``mmh3.hash`` bit for
bit (tested on random text).
"""

from __future__ import annotations

import mmh3
import numpy as np

_C1 = np.uint32(0xCC9E2D51)
_C2 = np.uint32(0x1B873593)
MAX_BYTES = 64          # longer tokens (rare: long Latin words, numbers) are hashed one by one
_MASKS = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF], dtype=np.uint32)


class SpanHasher:
    """Hashes ``prefix + text[s:e]`` for spans ``[s, e)`` (character offsets) of one text."""

    def __init__(self, text: str):
        self.text = text
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.codes = codes
        n_bytes = 1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)
        self.byte_at = np.zeros(len(codes) + 1, dtype=np.int64)   # byte offset of each character
        np.cumsum(n_bytes, out=self.byte_at[1:])
        buf = np.frombuffer(text.encode("utf-8") + b"\0" * (MAX_BYTES + 8), dtype=np.uint8).astype(np.uint32)
        # the little-endian 32-bit word starting at every byte
        self.words = buf[:-3] | (buf[1:-2] << 8) | (buf[2:-1] << 16) | (buf[3:] << 24)

    def hash(self, prefix: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Signed 32-bit hashes (int32) of ``prefix + text[s:e]`` for each span."""
        p = prefix.encode("utf-8")
        b0 = self.byte_at[starts]
        lengths = self.byte_at[ends] - b0
        long = lengths > MAX_BYTES
        if len(p) > 3 or long.any():
            out = np.empty(len(starts), dtype=np.int32)
            slow = long | (len(p) > 3)
            out[slow] = [mmh3.hash(prefix + self.text[s:e]) for s, e in zip(starts[slow], ends[slow])]
            fast = ~slow
            out[fast] = self._hash(p, b0[fast], lengths[fast])
            return out
        return self._hash(p, b0, lengths)

    def _hash(self, prefix: bytes, b0: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        n_p = len(prefix)
        total = lengths + n_p
        head = np.uint32(int.from_bytes(prefix, "little")) if n_p else np.uint32(0)
        h = np.zeros(len(b0), dtype=np.uint32)
        n_full = total // 4
        has_tail = (total % 4) > 0
        n_blocks = int(-(-total.max() // 4)) if len(total) else 0
        for j in range(n_blocks):
            if j == 0:
                k = (self.words[b0] << np.uint32(8 * n_p)) | head if n_p else self.words[b0]
            else:
                k = self.words[b0 + (4 * j - n_p)]
            k = k & _MASKS[np.clip(total - 4 * j, 0, 4)]
            h = _mix(h, k, j < n_full, (j == n_full) & has_tail)
        return _finish(h, total)


def _mix(h: np.ndarray, k: np.ndarray, full: np.ndarray, tail: np.ndarray) -> np.ndarray:
    k = k * _C1
    k = (k << np.uint32(15)) | (k >> np.uint32(17))
    k *= _C2
    mixed = h ^ k
    stepped = (mixed << np.uint32(13)) | (mixed >> np.uint32(19))
    stepped = stepped * np.uint32(5) + np.uint32(0xE6546B64)
    return np.where(full, stepped, np.where(tail, mixed, h))


def _finish(h: np.ndarray, n_bytes: np.ndarray) -> np.ndarray:
    h = h ^ n_bytes.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h.view(np.int32)
