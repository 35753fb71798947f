"""Features of paragraph units for the ``sm`` models: n-grams, words, context.

Every unit becomes a list of string tokens (prefixed by kind: ``c:`` character
n-grams, ``w:`` words (the shared segmenter), ``h:`` heading n-grams, ``p:``/``n:`` neighbours,
and categorical flags); the models hash them into a fixed-width sparse
matrix, so no vocabulary has to be stored.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import threading
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover  (units calls this module: no import back at run time)
    from .units import Unit

N_FEATURES = 2 ** 17
FEATURES_VERSION = 4    # bump whenever tokens change; models record the version they were trained on
SUPPORTED_VERSIONS = (3, 4)   # versions a model may have been trained on (others are refused)
# characters of a paragraph that feed (n-grams, words) per version: 3 cut them (the words from
# jieba's plain dictionary), 4 reads whole paragraphs through the shared segmenter (plan vocabulary)
LIMITS = {3: (400, 200), 4: (None, None)}
MAX_TEXT = None         # version 4: the whole paragraph
_VERSION: contextvars.ContextVar[int] = contextvars.ContextVar("plantext_features_version",
                                                               default=FEATURES_VERSION)


@contextlib.contextmanager
def version(v: int | None):
    """Compute features of version ``v`` inside the block (a model reads the tokens it was trained on)."""
    token = _VERSION.set(v or FEATURES_VERSION)
    try:
        yield
    finally:
        _VERSION.reset(token)


def current_version() -> int:
    return _VERSION.get()
_PUNCT = re.compile(r"^[\W\d_]+$")
_DIGITS = re.compile(r"\d")
_local = threading.local()


def tokenizer(v: int | None = None):
    """The shared segmenter (see :mod:`plantext.segmentation`: rjieba, one dictionary);
    version 3 features read jieba's dictionary without the plan vocabulary."""
    from ..segmentation import plain_segmenter, segmenter

    return plain_segmenter() if (v or current_version()) == 3 else segmenter()


def words(text: str, v: int | None = None) -> list[str]:
    """Words of ``text`` (HMM off) without punctuation and numbers."""
    return [w for w in tokenizer(v).cut(text) if w.strip() and not _PUNCT.match(w)]


def heading_words(title: str) -> tuple[str, ...]:
    """Words of a (short) heading; cached, as every paragraph below it asks again."""
    return _heading_words(title, current_version())


@functools.lru_cache(maxsize=4096)
def _heading_words(title: str, v: int) -> tuple[str, ...]:
    return tuple(words(title, v))


def char_ngrams(text: str, prefix: str, n_max: int = 3) -> list[str]:
    out = [prefix + c for c in text]   # list comprehensions: a quarter faster than extend(generator)
    for n in range(2, n_max + 1):
        out += [prefix + text[i:i + n] for i in range(len(text) - n + 1)]
    return out


def keyword_table() -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """Keywords of the default taxonomy, indexed by their first two characters.

    Returns ``(by_bigram, short)``: ``by_bigram[ab]`` lists the (keyword, theme)
    pairs starting with ``ab``; ``short`` those of one character.
    """
    table = getattr(_local, "keywords", None)
    if table is None:
        from ..labels import load_taxonomy

        tax = load_taxonomy()
        by_bigram: dict[str, list[tuple[str, str]]] = {}
        short = []
        for code in tax.codes:
            for kw in tax[code].keywords:
                if len(kw) < 2:
                    short.append((kw, code))
                else:
                    by_bigram.setdefault(kw[:2], []).append((kw, code))
        table = _local.keywords = (by_bigram, short)
    return table


def keyword_tokens(text: str) -> list[str]:
    """``kw:<theme>`` for every taxonomy keyword found in ``text``: a prior that generalises."""
    by_bigram, short = keyword_table()
    found = [code for kw, code in short if kw in text]
    for bigram in {text[i:i + 2] for i in range(len(text) - 1)} & by_bigram.keys():
        found += [code for kw, code in by_bigram[bigram] if kw in text]
    return ["kw:" + code for code in found]


def keyword_tokens_of(texts: Sequence[str]) -> list[list[str]]:
    """:func:`keyword_tokens` of every text, the candidate bigrams found over all of them at once.

    Each text's bigrams that begin some keyword are found with numpy on the joined texts;
    only those keywords are looked for (``kw in text``), as :func:`keyword_tokens` does.
    """
    by_bigram, short = keyword_table()
    found: list[list[str]] = [["kw:" + code for kw, code in short if kw in t] for t in texts]
    if not by_bigram or not texts:
        return found
    joined = "\n".join(texts)
    try:
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    except UnicodeEncodeError:   # lone surrogates: the plain way
        return [keyword_tokens(t) for t in texts]
    keys = (codes[:-1] << 21) | codes[1:]
    table = _bigram_keys(by_bigram)
    where = np.flatnonzero(table[np.minimum(np.searchsorted(table, keys), len(table) - 1)] == keys)
    if not len(where):
        return found
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    unit = np.searchsorted(starts, where, side="right") - 1
    inside = where + 2 <= starts[unit] + lens[unit]
    for pair in np.unique((unit[inside] << 42) | keys[where[inside]]).tolist():
        i, key = pair >> 42, pair & (2 ** 42 - 1)
        bigram = chr(key >> 21) + chr(key & 0x1FFFFF)
        t = texts[i]
        found[i] += ["kw:" + code for kw, code in by_bigram[bigram] if kw in t]
    return found


def _bigram_keys(by_bigram: dict) -> np.ndarray:
    keys = getattr(_local, "keyword_keys", None)
    if keys is None:
        keys = _local.keyword_keys = np.array(sorted((ord(b[0]) << 21) | ord(b[1]) for b in by_bigram),
                                              dtype=np.int64)
    return keys


