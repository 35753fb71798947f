"""Ranking: BM25 and e5 lists fused by reciprocal rank, then MMR for variety.

With text, each retriever ranks the entries that pass the role/theme filter
and the two rankings are fused (RRF, k=60). Without text, entries are ranked
by how typical they are of the filtered set: BM25 against the set's pooled
keywords and cosine to its mean vector. A label vote of the best candidates
(:func:`consensus`) then favours the themes, and a clearly winning role, of
the neighbourhood; MMR (λ=0.7, char-bigram Jaccard) picks k results that are
not near-copies of each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

from ..document import ROLES, Suggestion
from ..errors import DependencyError, InputError, error
from .index import Index
from .tokens import char_bigrams, jaccard, tokens

RRF_K = 60
CANDIDATES = 100      # entries each retriever hands to the fusion
POOL = 40             # fused candidates MMR chooses from
MMR_LAMBDA = 0.7
NEAR_COPY = 0.6       # bigram Jaccard at which a candidate is never picked next to another
CONSENSUS_DEPTH = 10  # candidates whose labels vote
ROLE_WEIGHT, THEME_WEIGHT = 0.3, 0.5
ROLE_MAJORITY = 0.6  # the role vote counts only when one role holds this share of it
MODES = ("auto", "hybrid", "sparse", "dense")
SHORT, LONG = 12, 90  # phrasings of this many characters are preferred when there is no text


class SuggestResult(list):
    """A list of :class:`Suggestion`, with how it was found.

    ``mode`` is ``"hybrid"``, ``"sparse"`` or ``"dense"`` (``"+typical"`` appended
    when there was no text to match); ``reason`` says why dense retrieval was
    not used, or is None.
    """

    def __init__(self, items: Iterable[Suggestion] = (), *, mode: str = "sparse",
                 reason: str | None = None, role_guess=None):
        super().__init__(items)
        self.mode, self.reason, self.role_guess = mode, reason, role_guess

    def __repr__(self) -> str:
        return (f"SuggestResult({list.__repr__(self)}, mode={self.mode!r}, reason={self.reason!r}, "
                f"role_guess={self.role_guess!r})")


def codes(value: str | Sequence[str] | None, what: str, allowed: Iterable[str]) -> list[str]:
    """``value`` (None, a code, a comma list or a sequence of codes) as a checked list."""
    if value is None:
        return []
    items = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
    items = [str(v).strip() for v in items if str(v).strip()]
    allowed = list(allowed)
    if what in ("theme", "role"):         # Chinese names and keywords too: 养老, 平安, 保障措施
        from ..labels.names import role_code, theme_code

        resolve = theme_code if what == "theme" else role_code
        items = [v if (v.split(".", 1)[0] if what == "theme" else v) in allowed else resolve(v)
                 for v in items]
    for v in items:
        if (v.split(".", 1)[0] if what == "theme" else v) not in allowed:
            raise error(InputError, "E009", what=what, value=v, choices=", ".join(allowed))
    return items


@cache
def theme_codes() -> tuple[str, ...]:
    """The theme codes of the default taxonomy, and ``none``."""
    from ..labels import load_taxonomy

    return (*load_taxonomy().codes, "none")


def search(index: Index, text: str | None = None, *, role=None, theme=None, k: int = 5,
           mode: str = "auto", exclude: Iterable[str] = (), guess=None) -> SuggestResult:
    """The ``k`` best entries of ``index`` for ``text`` and/or ``role``/``theme``.

    ``guess`` (a :class:`~plantext.suggest.query_role.RoleGuess` of the text's
    role) stands in for a missing ``role`` when it is sure enough and the
    index holds at least ``k`` entries of that role.
    """
    if mode not in MODES:
        raise error(InputError, "E009", what="mode", value=mode, choices=", ".join(MODES))
    if not isinstance(k, int) or k < 1:
        raise InputError(f"k must be a positive integer, not {k!r}.")
    roles, themes = codes(role, "role", ROLES), codes(theme, "theme", theme_codes())
    text = (text or "").strip() or None
    encoder, reason = _dense_for(index, mode)
    mask = index.mask(roles, themes, exclude)
    if not roles and guess is not None and guess.filters:
        narrowed = mask & (index.role_ids == ROLES.index(guess.role))
        if narrowed.sum() >= k:
            mask, roles = narrowed, [guess.role]
    kind = "hybrid" if encoder is not None and mode != "dense" else \
        ("dense" if encoder is not None else "sparse")
    if not mask.any():
        return SuggestResult(mode=kind, reason=reason, role_guess=guess)
    lists, typical = _rankings(index, text, mask, encoder, kind, roles, themes)
    if typical and text:
        reason = (reason + "; " if reason else "") + "no word of the text is in the index"
    fused = _fuse(lists, len(index))
    if typical:
        fused = _length_prior(index, fused)
    fused = consensus(index, fused, by_role=not roles, by_theme=not themes)
    picked = mmr(index, fused, k)
    out = [_suggestion(index, i, s) for i, s in picked]
    return SuggestResult(out, mode=kind + ("+typical" if typical else ""), reason=reason,
                         role_guess=guess)


def _dense_for(index: Index, mode: str):
    """``(encoder, None)`` when dense retrieval applies, else ``(None, reason)``."""
    from . import dense

    if mode == "sparse":
        return None, None
    if index.dense is None:
        reason = index.meta.get("dense_skipped") or "the index holds no dense vectors"
        return _need(mode, reason)
    encoder, reason = dense.encoder_or_reason()
    if encoder is None:
        return _need(mode, reason)
    built = index.encoder_name
    if built and built != encoder.name:
        return _need(mode, f"the index was embedded with {built}, the encoder is {encoder.name}")
    return encoder, None


def _need(mode: str, reason: str):
    if mode in ("hybrid", "dense"):
        raise DependencyError(f"{mode} retrieval is not possible: {reason}")
    return None, reason


def _rankings(index, text, mask, encoder, kind, roles, themes):
    """The ranked candidate lists (best first) and whether they rank by typicality."""
    from . import dense

    lists = []
    if text is not None:
        if kind != "dense":
            lists.append(_top(index.bm25.scores(tokens(text)), mask))
        if encoder is not None:
            lists.append(_top(_cosines(index, dense.encode_query(encoder, text), mask), mask))
        if any(len(x) for x in lists):
            return lists, False
    key = ("typical", kind, tuple(sorted(roles)), tuple(sorted(themes)), mask.sum(),
           hash(mask.tobytes()))
    if key not in index.cache:
        if len(index.cache) > 256:
            index.cache.clear()
        index.cache[key] = _typical(index, mask, kind, themes)
    return index.cache[key], True


def _typical(index, mask, kind, themes):
    from . import dense

    lists = []
    if kind != "dense":
        query = index.bm25.centroid(mask)
        for word in _theme_words(themes):
            j = index.bm25.vocabulary_.get(word)
            if j is not None:
                query[j] = max(query.get(j, 0.0), 0.5)
        lists.append(_top(index.bm25.scores(query), mask, positive=False))
    if kind != "sparse" and index.dense is not None:
        centre = dense.centroid(index.dense, mask)
        if centre is not None:
            lists.append(_top(_cosines(index, centre, mask), mask, positive=False))
    return lists


def _theme_words(themes: Sequence[str]) -> list[str]:
    if not themes:
        return []
    from ..labels import load_taxonomy

    tax = load_taxonomy()
    words = []
    for code in themes:
        top = code.split(".", 1)[0]
        if top in tax and top != "none":
            words.extend(tokens(" ".join(tax[top].keywords)))
    return words


def _cosines(index: Index, vector: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Cosine of every entry to ``vector`` (only entries in ``mask`` are computed)."""
    out = np.full(len(index), -np.inf, dtype=np.float32)
    rows = np.flatnonzero(mask)
    if len(rows) > len(index) // 2:
        out[:] = index.dense @ vector
    else:
        out[rows] = index.dense[rows] @ vector
    return out


