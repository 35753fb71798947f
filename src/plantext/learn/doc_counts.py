"""Hashed token counts of one document's units, built over the whole document at once.

:func:`plantext.learn.features.unit_token_parts` spells every unit's feature
tokens out as Python strings, which :func:`~plantext.learn.features.hash_tokens`
then hashes one by one; that is the reference, and what training reads. At
parse time this module computes the *same* count matrices without building
the strings: the units' texts are joined (one ``\\n`` between them) and the
text n-grams, the words (one segmenter call for the document), the
neighbours' n-grams become spans of that text, hashed together by
:class:`~plantext.learn.murmur.SpanHasher`. Headings (shared by many units)
and the few categorical tokens are hashed as strings, each heading once.

Only features version 4 (whole paragraphs) is built here; other versions read
the reference path. ``tests/learn/test_doc_counts.py`` checks that both give
the same matrices on real documents.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

import mmh3
import numpy as np

from .features import N_FEATURES, _DIGITS, char_ngrams, heading_words, tokenizer, unit_keywords
from .murmur import SpanHasher

VERSION = 4
BITS = N_FEATURES.bit_length() - 1    # N_FEATURES is a power of two
_NOT_WORD = re.compile(r"[\W\d_]")   # a word made of these alone is dropped (features._PUNCT)


def document_counts(units: Sequence) -> tuple | None:
    """``(content, all)`` count matrices (CSR, float32, one row per unit): what
    ``hash_tokens`` gives for the units' content tokens and for all their tokens
    (None when the text cannot be encoded: lone surrogates)."""
    texts = [u.text for u in units]
    joined = "\n".join(texts)
    try:
        hasher = SpanHasher(joined)
    except UnicodeEncodeError:        # lone surrogates: the reference path says what to do
        return None
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    ends = starts + lens
    content = [_ngrams(hasher, starts, ends), _words(hasher, joined, starts, ends),
               _keywords(units), _headings(units)]
    context = [_neighbours(hasher, starts, ends), _categorical(units)]
    n = len(units)
    rows_c, cols_c = (np.concatenate(a) for a in zip(*content))
    rows_x, cols_x = (np.concatenate(a) for a in zip(*context))
    return count_matrices(np.concatenate([rows_c, rows_x]), np.concatenate([cols_c, cols_x]),
                          np.concatenate([np.zeros(len(rows_c), bool), np.ones(len(rows_x), bool)]), n)


def count_matrices(rows: np.ndarray, hashes: np.ndarray, is_context: np.ndarray, n: int) -> tuple:
    """Two canonical CSR count matrices of (row, hashed column) pairs, as ``hash_tokens`` builds
    them: of the pairs not marked ``is_context``, and of all pairs. One sort serves both: the
    context flag is the key's lowest bit, so a column's two counts lie side by side."""
    wide = n >= 2 ** (31 - BITS)     # keys of up to 2**14 rows fit 32 bits
    keys = (rows.astype(np.int64 if wide else np.uint32) << (BITS + 1)) | (_column(hashes) << 1) | is_context
    keys.sort()
    return (_runs_matrix(keys[(keys & 1) == 0] >> 1, n), _runs_matrix(keys >> 1, n))


def _runs_matrix(keys: np.ndarray, n: int):
    """The CSR matrix counting each distinct sorted ``row << BITS | column`` key."""
    from scipy.sparse import csr_matrix

    new = np.empty(len(keys), dtype=bool)
    new[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    first = np.flatnonzero(new)
    counts = np.diff(np.append(first, len(keys))).astype(np.float32)
    keys = keys[first].astype(np.int64)
    indptr = np.searchsorted(keys >> BITS, np.arange(n + 1))
    m = csr_matrix((counts, (keys & (N_FEATURES - 1)).astype(np.int32), indptr), shape=(n, N_FEATURES))
    m.has_canonical_format = True
    return m


def _column(hashes: np.ndarray) -> np.ndarray:
    return (np.abs(hashes.astype(np.int64)) & (N_FEATURES - 1)).astype(np.uint32)   # N_FEATURES: a power of 2


def _spans(region_start: np.ndarray, region_end: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of every ``n``-character span inside each region, and the region of each."""
    counts = np.maximum(region_end - region_start - n + 1, 0)
    total = int(counts.sum())
    region = np.repeat(np.arange(len(counts)), counts)
    first = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    offset = np.arange(total, dtype=np.int64) - first[region]
    return region_start[region] + offset, region