def unit_keywords(units: Sequence[Unit]) -> list[list[str]]:
    """``kw:<theme>`` tokens of each unit's text (a unit list finds them once and keeps them)."""
    v = current_version()
    key = f"_keywords{v}"
    cache = getattr(units, "__dict__", None)
    if cache is not None and key in cache:
        return cache[key]
    found = keyword_tokens_of([u.text[:LIMITS[v][0]] for u in units])
    if cache is not None:
        cache[key] = found
    return found


def unit_token_parts(units: Sequence[Unit], *, use_headings: bool = True) -> list[tuple[list[str], list[str]]]:
    """For each unit of one document: (content tokens, context-only tokens).

    Content tokens (text n-grams, words, keywords, headings) feed both models;
    context tokens (neighbours, position, marker style …) only the role model.
    """
    v = current_version()
    max_text, max_words = LIMITS[v]
    texts = [u.text[:max_text] for u in units]
    kws = unit_keywords(units)
    out = []
    for i, u in enumerate(units):
        t = texts[i]
        toks = char_ngrams(t, "c:")
        toks += ["w:" + w for w in words(t[:max_words], v)]
        toks += kws[i]
        if use_headings and u.headings:
            near = u.headings[-1] if u.kind != "heading" else (u.headings[-2] if len(u.headings) > 1 else "")
            toks += char_ngrams(near[:30], "h:", 2)
            toks += ["hw:" + w for w in heading_words(near[:30])] if near else []
            toks += char_ngrams(u.headings[0][:20], "h1:", 2) if len(u.headings) > 1 else []
        prev = texts[i - 1][-40:] if i > 0 else ""
        nxt = texts[i + 1][:40] if i + 1 < len(units) else ""
        ctx = char_ngrams(prev, "p:", 2) + char_ngrams(nxt, "n:", 2)
        ctx += [f"k:{u.kind}", f"st:{u.style}", f"lv:{min(u.level, 4)}", f"in:{u.inline}",
                f"pos:{int(u.position * 10)}", f"dt:{u.doc_type}", f"len:{min(len(u.text) // 40, 8)}",
                f"lead:{t[:2]}", f"lead3:{t[:3]}", f"first:{i == 0}", f"last:{i + 1 == len(units)}",
                f"num:{bool(_DIGITS.search(t))}", f"pct:{'%' in t or '％' in t}",
                f"dp:{u.doc_type}:{int(u.position * 5)}", f"dl:{u.doc_type}:{t[:2]}"]
        out.append((toks, ctx))
    return out


def unit_tokens(units: Sequence[Unit], *, use_headings: bool = True) -> list[list[str]]:
    """All tokens of each unit of one document (neighbours need the sequence)."""
    return [a + b for a, b in unit_token_parts(units, use_headings=use_headings)]


THEME_PREFIXES = ("c:", "w:", "h:", "hw:", "h1:", "kw:")


def theme_tokens(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t.startswith(THEME_PREFIXES)]


def hash_tokens(token_lists: Iterable[list[str]]):
    """A CSR matrix of token counts, hashed into :data:`N_FEATURES` columns.

    The same hashing as scikit-learn's ``HashingVectorizer(alternate_sign=False)``
    (signed 32-bit MurmurHash3 of the UTF-8 token, seed 0, ``abs(h) % n``), done
    with ``mmh3`` so that labelling never imports scikit-learn. (scikit-learn
    maps -2**31 to ``(2**31 - 1 - (n - 1)) % n``; for a power-of-two ``n`` that
    is 0, as is ``2**31 % n`` here.)
    """
    import mmh3
    from scipy.sparse import csr_matrix

    h = mmh3.hash            # seed 0, signed: the defaults
    n = N_FEATURES
    hashes: list[int] = []
    lengths = [0]
    for toks in token_lists:
        hashes.extend(map(h, toks))
        lengths.append(len(toks))
    indices = (np.abs(np.asarray(hashes, dtype=np.int64)) % n).astype(np.int32)
    indptr = np.cumsum(lengths, dtype=np.int64)
    m = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                   shape=(len(lengths) - 1, n))
    m.sum_duplicates()
    return m


def tfidf(counts, idf: np.ndarray):
    """Sublinear tf × idf, rows L2-normalised (what TfidfTransformer does, with stored idf).

    ``counts`` is a CSR matrix with its duplicates summed (as :func:`hash_tokens` builds it);
    the result has the same sparsity pattern, computed on its arrays (float32).
    """
    from scipy.sparse import csr_matrix

    counts = counts.tocsr()
    if not counts.has_canonical_format:
        counts = counts.copy()
        counts.sum_duplicates()
    n = counts.shape[0]
    data = (1.0 + np.log(counts.data.astype(np.float32))) * idf[counts.indices]
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n)).astype(np.float32)
    norms[norms == 0] = 1.0
    data /= norms[rows]
    return csr_matrix((data.astype(np.float32, copy=False), counts.indices, counts.indptr), shape=counts.shape)


def linear_scores(x, coef: np.ndarray, owner) -> np.ndarray:
    """``x @ coef.T`` for a sparse ``x`` and a (classes × features) ``coef``, through a
    contiguous transposed copy of ``coef`` kept on ``owner`` (made once, not at every call)."""
    kept = owner.__dict__.get("_coef_t")
    if kept is None or kept[0] is not coef:
        kept = owner.__dict__["_coef_t"] = (coef, np.ascontiguousarray(coef.T, dtype=np.float32))
    w = kept[1]
    return np.asarray(x @ (w[: x.shape[1]] if x.shape[1] < w.shape[0] else w))


def fit_idf(counts) -> np.ndarray:
    """Smoothed idf of hashed columns (as TfidfTransformer(smooth_idf=True))."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)
