"""Relevance of suggestions on the dev gold: role and theme precision@k per retrieval mode.

Every gold paragraph (plan content: not a bare heading, not role ``other``)
is a query. One index holds the team corpus and all gold documents, labelled
from their annotations; the query's own document is excluded at query time.
Precision is measured with no filter (retrieval alone), with the query's
role guessed as :func:`~plantext.suggest.api.suggest` does (from the text
alone, and from the text with the headings it sits under), and with the
query's gold role and first theme as filters. The role model that guesses is
trained per fold (:func:`~plantext.learn.train.folds_of`) without the
query's document, as in the classifiers' cross-validation.
"""

from __future__ import annotations

import hashlib
import logging
import pathlib
from collections import defaultdict
from typing import Any

import numpy as np

from .entries import Entry, annotated_entries, dedupe
from .filters import cjk_count
from .index import Index

log = logging.getLogger(__name__)

MODES = ("sparse", "dense", "hybrid")
GUESSES = ("text", "context")


def evaluate_relevance(gold_dir, root=None, modes=MODES, *, k: int = 5,
                       corpus: Any = None, guesses: tuple[str, ...] = GUESSES) -> dict[str, Any]:
    """Role and theme precision@``k`` of :func:`~plantext.suggest.rank.search` on gold paragraphs.

    ``guesses`` names the role-guess variants to measure besides plain
    retrieval: ``"text"`` (the query alone) and ``"context"`` (the query and
    its section headings); each needs role models trained per fold (a few
    minutes).

    Returns ``{"queries", "theme_queries", "index", "modes": {mode: {role_p, theme_p,
    role_p_<guess>, theme_p_<guess>, role_p_filtered, theme_p_filtered, role_p_by_role}},
    "guess_accuracy": {guess: share}, "unavailable": {mode: reason}}``.
    """
    from ..evaluate import load_gold
    from .api import get_index

    docs = load_gold(gold_dir, root)
    index, queries = _eval_index(get_index(corpus), docs)
    if guesses:
        _guess_roles(queries, docs, pathlib.Path(root) if root else pathlib.Path(gold_dir).parent,
                     guesses)
    out: dict[str, Any] = {"k": k, "queries": len(queries),
                           "theme_queries": sum(bool(q["themes"]) for q in queries),
                           "gold_documents": len(docs),
                           "index": {"entries": len(index), "documents": len(index.doc_index),
                                     "dense": index.dense is not None},
                           "modes": {}, "unavailable": {},
                           "guess_accuracy": {g: _mean([q["guess_" + g] is not None and
                                                        q["guess_" + g].role == q["role"]
                                                        for q in queries]) for g in guesses}}
    warm = False
    for mode in modes:
        reason = _unavailable(index, mode)
        if reason:
            out["unavailable"][mode] = reason
            continue
        if mode != "sparse" and not warm:
            _warm_queries(queries)
            warm = True
        out["modes"][mode] = _measure(index, queries, mode, k)
    return out


def _eval_index(team: Index, docs) -> tuple[Index, list[dict[str, Any]]]:
    """The team index plus every gold document's entries (cached), and the queries."""
    from .api import cache_dir
    from .index import is_index, load_index

    gold_entries: list[Entry] = []
    queries = []
    for doc in docs:
        gold_entries.extend(annotated_entries(doc.text, doc.data, doc.doc_id))
        queries.extend(_queries(doc))
    known = {e.text for e in team.entries}
    entries = team.entries + dedupe([e for e in gold_entries if e.text not in known])
    key = hashlib.sha256("\n".join(f"{e.doc_id}\t{e.role}\t{e.themes}\t{e.text}"
                                    for e in entries).encode("utf-8")).hexdigest()[:16]
    target = cache_dir() / f"eval-{key}"
    older = [load_index(p) for p in cache_dir().glob("eval-*") if p != target and is_index(p)]
    if is_index(target):
        index = load_index(target)
        if index.dense is not None or team.dense is None:
            return index, queries
    log.info("indexing %d entries (team corpus and gold) into %s", len(entries), target)
    index = Index.from_entries(entries, dense="auto" if team.dense is not None else False,
                               reuse=[team, *older])
    index.save(target)
    return index, queries


def _warm_queries(queries: list[dict[str, Any]]) -> None:
    """Embed all queries in batches once, so that each search finds its vector cached."""
    from .dense import load_encoder

    log.info("embedding %d queries", len(queries))
    load_encoder().encode([q["text"] for q in queries], kind="query")


def _guess_roles(queries: list[dict[str, Any]], docs, shared: pathlib.Path,
                 guesses: tuple[str, ...]) -> None:
    """``q["guess_text"]``/``q["guess_context"]``: the role guess of each query, by a fold model."""
    from ..learn.labeller import Labeller
    from ..learn.sm import RoleModelSM
    from ..learn.train import folds_of, gather, role_examples
    from .query_role import guess_role

    data = gather(shared)
    ids = [d.doc_id for d in docs]
    for fold in folds_of(docs, min(5, len(docs))):
        held = {ids[i] for i in fold}
        log.info("training the role model without %d gold documents", len(held))
        xs, ys = role_examples(data.team + [g for i, g in enumerate(docs) if i not in fold],
                               data.silver)
        labeller = Labeller("sm", RoleModelSM().fit(xs, ys))
        for q in queries:
            if q["doc_id"] not in held:
                continue
            for g in guesses:
                q["guess_" + g] = guess_role(q["text"], q["context"] if g == "context" else None,
                                             labeller=labeller, doc_type=q["doc_type"])
    for q in queries:
        for g in guesses:
            q.setdefault("guess_" + g, None)


