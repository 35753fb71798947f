"""The task taxonomy: theme codes, names, keywords, sub-codes and a CAP crosswalk.

A taxonomy is data (``data/taxonomy/<name>.json``); :func:`load_taxonomy`
reads a built-in one by name or a user's own file in the same format and
checks it, naming exactly what is wrong.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..errors import DataError, PlanTextWarning, error

DEFAULT_TAXONOMY = "community-v1"
MIN_KEYWORDS = 15
NONE_CODE = "none"

# Comparative Agendas Project major topics (master codebook); 11 and 22 are unused.
CAP_TOPICS: Mapping[int, str] = MappingProxyType({
    1: "Macroeconomics", 2: "Civil Rights", 3: "Health", 4: "Agriculture", 5: "Labor",
    6: "Education", 7: "Environment", 8: "Energy", 9: "Immigration", 10: "Transportation",
    12: "Law and Crime", 13: "Social Welfare", 14: "Housing", 15: "Domestic Commerce",
    16: "Defense", 17: "Technology", 18: "Foreign Trade", 19: "International Affairs",
    20: "Government Operations", 21: "Public Lands", 23: "Culture",
})

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$(?<!\.json)")  # a built-in name, not a path
_TOP_KEYS = {"name", "version", "description", "themes"}
_THEME_KEYS = {"code", "zh", "en", "description", "keywords", "subcodes", "cap"}
_SUB_KEYS = {"code", "zh", "en", "keywords"}
_CAP_KEYS = {"code", "name"}


@dataclass(frozen=True)
class CapTopic:
    """A Comparative Agendas Project major topic."""

    code: int
    name: str


@dataclass(frozen=True)
class Subcode:
    """A finer theme below a top-level one, e.g. ``elderly.home_care``."""

    code: str
    zh: str
    en: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """One task theme: names, a description (``{"zh": …, "en": …}``), keywords."""

    code: str
    zh: str
    en: str
    description: Mapping[str, str] = field(default_factory=dict, hash=False)
    keywords: tuple[str, ...] = ()
    subcodes: tuple[Subcode, ...] = ()
    cap: tuple[CapTopic, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """A named, versioned set of themes, keyed by code in file order."""

    name: str
    version: str
    themes: Mapping[str, Theme] = field(hash=False)
    description: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        """Theme codes in file order, without ``none``."""
        return tuple(c for c in self.themes if c != NONE_CODE)

    def keyword_index(self) -> Mapping[str, tuple[str, ...]]:
        """Keyword → the theme codes it signals (sub-code keywords count for their theme)."""
        return self._keyword_index

    @cached_property
    def _keyword_index(self) -> Mapping[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for theme in self.themes.values():
            words = list(theme.keywords)
            for sub in theme.subcodes:
                words.extend(sub.keywords)
            for word in dict.fromkeys(words):
                index.setdefault(word, []).append(theme.code)
        return MappingProxyType({k: tuple(v) for k, v in index.items()})

    def __getitem__(self, code: str) -> Theme:
        return self.themes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.themes

    def __len__(self) -> int:
        return len(self.themes)


def available_taxonomies() -> list[str]:
    """Names of the taxonomies shipped with plantext."""
    folder = resources.files("plantext") / "data" / "taxonomy"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def load_taxonomy(name_or_path: str | Path = DEFAULT_TAXONOMY) -> Taxonomy:
    """Load a built-in taxonomy by name, or a user's own JSON file in the same format."""
    raw, where, builtin = _read(name_or_path)
    return parse_taxonomy(raw, path=where, strict=builtin)


def as_taxonomy(value: "Taxonomy | str | Path") -> "Taxonomy":
    """``value`` itself when it is a :class:`Taxonomy`, else :func:`load_taxonomy` of it."""
    return value if isinstance(value, Taxonomy) else load_taxonomy(value)


def parse_taxonomy(raw: Any, *, path: str = "<data>", strict: bool = False) -> Taxonomy:
    """Check and convert a decoded taxonomy document.

    ``strict`` turns "fewer than 15 keywords" from a warning into an error
    (built-in taxonomies are strict; a user's own file only warns).
    """
    fail = _failer(path)
    obj = _mapping(raw, "the document", fail)
    _keys(obj, _TOP_KEYS, {"name", "version", "themes"}, "the document", fail)
    name = _text(obj, "name", "the document", fail)
    version = _text(obj, "version", "the document", fail)
    themes_raw = obj["themes"]
    if not isinstance(themes_raw, list) or not themes_raw:
        raise fail("'themes' must be a non-empty list of theme objects")
    themes: dict[str, Theme] = {}
    for i, item in enumerate(themes_raw):
        theme = _theme(item, i, fail, strict, path)
        if theme.code in themes:
            raise fail(f"duplicate theme code '{theme.code}' (theme #{i + 1})")
        themes[theme.code] = theme
    description = obj.get("description", "")
    if not isinstance(description, str):
        raise fail("'description' of the document must be a string")
    return Taxonomy(name, version, MappingProxyType(themes), description)


