"""Which section role a heading names: 指导思想 → guiding, 2023年工作回顾 → review.

The words live in ``data/profiles/heading_aliases.json``. A title is
normalised (marker, inline body, punctuation, quotes, brackets, years, five-year
periods and 的 dropped), then tried in turn:

1. the whole title is an alias → ``(role, 0.99)``;
2. the title lists section names and the first one is an alias (工作思路和主要目标,
   组织领导与经费保障) → ``(role, 0.8)``: the first role named wins;
3. a pattern of the table matches → ``(role, 0.9)``;
4. a short title's tail is an alias (加强组织领导, 智慧林业保障措施) → ``(role, 0.8)``.

A heading that names a theme but no role (繁荣社区文化) gives None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Mapping

from ..errors import DataError, error
from .profiles import ALIAS_FILE, check_doc_type, data_json

SCORE_EXACT, SCORE_PATTERN, SCORE_PARTIAL = 0.99, 0.9, 0.8
MAX_SHORT = 12   # a title (or first part) up to this long may name a role by its tail
MAX_PREFIX = 6   # characters allowed before the role words of such a tail
MIN_TAIL = 3     # aliases shorter than this never count as a tail
LOOSE_ROLES = frozenset({"measure", "safeguard", "assessment", "requirement"})  # 加强组织领导

_MARKER = re.compile(r"""^\s*(?:
    第[一二三四五六七八九十百零〇\d]+[章节部分篇条]
  | [(（][一二三四五六七八九十百零〇\d]{1,3}[)）]
  | [一二三四五六七八九十百零〇]{1,3}\s*[、.．,，]
  | \d{1,3}(?:[.．]\d{1,3})*\s*[、.．,，)）](?!\d)
  | \d{1,3}(?:[.．]\d{1,3})+(?=\s|[\u4e00-\u9fff])
  | \d{1,2}\s+(?=[\u4e00-\u9fff])
  | [①-⑳⑴-⒇⒈-⒛㈠-㈩]
  | [a-zA-Z]\s*[、.．)）]
  | [-•●◆■□▲△★☆※>*]
)\s*""", re.X)
_INLINE_END = re.compile(r"[。；;！!？?：:]")
_QUOTES = re.compile(r"[“”‘’\"'《》〈〉「」『』]")
_TRAILING = "。；;：:，,、.．!！?？… \t\u3000"
_SPACE = re.compile(r"\s+")
_PAREN = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")
_BRACKET = re.compile(r"[()\[\]【】〔〕]")
_PERIOD = re.compile(r"[一二三四五六七八九十]{2,3}五(?:规划)?(?:时期|期间|期)?")
_YEAR = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*(?:[-~～—–至到]\s*\d{2,4}\s*)?年度?"
                   r"|\d{4}\s*[-~～—–至到]\s*\d{2,4}")
_SEP = re.compile(r"[,，、;；:：/／·|\s]+")
_STRAY = re.compile(r"[!！?？。.…]")
_EDGE = "，和及与的并"
_CONNECTOR = re.compile(r"(?<=[^，])(?:以及|和|及|与|暨|并)(?![谐美平睦顺时])(?=[^，])")


@dataclass(frozen=True)
class _Table:
    """The compiled alias table for one document type."""

    exact: Mapping[str, str]                          # alias key → role
    tails: Mapping[str, str]                          # aliases that may end a longer title
    patterns: tuple[tuple[str, re.Pattern, bool], ...]  # role, regex, tried on the plain form
    verb: re.Pattern                                  # a verb opening the title


def match_heading_role(title: str, *, doc_type: str | None = None) -> tuple[str, float] | None:
    """``(role, score)`` for a heading title that names a role, else None.

    ``doc_type`` (a code of labels.md) lets a title mean different roles in
    different documents: 主要工作 is ``measure`` in a plan, ``review`` in a
    work summary.
    """
    if doc_type is not None:
        check_doc_type(doc_type)
    return _match(title, doc_type)


def normalize_heading(title: str) -> str:
    """The comparison key of a title: 一、2024年工作目标。 → 工作目标."""
    return _forms(title)[1]


@lru_cache(maxsize=65536)
def _match(title: str, doc_type: str | None) -> tuple[str, float] | None:
    plain, key, parts = _forms(title)
    if not key:
        return None
    table = _table(doc_type)
    role = table.exact.get(key)
    if role:
        return role, SCORE_EXACT
    role = _listed(table, parts)
    if role:
        return role, SCORE_PARTIAL
    role = _pattern(table, key, plain)
    if role:
        return role, SCORE_PATTERN
    role = _partial(table, key, parts)
    return (role, SCORE_PARTIAL) if role else None


@lru_cache(maxsize=65536)
def _forms(title: str) -> tuple[str, str, tuple[str, ...]]:
    """(plain, key, parts): plain keeps years and brackets; parts are the key's list items."""
    text = _strip_marker(title)
    text = _strip_marker(unicodedata.normalize("NFKC", text))
    cut = _INLINE_END.search(text)
    if cut and cut.start() > 0:
        text = text[:cut.start()]
    text = _QUOTES.sub("", text).strip(_TRAILING)
    plain = _SPACE.sub("", text)
    text = _BRACKET.sub("", _PAREN.sub("", _PAREN.sub("", text)))
    text = _YEAR.sub("", _PERIOD.sub("", text))
    text = _STRAY.sub("", _SEP.sub("，", text)).strip(_EDGE)
    parts = tuple(p.strip(_EDGE) for p in _CONNECTOR.sub("，", text).split("，"))
    return plain, text.replace("，", "").replace("的", ""), tuple(p for p in parts if p)