def _top(scores: np.ndarray, mask: np.ndarray, n: int = CANDIDATES, positive: bool = True):
    """Indices of the ``n`` best entries in ``mask`` (score > 0 when ``positive``), best first."""
    scores = np.where(mask, scores, -np.inf)
    n = min(n, len(scores))
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, n - 1)[:n]
    part = part[np.argsort(-scores[part], kind="stable")]
    ok = scores[part] > 0 if positive else np.isfinite(scores[part])
    return part[ok]


def _fuse(lists: list[np.ndarray], n: int) -> list[tuple[int, float]]:
    """Reciprocal rank fusion, scaled so that first place in every list scores 1."""
    fused: dict[int, float] = {}
    for ranked in lists:
        for rank, i in enumerate(ranked.tolist()):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
    top = len(lists) / (RRF_K + 1) if lists else 1.0
    return sorted(((i, s / top) for i, s in fused.items()), key=lambda x: (-x[1], x[0]))


def consensus(index: Index, fused: list[tuple[int, float]], *, by_role: bool = True,
              by_theme: bool = True, depth: int = CONSENSUS_DEPTH) -> list[tuple[int, float]]:
    """Favour candidates whose role and themes agree with those of the best ``depth``.

    A nearest-neighbour vote over the index's own labels: the top candidates
    vote for their role (and themes) with weight 1/rank, and each candidate's
    score is scaled by the share of the vote its own role (best theme) carries.
    The role vote counts only when one role wins it clearly.
    """
    top = fused[:depth]
    if len(top) < 2 or not (by_role or by_theme):
        return fused
    ids = np.asarray([i for i, _ in top])
    w = 1.0 / np.arange(1, len(top) + 1)    # rank-weighted: the best candidates decide
    factor = np.ones(len(fused))
    all_ids = np.asarray([i for i, _ in fused])
    if by_role and ROLE_WEIGHT:
        votes = np.bincount(index.role_ids[ids] + 1, weights=w, minlength=len(ROLES) + 1)
        if votes.max() >= ROLE_MAJORITY * votes.sum():
            share = votes / votes.max()
            factor *= 1 - ROLE_WEIGHT + ROLE_WEIGHT * share[index.role_ids[all_ids] + 1]
    if by_theme and THEME_WEIGHT and index.theme_matrix.shape[1]:
        votes = w @ index.theme_matrix[ids]
        if votes.max() > 0:
            share = (index.theme_matrix[all_ids] * (votes / votes.max())).max(axis=1)
            factor *= 1 - THEME_WEIGHT + THEME_WEIGHT * share
    out = [(i, s * f) for (i, s), f in zip(fused, factor)]
    return sorted(out, key=lambda x: (-x[1], x[0]))