def _read(name_or_path: str | Path) -> tuple[Any, str, bool]:
    """Decoded JSON, a printable location, and whether it is built in."""
    if isinstance(name_or_path, str) and _NAME.match(name_or_path):
        resource = resources.files("plantext") / "data" / "taxonomy" / f"{name_or_path}.json"
        if not resource.is_file():
            raise error(DataError, "E009", what="taxonomy", value=name_or_path,
                        choices=", ".join(available_taxonomies()))
        return json.loads(resource.read_text(encoding="utf-8")), str(resource), True
    path = Path(name_or_path)
    if not path.is_file():
        raise error(DataError, "E006", path=path)
    try:
        return json.loads(path.read_text(encoding="utf-8")), str(path), False
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(DataError, "E010", what="taxonomy", path=path,
                    reason=f"not UTF-8 JSON ({exc})") from exc


def _failer(path: str, what: str = "taxonomy"):
    """A function that builds the E010 error for ``reason`` in this file."""
    def fail(reason: str) -> DataError:
        return error(DataError, "E010", what=what, path=path, reason=reason)
    return fail


def _theme(item: Any, i: int, fail, strict: bool, path: str) -> Theme:
    where = f"theme #{i + 1}"
    obj = _mapping(item, where, fail)
    code = _text(obj, "code", where, fail)
    if not _CODE.match(code):
        raise fail(f"{where}: code '{code}' must be lower-case letters, digits and _")
    where = f"theme '{code}'"
    _keys(obj, _THEME_KEYS, {"code", "zh", "en", "keywords"}, where, fail)
    keywords = _words(obj, "keywords", where, fail)
    if code != NONE_CODE and len(keywords) < MIN_KEYWORDS:
        message = f"{where} has {len(keywords)} keywords, fewer than {MIN_KEYWORDS}"
        if strict:
            raise fail(message)
        warnings.warn(f"{path}: {message}", PlanTextWarning, stacklevel=4)
    subcodes = tuple(_subcode(s, code, j, fail)
                     for j, s in enumerate(_list(obj, "subcodes", where, fail)))
    if len({s.code for s in subcodes}) != len(subcodes):
        raise fail(f"{where} has duplicate sub-codes")
    cap = tuple(_cap(c, where, fail) for c in _list(obj, "cap", where, fail))
    return Theme(code, _text(obj, "zh", where, fail), _text(obj, "en", where, fail),
                 _description(obj.get("description", {}), where, fail), keywords, subcodes, cap)


def _subcode(item: Any, parent: str, j: int, fail) -> Subcode:
    where = f"sub-code #{j + 1} of theme '{parent}'"
    obj = _mapping(item, where, fail)
    _keys(obj, _SUB_KEYS, {"code", "zh", "en"}, where, fail)
    code = _text(obj, "code", where, fail)
    head, _, tail = code.partition(".")
    if head != parent or not _CODE.match(tail):
        raise fail(f"{where}: code '{code}' must look like '{parent}.some_name'")
    return Subcode(code, _text(obj, "zh", where, fail), _text(obj, "en", where, fail),
                   _words(obj, "keywords", where, fail) if "keywords" in obj else ())


def _cap(item: Any, where: str, fail) -> CapTopic:
    obj = _mapping(item, f"a 'cap' entry of {where}", fail)
    _keys(obj, _CAP_KEYS, {"code"}, f"a 'cap' entry of {where}", fail)
    code = obj["code"]
    if isinstance(code, bool) or not isinstance(code, int) or code not in CAP_TOPICS:
        raise fail(f"{where}: CAP code {code!r} is not a CAP major topic "
                   f"({', '.join(map(str, CAP_TOPICS))})")
    name = obj.get("name", CAP_TOPICS[code])
    if name != CAP_TOPICS[code]:
        raise fail(f"{where}: CAP topic {code} is '{CAP_TOPICS[code]}', not {name!r}")
    return CapTopic(code, name)


def _description(value: Any, where: str, fail) -> Mapping[str, str]:
    if isinstance(value, str):
        value = {"zh": value}
    if not isinstance(value, dict) or not all(
            k in ("zh", "en") and isinstance(v, str) for k, v in value.items()):
        raise fail(f"{where}: 'description' must be a string or {{\"zh\": …, \"en\": …}}")
    return MappingProxyType(dict(value))


def _mapping(value: Any, where: str, fail) -> dict:
    if not isinstance(value, dict):
        raise fail(f"{where} must be a JSON object, not {type(value).__name__}")
    return value


def _keys(obj: dict, allowed: set[str], required: set[str], where: str, fail) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise fail(f"{where} has unknown key(s) {', '.join(map(repr, unknown))}; "
                   f"allowed: {', '.join(sorted(allowed))}")
    missing = sorted(required - set(obj))
    if missing:
        raise fail(f"{where} lacks required field(s) {', '.join(map(repr, missing))}")


def _text(obj: dict, key: str, where: str, fail) -> str:
    value = obj[key]
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{where}: '{key}' must be a non-empty string, not {value!r}")
    return value


def _list(obj: dict, key: str, where: str, fail) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise fail(f"{where}: '{key}' must be a list, not {type(value).__name__}")
    return value


def _words(obj: dict, key: str, where: str, fail) -> tuple[str, ...]:
    value = _list(obj, key, where, fail)
    bad = [w for w in value if not isinstance(w, str) or not w.strip()]
    if bad:
        raise fail(f"{where}: '{key}' must hold non-empty strings; found {bad[0]!r}")
    dupes = sorted({w for w in value if value.count(w) > 1})
    if dupes:
        raise fail(f"{where}: duplicate keyword(s) {', '.join(dupes)}")
    return tuple(value)
