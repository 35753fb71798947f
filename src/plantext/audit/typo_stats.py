"""The statistical typo generaliser: noisy-channel correction with jieba's dictionary.

A typo in a Chinese draft (巩故, 清於, 制机) breaks a word: jieba, run on its
dictionary alone, cuts the place into single characters. For each such place
the generaliser tries the characters that sound alike (pinyin table) or look
alike (near-form groups), and the swap of two neighbours; it flags the place
when the corrected text is far more probable under jieba's word model
(log-probability gain of the best segmentation of a small window) and the
pair is neither a dictionary word nor attested in real documents.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Iterator

from .typos import Typo

MAX_CHAR_RANK = 3500       # both characters must be common ones: rare ones mean a name
MIN_WORD_FREQ = 100        # a correction must be a common dictionary word
MIN_GAIN = 11.0            # nats of log-probability the correction must win (tuned: 0 alarms
                           # on the team corpus, ~0.15 per held-out government report)
WINDOW = 4                 # characters of context on each side
PRIOR = {"tone": 0.0, "toneless": -1.5, "form": -1.0, "swap": -1.5}
# frequent function characters: not typos of this kind, and costly to test
_SKIP = set("的了是在和与及等也都就又将对把被为以之其而或并从向于由着过给让使要会能可这那"
            "个们我你他她它此该各每某有无不没很更最已还再所如若则即但")
# a pair right before these is most likely part of a name (南枫线, 罗泾港, 弘润石化)
_NAME_SUFFIX = set("线港巷区园路街镇村县市省湖山河江桥站寺族厂矿场乡湾岛峰")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def tokenizer():
    """The shared private jieba tokenizer (dictionary loaded once per thread)."""
    from ..segmentation import jieba_tokenizer

    return jieba_tokenizer()


@cache
def _chars() -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, str]]]:
    """char → its pinyin readings; char → {similar char: kind}."""
    raw = json.loads((resources.files("plantext") / "data" / "typo_chars.json")
                     .read_text(encoding="utf-8"))
    readings = {c: tuple(p) for c, p in raw["pinyin"].items()}
    by_tone: dict[str, set[str]] = {}
    by_sound: dict[str, set[str]] = {}
    for c, ps in readings.items():
        for p in ps:
            by_tone.setdefault(p, set()).add(c)
            by_sound.setdefault(p.rstrip("012345"), set()).add(c)
    similar: dict[str, dict[str, str]] = {}
    for c, ps in readings.items():
        sims: dict[str, str] = {}
        for p in ps:
            for x in by_sound[p.rstrip("012345")]:
                sims.setdefault(x, "toneless")
        for p in ps:
            for x in by_tone[p]:
                sims[x] = "tone"
        sims.pop(c, None)
        similar[c] = sims
    for group in raw["near_forms"]:
        for c in group:
            for x in group:
                if x != c:
                    similar.setdefault(c, {}).setdefault(x, "form")
    return readings, similar


@cache
def _ranks() -> dict[str, int]:
    return {c: k for k, c in enumerate(_chars()[0])}


def _common(pair: str) -> bool:
    ranks = _ranks()
    return all(ranks.get(c, MAX_CHAR_RANK) < MAX_CHAR_RANK for c in pair)


@cache
def attested() -> frozenset[str]:
    """Character pairs that real documents attest (data/typo_attested.txt)."""
    path = resources.files("plantext") / "data" / "typo_attested.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(l.strip() for l in lines if l.strip() and not l.startswith("#"))


def _logp(text: str) -> float:
    """Log-probability of the best segmentation of ``text`` under jieba's unigram model."""
    tok = tokenizer()
    dag = tok.get_DAG(text)
    route: dict[int, tuple[float, int]] = {}
    tok.calc(text, dag, route)
    return route[0][0]


def _single_runs(sentence: str) -> Iterator[tuple[int, int]]:
    """Spans of runs (≥ 2) of consecutive single-Han-character tokens, HMM off."""
    pos, run_start, count = 0, None, 0
    for word in tokenizer().cut(sentence, HMM=False):
        single = len(word) == 1 and _HAN.match(word) is not None
        if single:
            if run_start is None:
                run_start, count = pos, 0
            count += 1
        elif run_start is not None:
            if count >= 2:
                yield run_start, pos
            run_start = None
        pos += len(word)
    if run_start is not None and count >= 2:
        yield run_start, pos