def _strip_marker(text: str) -> str:
    for _ in range(2):
        stripped = _MARKER.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return text


def _key(alias: str) -> str:
    return _forms(alias)[1]


def _pattern(table: _Table, key: str, plain: str) -> str | None:
    for role, regex, on_plain in table.patterns:
        if regex.search(plain if on_plain else key):
            return role
    return None


def _listed(table: _Table, parts: tuple[str, ...]) -> str | None:
    """The role named first in a list of section names: 工作回顾和主要目标 → review."""
    first = parts[0]
    if len(parts) < 2 or len(first) > MAX_SHORT:
        return None
    for cand in dict.fromkeys((first.rsplit("的", 1)[-1], first.replace("的", ""))):
        role = table.exact.get(cand)
        if role and (len(cand) >= MIN_TAIL or all(_noun(table, p) for p in parts[1:])):
            return role
    return _tail(table, first.replace("的", ""))


def _partial(table: _Table, key: str, parts: tuple[str, ...]) -> str | None:
    """A short title's tail, or a pattern on the first part of a longer one."""
    if len(parts) > 1 and len(parts[0]) <= MAX_SHORT:
        first = parts[0].replace("的", "")
        role = _pattern(table, first, first)
        if role:
            return role
    return _tail(table, key) if len(key) <= MAX_SHORT else None


def _noun(table: _Table, part: str) -> str | None:
    part = part.rsplit("的", 1)[-1]
    return table.exact.get(part) or _pattern(table, part, part) or _tail(table, part)


def _tail(table: _Table, key: str) -> str | None:
    """The role of an alias ending ``key`` after a short prefix (加强|组织领导)."""
    for i in range(1, min(MAX_PREFIX, len(key) - MIN_TAIL) + 1):
        role = table.tails.get(key[i:])
        if role:
            return role if role in LOOSE_ROLES or not table.verb.match(key) else None
    return None


@cache
def _spec() -> dict:
    return data_json(ALIAS_FILE)


@cache
def _table(doc_type: str | None) -> _Table:
    spec = _spec()
    exact: dict[str, str] = {}
    tails: dict[str, str] = {}
    for role, words in spec["roles"].items():
        for kind in ("titles", "exact_only"):
            for alias in words.get(kind, []):
                key = _key(alias)
                if exact.setdefault(key, role) != role:
                    raise _alias_error(f"'{alias}' names both '{exact[key]}' and '{role}'")
                if kind == "titles" and len(key) >= MIN_TAIL:
                    tails[key] = role
    for alias, role in spec.get("doc_type_titles", {}).get(doc_type, {}).items():
        exact[_key(alias)] = role
        if _key(alias) in tails:
            tails[_key(alias)] = role
    verbs = "(?:" + "|".join(sorted(spec["verbs"], key=len, reverse=True)) + ")"
    patterns = tuple(_compile(p, verbs) for p in spec["patterns"]
                     if doc_type in p.get("doc_types", [doc_type]))
    return _Table(exact, tails, patterns, re.compile(verbs))


def _compile(entry: dict, verbs: str) -> tuple[str, re.Pattern, bool]:
    try:
        regex = re.compile(entry["regex"].replace("{verbs}", verbs))
    except re.error as exc:
        raise _alias_error(f"pattern {entry['regex']!r} does not compile ({exc})") from exc
    return entry["role"], regex, entry.get("on", "key") == "plain"


def _alias_error(reason: str) -> DataError:
    return error(DataError, "E010", what="heading alias", path=f"<plantext>/{ALIAS_FILE}",
                 reason=reason)


def alias_table(doc_type: str | None = None) -> Mapping[str, str]:
    """Normalised heading alias → role, as the matcher sees it for ``doc_type``."""
    if doc_type is not None:
        check_doc_type(doc_type)
    return dict(_table(doc_type).exact)
