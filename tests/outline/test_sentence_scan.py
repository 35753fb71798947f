"""``sentence_spans`` jumps from one bracket, quote or terminator to the next (a regex search)
instead of looking at every character; it must split exactly as the character loop did."""

from __future__ import annotations

import random

from plantext.outline.sentences import _CLOSE, _CLOSERS, _OPEN, SENT_END, _add_chunked, _split_flat, sentence_spans


def _char_loop(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The character-by-character scan ``sentence_spans`` replaced (kept as the reference)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    s = start
    i = start
    while i < end:
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and i > s and text[i - 1] in SENT_END and c in "”’」』":
                _add_chunked(text, s, i + 1, spans)
                s = i = i + 1
                continue
        elif c in SENT_END and depth == 0:
            j = i + 1
            while j < end and (text[j] in _CLOSERS or text[j] in SENT_END):
                j += 1
            _add_chunked(text, s, j, spans)
            s = i = j
            continue
        i += 1
    if s < end:
        _add_chunked(text, s, end, spans)
    if depth and len(spans) == 1 and end - start > 400:
        return _split_flat(text, start, end)
    return spans


def test_random_text_splits_as_the_character_loop():
    rng = random.Random(3)
    alphabet = "工作计划，、 \u3000" + SENT_END + _OPEN + _CLOSE + "\"'" + "".join(_CLOSERS)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        a = rng.randrange(0, len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        assert sentence_spans(text, a, b) == _char_loop(text, a, b), (text, a, b)


def test_long_and_unbalanced_text_splits_as_the_character_loop():
    text = "（" + "推进社区治理。" * 80 + "完善服务，" * 500 + "”。"
    assert sentence_spans(text, 0, len(text)) == _char_loop(text, 0, len(text))
    assert sentence_spans(text, 5, len(text) - 3) == _char_loop(text, 5, len(text) - 3)


def test_real_documents_split_as_the_character_loop(shared):
    from plantext.outline.sentences import paragraph_spans

    for f in sorted((shared / "corpora" / "real").rglob("*.txt"))[::20]:
        text = f.read_text(encoding="utf-8")
        for a, b in paragraph_spans(text):
            assert sentence_spans(text, a, b) == _char_loop(text, a, b), f.name