def _edits(s: str, i: int) -> Iterator[tuple[str, int, int, str, str]]:
    """Corrections of the pair ``s[i:i+2]``: (fixed pair, start, end, kind, new chars)."""
    _, similar = _chars()
    freq = tokenizer().FREQ
    a, b = s[i], s[i + 1]
    if freq.get(b + a, 0) >= MIN_WORD_FREQ:
        yield b + a, i, i + 2, "swap", b + a
    for x, kind in similar.get(a, {}).items():
        if a not in _SKIP and freq.get(x + b, 0) >= MIN_WORD_FREQ:
            yield x + b, i, i + 1, kind, x
    for y, kind in similar.get(b, {}).items():
        if b not in _SKIP and freq.get(a + y, 0) >= MIN_WORD_FREQ:
            yield a + y, i + 1, i + 2, kind, y


def _pairs_in(sentence: str) -> Iterator[int]:
    """Offsets of the questionable character pairs of ``sentence``."""
    freq = tokenizer().FREQ
    quoted = _short_quotes(sentence)
    for a, b in _single_runs(sentence):
        for i in range(a, b - 1):
            pair = sentence[i:i + 2]
            if (_HAN.match(pair[0]) and _HAN.match(pair[1]) and pair not in freq
                    and not _patterned(sentence, i) and not any(x <= i < y for x, y in quoted)):
                yield i


def _patterned(s: str, i: int) -> bool:
    """True inside slogan patterns that repeat a character (应改尽改, 一企一策, 邻帮邻)."""
    near = s[max(0, i - 2):i] + s[i + 2:i + 4]
    return s[i] in near or s[i + 1] in near


def _short_quotes(s: str) -> list[tuple[int, int]]:
    """Spans of short quoted terms (“五观”, “放管服”): coined words, not slips."""
    return [m.span() for m in re.finditer(r"[“\"‘「][^”\"’」]{1,8}[”\"’」]", s)]


def candidate_pairs(text: str) -> Iterator[str]:
    """The character pairs of ``text`` that the generaliser would question."""
    for sentence, _ in _sentences(text):
        for i in _pairs_in(sentence):
            if any(True for _ in _edits(sentence, i)):
                yield sentence[i:i + 2]


def _sentences(text: str) -> Iterator[tuple[str, int]]:
    for m in re.finditer(r"[^。！？；\n]+", text):
        yield m.group(), m.start()


def statistical_typos(text: str, *, vocabulary: frozenset[str] = frozenset(),
                      min_gain: float = MIN_GAIN) -> list[Typo]:
    """Typos beyond the confusion set, found by the noisy-channel test."""
    known = attested()
    counts: dict[str, int] = {}
    out = []
    for sentence, base in _sentences(text):
        for i in _pairs_in(sentence):
            pair = sentence[i:i + 2]
            if (pair in known or sentence[i + 2:i + 3] in _NAME_SUFFIX or not _common(pair)
                    or any(pair in w for w in vocabulary)):
                continue
            best = _best_edit(sentence, i)
            if best is None or best[0] < min_gain:
                continue
            counts[pair] = counts.get(pair, 0) + 1
            out.append(Typo(base + i, base + i + 2, pair, best[1], f"stats:{best[2]}", score=round(best[0], 2)))
    # a pair written the same way three times or more is a name or a term, not a slip
    return [t for t in out if counts[t.wrong] < 3]


def _best_edit(s: str, i: int) -> tuple[float, str, str] | None:
    lo, hi = max(0, i - WINDOW), min(len(s), i + 2 + WINDOW)
    window = s[lo:hi]
    base = _logp(window)
    best = None
    for fixed, a, b, kind, new in _edits(s, i):
        cand = s[lo:a] + new + s[b:hi]
        gain = _logp(cand) - base + PRIOR[kind]
        if best is None or gain > best[0]:
            best = (gain, fixed, kind)
    return best


def evidence(text: str, i: int) -> list[tuple[float, str, str]]:
    """Every correction tried at ``text[i:i+2]`` with its gain (for inspection)."""
    lo, hi = max(0, i - WINDOW), min(len(text), i + 2 + WINDOW)
    base = _logp(text[lo:hi])
    rows = [(_logp(text[lo:a] + new + text[b:hi]) - base + PRIOR[kind], fixed, kind)
            for fixed, a, b, kind, new in _edits(text, i)]
    return sorted(rows, reverse=True)
