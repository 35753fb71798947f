"""Corpus analyses, each a function from a table to a DataFrame.

``frame`` is a segment table (:meth:`Corpus.to_frame`, or the parquet that
``plantext corpus build`` writes); ``docs`` a document table
(:meth:`Corpus.documents`).
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from ..labels.profiles import SECTION_ROLES
from .dedup import near_duplicates
from .terms import log_odds, term_matrix

__all__ = ["theme_prevalence", "section_coverage", "distinctive_terms", "theme_keywords",
           "near_duplicates", "log_odds", "as_list"]


def as_list(value: Any) -> list[str]:
    """Theme codes from a list, an array (parquet), a JSON list or an 'a|b' string (CSV)."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            return [str(v) for v in json.loads(value)]
        return [v for v in value.split("|") if v]
    return [str(v) for v in value]


def _by(by: str | Sequence[str] | None) -> list[str]:
    return [] if by is None else [by] if isinstance(by, str) else list(by)


def theme_prevalence(frame: pd.DataFrame, by: str | Sequence[str] | None = "year",
                     weight: str = "segments", normalize: bool = True, *,
                     exclude: Iterable[str] = ("none",)) -> pd.DataFrame:
    """How much of each group's text each theme carries.

    One row per (group, theme): the ``by`` columns, ``theme``, the weight
    (``segments``: segments tagged with the theme; ``chars``: their characters)
    and, with ``normalize``, ``share`` = weight / the group's total over all
    themes (shares sum to 1 in each group). A segment with two themes counts for
    both. Rows whose ``by`` value is missing are left out.
    """
    if weight not in ("segments", "chars"):
        raise ValueError(f"weight must be 'segments' or 'chars', not {weight!r}")
    cols = _by(by)
    for col in cols:
        _require_column(frame, col)
        if len(frame) and frame[col].isna().all():
            raise InputError(f"The column {col!r} has no value in any row: nothing to group by "
                             "(does the manifest fill it? year and doc_type usually are).")
    w = (frame["end"] - frame["start"]) if weight == "chars" and "end" in frame else (
        frame["text"].str.len() if weight == "chars" else 1)
    df = frame[cols].copy()
    df[weight] = w
    df["theme"] = [as_list(v) for v in frame["themes"]]
    df = df.explode("theme").dropna(subset=["theme"])
    df = df[~df["theme"].isin(set(exclude))]
    keys = cols + ["theme"]
    out = df.groupby(keys, dropna=True, sort=True)[weight].sum().reset_index()
    out[weight] = out[weight].astype("int64")
    if normalize:
        total = out.groupby(cols)[weight].transform("sum") if cols else out[weight].sum()
        out["share"] = out[weight] / total
    return out.sort_values(cols + [weight], ascending=[True] * len(cols) + [False],
                           kind="stable").reset_index(drop=True)


def section_coverage(docs: pd.DataFrame, by: str | Sequence[str] | None = ("doc_type",),
                     roles: Sequence[str] = SECTION_ROLES) -> pd.DataFrame:
    """Share of documents having each role, per group (documents that failed left out).

    One row per group (index: the ``by`` columns), one column per role (0–1), and
    ``n_docs``. ``docs`` is a document table; a segment table works too.
    """
    if f"has_{roles[0]}" not in docs.columns:
        docs = _docs_from_segments(docs, _by(by), roles)
    if "error" in docs.columns:
        docs = docs[docs["error"].isna()]
    cols = _by(by)
    has = docs[[f"has_{r}" for r in roles]].astype(float)
    has.columns = list(roles)
    if not cols:
        out = has.mean().to_frame().T
        out.index = pd.Index(["all"], name="group")
        out["n_docs"] = len(has)
        return out
    has[cols] = docs[cols]
    grouped = has.groupby(cols, dropna=True)
    out = grouped[list(roles)].mean()
    out["n_docs"] = grouped.size()
    return out


def _docs_from_segments(frame: pd.DataFrame, cols: list[str], roles: Sequence[str]) -> pd.DataFrame:
    g = frame.groupby("doc_id", sort=True)
    docs = g[cols].first() if cols else pd.DataFrame(index=g.size().index)
    present = g["role"].agg(set)
    for r in roles:
        docs[f"has_{r}"] = [r in s for s in present]
    return docs.reset_index()