def _context(doc) -> dict[int, list[str]]:
    """For every line, the titles of the headings above it (outermost first)."""
    heads = sorted(doc.data.get("headings", []), key=lambda h: h["line"])
    out, stack, j = {}, [], 0
    for line in range(len(doc.lines)):
        out[line] = [h["title"] for h in stack]
        while j < len(heads) and heads[j]["line"] <= line:
            h = heads[j]
            while stack and stack[-1]["level"] >= h["level"]:
                stack.pop()
            stack.append(h)
            j += 1
    return out


def _queries(doc) -> list[dict[str, Any]]:
    lines = doc.lines
    context = _context(doc)
    bare = {h["line"] for h in doc.data.get("headings", []) if not h.get("inline")}
    out = []
    for para in doc.data.get("paragraphs", []):
        line = para["line"]
        if line in bare or para.get("role") in (None, "other") or line >= len(lines):
            continue
        text = lines[line].strip()
        if cjk_count(text) < 8:
            continue
        themes = [t for t in para.get("themes") or [] if t != "none"]
        out.append({"doc_id": doc.doc_id, "line": line, "text": text, "role": para["role"],
                    "themes": themes, "context": context[line],
                    "doc_type": doc.data.get("doc_type")})
    return out


def _unavailable(index: Index, mode: str) -> str | None:
    from .rank import _dense_for
    from ..errors import DependencyError

    if mode == "sparse":
        return None
    try:
        _dense_for(index, mode)
    except DependencyError as exc:
        return str(exc)
    return None


def _measure(index: Index, queries: list[dict[str, Any]], mode: str, k: int) -> dict[str, Any]:
    from .rank import search

    role_hits, theme_hits = [], []
    f_role, f_theme = [], []
    guessed: dict[str, list[float]] = defaultdict(list)
    by_role: dict[str, list[float]] = defaultdict(list)
    for q in queries:
        hits = search(index, q["text"], k=k, mode=mode, exclude=[q["doc_id"]])
        p = sum(h.role == q["role"] for h in hits) / k
        role_hits.append(p)
        by_role[q["role"]].append(p)
        if q["themes"]:
            theme_hits.append(_theme_p(hits, q["themes"], k))
        for g in GUESSES:
            if "guess_" + g not in q:
                continue
            hits = search(index, q["text"], k=k, mode=mode, exclude=[q["doc_id"]],
                          guess=q["guess_" + g])
            guessed["role_p_" + g].append(sum(h.role == q["role"] for h in hits) / k)
            if q["themes"]:
                guessed["theme_p_" + g].append(_theme_p(hits, q["themes"], k))
        theme = q["themes"][0] if q["themes"] else None
        hits = search(index, q["text"], role=q["role"], theme=theme, k=k, mode=mode,
                      exclude=[q["doc_id"]])
        f_role.append(sum(h.role == q["role"] for h in hits) / k)
        if q["themes"]:
            f_theme.append(_theme_p(hits, q["themes"], k))
    return {"role_p": _mean(role_hits), "theme_p": _mean(theme_hits),
            **{key: _mean(v) for key, v in guessed.items()},
            "role_p_filtered": _mean(f_role), "theme_p_filtered": _mean(f_theme),
            "role_p_by_role": {r: round(_mean(v), 3) for r, v in sorted(by_role.items())},
            "queries_by_role": {r: len(v) for r, v in sorted(by_role.items())}}


def _theme_p(hits, themes: list[str], k: int) -> float:
    gold = set(themes)
    return sum(bool(gold & {t.split(".", 1)[0] for t in h.themes}) for h in hits) / k


def _mean(values: list[float]) -> float:
    return round(float(np.mean(values)), 4) if values else 0.0


def format_relevance(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate_relevance`'s result."""
    k = result["k"]
    guesses = [g for g in GUESSES if g in result.get("guess_accuracy", {})]
    rows = [f"queries: {result['queries']} (with themes: {result['theme_queries']}); index: "
            f"{result['index']['entries']} entries from {result['index']['documents']} documents"]
    rows += [f"role guessed from the {g}: right for {result['guess_accuracy'][g]:.3f} of the queries"
             for g in guesses]
    head = f"{'mode':8} {'role P@' + str(k):>10} {'theme P@' + str(k):>10} "
    head += "".join(f"{'role P (' + g + ')':>17} {'theme P (' + g + ')':>18} " for g in guesses)
    rows.append(head + f"{'role P (filt)':>14} {'theme P (filt)':>15}")
    for mode, m in result["modes"].items():
        row = f"{mode:8} {m['role_p']:>10.3f} {m['theme_p']:>10.3f} "
        row += "".join(f"{m['role_p_' + g]:>17.3f} {m['theme_p_' + g]:>18.3f} " for g in guesses)
        rows.append(row + f"{m['role_p_filtered']:>14.3f} {m['theme_p_filtered']:>15.3f}")
    for mode, reason in result["unavailable"].items():
        rows.append(f"{mode:8} unavailable: {reason}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - a convenience
    import argparse
    import json

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=pathlib.Path)
    ap.add_argument("--root", type=pathlib.Path)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--guesses", default=",".join(GUESSES), help="'' to skip the role guesses")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = evaluate_relevance(args.gold_dir, args.root, tuple(args.modes.split(",")),
                                guesses=tuple(g for g in args.guesses.split(",") if g))
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json
          else format_relevance(result))


if __name__ == "__main__":  # pragma: no cover
    main()
