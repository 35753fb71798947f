"""Which segments may become suggestions: no template slots, fragments, furniture or near-copies."""

from __future__ import annotations

import re
import zlib

import numpy as np

from .tokens import char_bigrams, jaccard

MIN_CJK = 8        # fewer Chinese characters than this: a fragment
MAX_CHARS = 400    # longer than this: not a phrasing to start from
NEAR_DUP = 0.8     # char-bigram Jaccard at or above which two entries are near-copies

PLACEHOLDER = re.compile(
    r"_{2,}|＿{2,}|_\s+_|×{2,}|[xX]{2,}|Ｘ{2,}|○{2,}|\*{2,}|某某|【[^】\n]{0,12}】"
    r"|[（(]\s{2,}[)）]|20[_＿]{1,2}年")
FURNITURE = re.compile(
    r"第\s*\d+\s*页|共\s*\d+\s*页|^\s*(?:附件|抄送|印发|来源|发布时间|发布日期|责任编辑|联系人|联系电话)"
    r"|[.．·…]{5,}\s*\d*\s*$|https?://|www\.|\.(?:com|cn|gov)\b"
    r"|扫一扫|打印本页|关闭窗口|字号[:：]|【\s*(?:大|中|小)\s*】")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DATE_ONLY = re.compile(r"^[\s\d〇零一二三四五六七八九十年月日.．/\-—]+$")
_PREDICATE_POS = ("v", "vn", "vd", "a", "ad", "an", "l", "i")


def has_placeholder(text: str, extra: tuple[str, ...] = ()) -> bool:
    """True when ``text`` holds an unfilled template slot (__、××、XX、【单位名称】…)."""
    return bool(PLACEHOLDER.search(text)) or any(p and p in text for p in extra)


def is_furniture(text: str) -> bool:
    """True for page furniture: page numbers, sources, links, print/close buttons."""
    return bool(FURNITURE.search(text)) or bool(_DATE_ONLY.match(text))


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def is_fragment(text: str) -> bool:
    """Fewer than :data:`MIN_CJK` Chinese characters, or a short text without a predicate."""
    n = cjk_count(text)
    if n < MIN_CJK:
        return True
    if n >= 20:
        return False
    return not _has_predicate(text)


def _has_predicate(text: str) -> bool:
    from .tokens import STOP_WORDS, tokenizer

    if any(w in text for w in ("加强", "开展", "推进", "落实", "完善", "建立", "实现", "确保")):
        return True
    return any(flag.startswith(_PREDICATE_POS) and word not in STOP_WORDS
               for word, flag in tokenizer().tag(text))


def keep(text: str, extra_placeholders: tuple[str, ...] = ()) -> bool:
    """True when ``text`` is fit to be suggested."""
    return (len(text) <= MAX_CHARS and not has_placeholder(text, extra_placeholders)
            and not is_furniture(text) and not is_fragment(text))


def near_duplicates(texts: list[str], threshold: float = NEAR_DUP) -> list[bool]:
    """For each text, True when an earlier text is a near-copy of it (MinHash LSH, then Jaccard)."""
    grams = [char_bigrams(t) for t in texts]
    keys = [_key(t) for t in texts]
    seen_keys: dict[str, int] = {}
    buckets: dict[tuple, list[int]] = {}
    dup = [False] * len(texts)
    for i, g in enumerate(grams):
        if keys[i] in seen_keys:
            dup[i] = True
            continue
        seen_keys[keys[i]] = i
        bands = _bands(g)
        cands = {j for b in bands for j in buckets.get(b, ())}
        if any(jaccard(g, grams[j]) >= threshold for j in cands):
            dup[i] = True
            continue
        for b in bands:
            buckets.setdefault(b, []).append(i)
    return dup


_NORM = re.compile(r"[\W\d_a-zA-Z]+")
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20240601)
_A = _rng.integers(1, _PRIME, size=32, dtype=np.int64)
_B = _rng.integers(0, _PRIME, size=32, dtype=np.int64)
_BANDS, _ROWS = 8, 4


def _key(text: str) -> str:
    return _NORM.sub("", text)


def _bands(grams: frozenset[str]) -> list[tuple]:
    if not grams:
        return []
    ids = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.int64) % _PRIME
    sig = ((np.outer(_A, ids) + _B[:, None]) % _PRIME).min(axis=1)
    return [(b, *sig[b * _ROWS:(b + 1) * _ROWS].tolist()) for b in range(_BANDS)]