def _length_prior(index: Index, fused: list[tuple[int, float]]) -> list[tuple[int, float]]:
    out = [(i, s * (1.0 if SHORT <= len(index.entries[i].text) <= LONG else 0.8)) for i, s in fused]
    return sorted(out, key=lambda x: (-x[1], x[0]))


def mmr(index: Index, fused: list[tuple[int, float]], k: int, lam: float = MMR_LAMBDA,
        pool: int = POOL) -> list[tuple[int, float]]:
    """Maximal marginal relevance over the best ``pool`` candidates; near-copies never both.

    MMR decides which ``k`` come back; they are returned best score first, so
    that the scores a user sees go down the list.
    """
    cands = fused[:max(pool, k)]
    grams = {i: char_bigrams(index.entries[i].text) for i, _ in cands}
    picked: list[tuple[int, float]] = []
    sims = {i: 0.0 for i, _ in cands}
    while cands and len(picked) < k:
        best = max(cands, key=lambda c: lam * c[1] - (1 - lam) * sims[c[0]])
        picked.append(best)
        cands = [c for c in cands if c[0] != best[0]]
        for c in cands:
            sims[c[0]] = max(sims[c[0]], jaccard(grams[c[0]], grams[best[0]]))
        cands = [c for c in cands if sims[c[0]] < NEAR_COPY]
    return sorted(picked, key=lambda c: (-c[1], c[0]))


def _suggestion(index: Index, i: int, score: float) -> Suggestion:
    e = index.entries[i]
    return Suggestion(e.text, round(float(score), 4), e.role, list(e.themes), e.source,
                      title=e.title, doc_type=e.doc_type, level=e.level, year=e.year, unit=e.unit,
                      file=e.file)