def _hash_ngrams(hasher: SpanHasher, prefix: str, start: np.ndarray, end: np.ndarray,
                 n_max: int, row_of_region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = [], []
    for n in range(1, n_max + 1):
        s, region = _spans(start, end, n)
        rows.append(row_of_region[region])
        cols.append(hasher.hash(prefix, s, s + n))
    return np.concatenate(rows), np.concatenate(cols)


def _ngrams(hasher, starts, ends):
    """``c:`` character 1–3-grams of every unit."""
    return _hash_ngrams(hasher, "c:", starts, ends, 3, np.arange(len(starts)))


def _neighbours(hasher, starts, ends):
    """``p:`` 1–2-grams of the last 40 characters of the unit before, ``n:`` of the first 40 after."""
    n = len(starts)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    idx = np.arange(n)
    prev = _hash_ngrams(hasher, "p:", np.maximum(starts[:-1], ends[:-1] - 40), ends[:-1], 2, idx[1:])
    nxt = _hash_ngrams(hasher, "n:", starts[1:], np.minimum(ends[1:], starts[1:] + 40), 2, idx[:-1])
    return np.concatenate([prev[0], nxt[0]]), np.concatenate([prev[1], nxt[1]])


def _words(hasher, joined: str, starts, ends):
    """``w:`` words of every unit (one segmenter call; the ``\\n`` between units keeps their words apart)."""
    words = tokenizer(VERSION).cut(joined)
    lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    w_end = np.cumsum(lens)
    w_start = w_end - lens
    if not (np.isin(starts, w_start).all() and np.isin(ends, w_end).all()):   # never seen: cut per unit
        parts = [_unit_words(joined[s:e], s) for s, e in zip(starts, ends)]
        w_start = np.concatenate([p[0] for p in parts] + [np.zeros(0, np.int64)])
        w_end = np.concatenate([p[1] for p in parts] + [np.zeros(0, np.int64)])
    good = np.zeros(len(joined) + 1, dtype=np.int64)
    np.cumsum(_is_word_char(hasher.codes), out=good[1:])
    keep = good[w_end] > good[w_start]
    w_start, w_end = w_start[keep], w_end[keep]
    rows = np.searchsorted(starts, w_start, side="right") - 1
    return rows, hasher.hash("w:", w_start, w_end)


def _unit_words(text: str, offset: int) -> tuple[np.ndarray, np.ndarray]:
    words = tokenizer(VERSION).cut(text)
    lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    end = np.cumsum(lens) + offset
    return end - lens, end


def _is_word_char(codes: np.ndarray) -> np.ndarray:
    """Whether each character is a letter (not punctuation, space, digit or ``_``); each code
    point is asked of the pattern once per process, the first time a text holds it."""
    table = _word_char_table()
    flags = table[codes]
    unknown = flags < 0
    if unknown.any():
        for c in np.unique(codes[unknown]).tolist():
            table[c] = _NOT_WORD.match(chr(c)) is None
        flags = table[codes]
    return flags.astype(bool)


@functools.cache
def _word_char_table() -> np.ndarray:
    return np.full(0x110000, -1, dtype=np.int8)       # -1: not looked at yet


def _string_hashes(units, strings_of) -> tuple[np.ndarray, np.ndarray]:
    """Rows and hashes of tokens given as strings: ``strings_of(i, unit)`` lists unit i's hashes."""
    per_unit = [strings_of(i, u) for i, u in enumerate(units)]
    lens = np.fromiter(map(len, per_unit), dtype=np.int64, count=len(per_unit))
    flat = [h for hashes in per_unit for h in hashes]
    return np.repeat(np.arange(len(per_unit)), lens), np.array(flat, dtype=np.int32)


def _keywords(units):
    kws = unit_keywords(units)
    return _string_hashes(units, lambda i, u: list(map(mmh3.hash, kws[i])))


def _headings(units):
    """``h:``/``hw:`` tokens of the nearest heading above, ``h1:`` of the outermost (each hashed once)."""
    cache: dict[tuple[str, str | None], list[int]] = {}

    def hashes(i, u):
        if not u.headings:
            return []
        near = u.headings[-1] if u.kind != "heading" else (u.headings[-2] if len(u.headings) > 1 else "")
        top = u.headings[0] if len(u.headings) > 1 else None
        key = (near, top)
        if key not in cache:
            toks = char_ngrams(near[:30], "h:", 2)
            toks += ["hw:" + w for w in heading_words(near[:30])] if near else []
            toks += char_ngrams(top[:20], "h1:", 2) if top is not None else []
            cache[key] = list(map(mmh3.hash, toks))
        return cache[key]

    return _string_hashes(units, hashes)


def _categorical(units):
    """The context flags of :func:`~plantext.learn.features.unit_token_parts`, as strings."""
    last = len(units) - 1

    def hashes(i, u):
        t = u.text
        return list(map(mmh3.hash, (
            f"k:{u.kind}", f"st:{u.style}", f"lv:{min(u.level, 4)}", f"in:{u.inline}",
            f"pos:{int(u.position * 10)}", f"dt:{u.doc_type}", f"len:{min(len(t) // 40, 8)}",
            f"lead:{t[:2]}", f"lead3:{t[:3]}", f"first:{i == 0}", f"last:{i == last}",
            f"num:{bool(_DIGITS.search(t))}", f"pct:{'%' in t or '％' in t}",
            f"dp:{u.doc_type}:{int(u.position * 5)}", f"dl:{u.doc_type}:{t[:2]}")))

    return _string_hashes(units, hashes)
