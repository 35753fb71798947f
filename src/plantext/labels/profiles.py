"""Section profiles: which roles a document type requires, recommends or allows.

One JSON file per document type lives in ``data/profiles/<doc_type>.json``;
a user's own profile is a JSON file in the same format::

    {"doc_type": "implementation_plan", "required": ["guiding", "goal"],
     "recommended": ["schedule"], "optional": ["review"],
     "order": ["guiding", "goal", "schedule", "review"],
     "headings": {"guiding": "指导思想", "goal": "工作目标"}}

Only ``doc_type`` and ``required`` are needed: ``order`` defaults to the tiers'
roles in the standard order and ``headings`` to the standard display headings.
Three more keys are optional: ``not_expected`` (roles the genre does not have:
a 工作总结 has no 保障措施; the audit never asks for them), ``equivalents``
(role → roles whose section stands in for it in this genre: an activity plan's
活动主题 (guiding) does the work of its goal) and ``fields`` (labelled lines such
as 活动时间：… that the genre fills in rather than writes as sections);
``stand_ins`` (role → heading words whose section also does that role's work in
this genre: an activity plan's 注意事项 holds its safety arrangements);
``owner_per_item`` (default true) false where the genre's tasks are carried out
by its organiser as a whole (an activity plan), so that items are not asked
one by one who is responsible; ``hints`` (role → what such a section holds in
this genre, for the message of a missing section).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..document import ROLES
from ..errors import DataError, InputError, error
from .taxonomy import _NAME, _failer, _keys, _mapping, _text

DOC_TYPES = ("work_plan", "implementation_plan", "work_points", "gov_work_report",
             "work_summary", "opinion", "activity_plan", "other")
SECTION_ROLES = tuple(r for r in ROLES if r != "other")  # roles a profile can ask for
TIERS = ("required", "recommended", "optional")
ALIAS_FILE = "heading_aliases.json"
_PROFILE_KEYS = {"doc_type", "zh", "description", *TIERS, "not_expected", "order", "headings",
                 "equivalents", "fields", "owner_per_item", "hints",
                 "stand_ins"}


@dataclass(frozen=True)
class Profile:
    """The sections a document type is expected to have, and how to title them."""

    doc_type: str
    required: tuple[str, ...]
    recommended: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    headings: Mapping[str, str] = field(default_factory=dict, hash=False)
    zh: str = ""
    description: str = ""
    not_expected: tuple[str, ...] = ()
    equivalents: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    fields: tuple[str, ...] = ()
    owner_per_item: bool = True
    hints: Mapping[str, str] = field(default_factory=dict, hash=False)
    stand_ins: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    @property
    def expected(self) -> tuple[str, ...]:
        """Required and recommended roles: what an audit looks for."""
        return self.required + self.recommended

    def tier(self, role: str) -> str | None:
        """``"required"``, ``"recommended"``, ``"optional"`` or None for ``role``."""
        for name in TIERS + ("not_expected",):
            if role in getattr(self, name):
                return name
        return None

    def heading(self, role: str) -> str:
        """The standard heading to suggest for a section of ``role``."""
        return self.headings.get(role) or default_headings().get(role, role)


def data_json(filename: str) -> Any:
    """A decoded JSON file of ``plantext/data/profiles``."""
    resource = resources.files("plantext") / "data" / "profiles" / filename
    return json.loads(resource.read_text(encoding="utf-8"))


@cache
def default_headings() -> Mapping[str, str]:
    """Role → standard display heading, from the heading alias table."""
    roles = data_json(ALIAS_FILE)["roles"]
    return MappingProxyType({role: spec["display"] for role, spec in roles.items()})


def check_doc_type(doc_type: str) -> str:
    """``doc_type`` itself when it is a code of labels.md, else InputError E009."""
    if doc_type not in DOC_TYPES:
        raise error(InputError, "E009", what="document type", value=doc_type,
                    choices=", ".join(DOC_TYPES))
    return doc_type


@cache
def profile_for(doc_type: str) -> Profile:
    """The built-in profile of a document type of labels.md."""
    check_doc_type(doc_type)
    return parse_profile(data_json(f"{doc_type}.json"), path=f"<plantext>/{doc_type}.json")


def doc_type_by_name(value: str) -> str:
    """The document-type code whose Chinese name (the profiles' ``zh``) is ``value`` or holds it
    as a part of exactly one name (方案 is ambiguous once there are two 方案 types); else ``value``."""
    value = value.strip()
    if value in DOC_TYPES:
        return value
    names = {code: data_json(f"{code}.json").get("zh") or code for code in DOC_TYPES}
    exact = [c for c, zh in names.items() if zh == value]
    if len(exact) == 1:
        return exact[0]
    part = [c for c, zh in names.items() if value and value in zh]
    return part[0] if len(part) == 1 else value


def load_profile(name_or_path: str | Path | Profile) -> Profile:
    """A built-in profile by document type, or a user's own profile JSON file."""
    if isinstance(name_or_path, Profile):
        return name_or_path
    if isinstance(name_or_path, str) and not name_or_path.lower().endswith(".json") \
            and not Path(name_or_path).is_file() and not _NAME.match(name_or_path):
        code = doc_type_by_name(name_or_path)   # a Chinese name: 实施方案, 工作要点 …
        if code not in DOC_TYPES:
            raise error(DataError, "E009", what="profile", value=name_or_path,
                        choices=", ".join(DOC_TYPES))
        return profile_for(code)
    if isinstance(name_or_path, str) and _NAME.match(name_or_path):
        if name_or_path not in DOC_TYPES:
            raise error(DataError, "E009", what="profile", value=name_or_path,
                        choices=", ".join(DOC_TYPES))
        return profile_for(name_or_path)
    path = Path(name_or_path)
    if not path.is_file():
        raise error(DataError, "E006", path=path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(DataError, "E010", what="profile", path=path,
                    reason=f"not UTF-8 JSON ({exc})") from exc
    return parse_profile(raw, path=str(path))


def parse_profile(raw: Any, *, path: str = "<data>") -> Profile:
    """Check and convert a decoded profile document."""
    fail = _failer(path, "profile")
    obj = _mapping(raw, "the profile", fail)
    _keys(obj, _PROFILE_KEYS, {"doc_type", "required"}, "the profile", fail)
    tiers = {name: _roles(obj, name, fail) for name in TIERS}
    not_expected = _roles(obj, "not_expected", fail)
    seen: dict[str, str] = {}
    for name, roles in [*tiers.items(), ("not_expected", not_expected)]:
        for role in roles:
            if role in seen:
                raise fail(f"role '{role}' is in both '{seen[role]}' and '{name}'")
            seen[role] = name
    order = _order(obj, {r: t for r, t in seen.items() if t != "not_expected"}, fail)
    return Profile(_text(obj, "doc_type", "the profile", fail), tiers["required"],
                   tiers["recommended"], tiers["optional"], order, _headings(obj, fail),
                   _plain(obj, "zh", fail), _plain(obj, "description", fail), not_expected,
                   _equivalents(obj, fail), _fields(obj, fail), _flag(obj, "owner_per_item", fail),
                   _headings(obj, fail, "hints"), _stand_ins(obj, fail))


def _roles(obj: dict, key: str, fail) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise fail(f"'{key}' must be a list of role codes, not {type(value).__name__}")
    for role in value:
        if role not in SECTION_ROLES:
            raise fail(f"'{key}' holds {role!r}, not a section role "
                       f"({', '.join(SECTION_ROLES)})")
    if len(set(value)) != len(value):
        raise fail(f"'{key}' lists a role twice")
    return tuple(value)


def _order(obj: dict, tiers: dict[str, str], fail) -> tuple[str, ...]:
    if "order" not in obj:
        return tuple(r for r in SECTION_ROLES if r in tiers)
    order = _roles(obj, "order", fail)
    missing = [r for r in tiers if r not in order]
    if missing:
        raise fail(f"'order' lacks role(s) {', '.join(missing)} named in the tiers")
    return order


def _headings(obj: dict, fail, key: str = "headings") -> Mapping[str, str]:
    value = obj.get(key, {})
    if not isinstance(value, dict):
        raise fail(f"'{key}' must be an object role → text, not {type(value).__name__}")
    for role, title in value.items():
        if role not in SECTION_ROLES:
            raise fail(f"'{key}' has key {role!r}, not a section role")
        if not isinstance(title, str) or not title.strip():
            raise fail(f"'{key}' of '{role}' must be a non-empty string, not {title!r}")
    return MappingProxyType(dict(value))


def _equivalents(obj: dict, fail) -> Mapping[str, tuple[str, ...]]:
    value = obj.get("equivalents", {})
    if not isinstance(value, dict):
        raise fail(f"'equivalents' must be an object role → [roles], not {type(value).__name__}")
    out = {}
    for role, others in value.items():
        if role not in SECTION_ROLES:
            raise fail(f"'equivalents' has key {role!r}, not a section role")
        out[role] = _roles(value, role, fail)
        if role in out[role]:
            raise fail(f"'equivalents' of '{role}' lists the role itself")
    return MappingProxyType(out)


def _stand_ins(obj: dict, fail) -> Mapping[str, tuple[str, ...]]:
    value = obj.get("stand_ins", {})
    if not isinstance(value, dict):
        raise fail(f"'stand_ins' must be an object role → [heading words], not {type(value).__name__}")
    out = {}
    for role, words in value.items():
        if role not in SECTION_ROLES:
            raise fail(f"'stand_ins' has key {role!r}, not a section role")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise fail(f"'stand_ins' of '{role}' must be a list of heading words")
        out[role] = tuple(words)
    return MappingProxyType(out)


def _fields(obj: dict, fail) -> tuple[str, ...]:
    value = obj.get("fields", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail("'fields' must be a list of non-empty field names")
    return tuple(value)


def _flag(obj: dict, key: str, fail) -> bool:
    value = obj.get(key, True)
    if not isinstance(value, bool):
        raise fail(f"'{key}' must be true or false, not {value!r}")
    return value


def _plain(obj: dict, key: str, fail) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise fail(f"'{key}' must be a string, not {type(value).__name__}")
    return value