def _texts(frame: pd.DataFrame, text_col: str) -> list[str]:
    return [t if isinstance(t, str) else "" for t in frame[text_col]]


def distinctive_terms(frame: pd.DataFrame, group_col: str, a: Any, b: Any = None, *,
                      prior: float = 500.0, top: int = 30, text_col: str = "text",
                      stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Words that set group ``a`` apart from group ``b`` (``b=None``: all other rows).

    Method: the weighted log-odds ratio with an informative Dirichlet prior of
    Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
    Evaluation for Identifying the Content of Political Conflict", *Political
    Analysis* 16(4): 372–403. The prior is the whole frame's word counts scaled to
    a total of ``prior`` (α0) pseudo-counts; words are jieba tokens without stop
    words (:data:`plantext.corpus.terms.STOPWORDS`).

    Returns the ``top`` words of each side: ``group`` (a or b), ``term``,
    ``count_a``, ``count_b``, ``log_odds`` (δ) and ``z`` (positive favours a);
    a's words by z descending, then b's by z ascending.
    """
    _require_column(frame, group_col)
    in_a = (frame[group_col] == a).to_numpy()
    in_b = (frame[group_col] == b).to_numpy() if b is not None else ~in_a
    for value, rows in ((a, in_a), (b if b is not None else f"not {a!r}", in_b)):
        if not rows.any():
            present = ", ".join(map(repr, pd.unique(frame[group_col].dropna())[:12]))
            raise InputError(f"No row of the frame has {group_col} == {value!r}: nothing to compare "
                             f"(values present: {present}).")
    matrix, terms = term_matrix(_texts(frame, text_col), stopwords)
    table = _odds_table(matrix, terms, in_a, in_b, prior)
    top_a = table[table["z"] > 0].head(top).assign(group=a)
    top_b = table[table["z"] < 0].iloc[::-1].head(top).assign(group="rest" if b is None else b)
    out = pd.concat([top_a, top_b], ignore_index=True)
    return out[["group", "term", "count_a", "count_b", "log_odds", "z"]]


def _require_column(frame: pd.DataFrame, col: str) -> None:
    if col not in frame.columns:
        raise InputError(f"No column {col!r} in the frame (columns: {list(frame.columns)}).")


def _odds_table(matrix, terms, in_a: np.ndarray, in_b: np.ndarray, prior: float) -> pd.DataFrame:
    counts_a = np.asarray(matrix[in_a].sum(axis=0)).ravel()
    counts_b = np.asarray(matrix[in_b].sum(axis=0)).ravel()
    background = np.asarray(matrix.sum(axis=0)).ravel()
    delta, z = log_odds(counts_a, counts_b, background, prior)
    table = pd.DataFrame({"term": terms, "count_a": counts_a, "count_b": counts_b,
                          "log_odds": delta, "z": z})
    table = table[(table["count_a"] + table["count_b"]) > 0]
    return table.sort_values(["z", "term"], ascending=[False, True], kind="stable")


def theme_keywords(frame: pd.DataFrame, top: int = 20, *, prior: float = 500.0,
                   text_col: str = "text", themes: Iterable[str] | None = None,
                   stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """The words most distinctive of each theme's segments against all others.

    Same method as :func:`distinctive_terms` (Monroe, Colaresi & Quinn 2008), one
    theme at a time. One row per (theme, term): ``theme``, ``rank`` (from 1),
    ``term``, ``count`` (in the theme's segments), ``count_rest``, ``log_odds``, ``z``.
    """
    tagged = [as_list(v) for v in frame["themes"]]
    wanted = sorted({t for ts in tagged for t in ts} - {"none"}) if themes is None else list(themes)
    matrix, terms = term_matrix(_texts(frame, text_col), stopwords)
    parts = []
    for theme in wanted:
        in_a = np.array([theme in ts for ts in tagged], dtype=bool)
        if not in_a.any():
            continue
        table = _odds_table(matrix, terms, in_a, ~in_a, prior)
        table = table[table["z"] > 0].head(top)
        parts.append(table.assign(theme=theme, rank=np.arange(1, len(table) + 1)))
    cols = ["theme", "rank", "term", "count", "count_rest", "log_odds", "z"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True).rename(columns={"count_a": "count",
                                                              "count_b": "count_rest"})
    return out[cols]
