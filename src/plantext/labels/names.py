"""Chinese names for codes, both ways: 保障措施 ↔ safeguard, 养老服务 ↔ elderly, 实施方案 ↔ implementation_plan.

Reports and tables show staff the Chinese names (codes stay in JSON and the
API); the command line accepts either. The names come from the data the
project ships: the taxonomy's theme and sub-theme names and keywords, the
heading alias table's section titles, the profiles' document-type names.

A value is resolved as a code first; then as a name, exactly; then as a part of
exactly one name (养老 → 养老服务, 方案 → 实施方案); for themes, then as a keyword or
a part of the keywords of exactly one theme (平安 → security). Anything else is
returned unchanged, so the caller's own check reports it with the choices.
"""

from __future__ import annotations

from functools import cache
from typing import Iterable, Mapping

ROLE_ZH = {"preamble": "前言", "review": "工作回顾", "guiding": "指导思想", "goal": "工作目标",
           "measure": "主要任务", "safeguard": "保障措施", "schedule": "时间安排",
           "requirement": "工作要求", "assessment": "考核评估", "other": "其他"}


@cache
def doc_type_names() -> Mapping[str, str]:
    """Document-type code → its Chinese name (from the built-in profiles)."""
    from .profiles import DOC_TYPES, data_json

    out = {}
    for code in DOC_TYPES:
        try:
            out[code] = data_json(f"{code}.json").get("zh") or code
        except (OSError, ValueError):
            out[code] = code
    return out


@cache
def theme_names() -> Mapping[str, str]:
    """Theme and sub-theme code → Chinese name, for the default taxonomy."""
    from .taxonomy import load_taxonomy

    tax = load_taxonomy()
    out = {}
    for code in tax.codes:
        out[code] = tax[code].zh
        for sub in tax[code].subcodes:
            out[sub.code] = sub.zh
    return out


def role_zh(code: str | None) -> str:
    """保障措施 for ``safeguard``; the value itself when it is no role code."""
    return ROLE_ZH.get(code or "", code or "")


def theme_zh(code: str | None) -> str:
    """养老服务 for ``elderly``; the value itself when it is no theme code."""
    if not code:
        return ""
    return theme_names().get(code, code)


def themes_zh(codes: Iterable[str], sep: str = "、") -> str:
    """Theme names joined for a table cell (``none`` and empty lists give "")."""
    return sep.join(theme_zh(c) for c in codes if c and c != "none")


def doc_type_zh(code: str | None) -> str:
    """实施方案 for ``implementation_plan``; the value itself when it is no type code."""
    return doc_type_names().get(code or "", code or "")


def named(code: str, zh: str) -> str:
    """``养老服务（elderly）``: a name with its code, for lists of choices."""
    return f"{zh}（{code}）" if zh and zh != code else code


def _resolve(value: str, names: Mapping[str, Iterable[str]]) -> str:
    value = value.strip()
    if value in names:
        return value
    exact = {code for code, zhs in names.items() if value in zhs}
    if len(exact) == 1:
        return exact.pop()
    part = {code for code, zhs in names.items() if value and any(value in zh for zh in zhs)}
    return part.pop() if len(part) == 1 else value


def theme_code(value: str, taxonomy=None) -> str:
    """A theme code for a code, a sub-code, a Chinese name (养老服务, 养老) or a keyword (平安)."""
    from .taxonomy import as_taxonomy, load_taxonomy

    tax = load_taxonomy() if taxonomy is None else as_taxonomy(taxonomy)
    value = value.strip()
    if value.split(".", 1)[0] in tax.codes:
        return value
    names = {c: [tax[c].zh, *(s.zh for s in tax[c].subcodes)] for c in tax.codes}
    code = _resolve(value, names)
    if code != value or not value:
        return code
    return _resolve(value, {c: list(tax[c].keywords) for c in tax.codes})


@cache
def _role_titles() -> Mapping[str, tuple[str, ...]]:
    from .profiles import ALIAS_FILE, data_json

    roles = data_json(ALIAS_FILE)["roles"]
    out = {}
    for code in ROLE_ZH:
        spec = roles.get(code, {})
        out[code] = tuple(dict.fromkeys([ROLE_ZH[code], spec.get("display", ""), *spec.get("titles", ()),
                                         *spec.get("exact_only", ())]))
    return out


def role_code(value: str) -> str:
    """A role code for a code or a section title (保障措施, 目标, 实施步骤)."""
    value = value.strip()
    if value in ROLE_ZH:
        return value
    titles = _role_titles()
    exact = {c for c, names in titles.items() if value in names}
    if len(exact) == 1:
        return exact.pop()
    return _resolve(value, {c: (ROLE_ZH[c],) for c in ROLE_ZH})


def doc_type_code(value: str) -> str:
    """A document-type code for a code or its Chinese name (工作计划, 实施方案, 要点 …)."""
    from .profiles import doc_type_by_name

    return doc_type_by_name(value)


def choices_zh(codes: Iterable[str]) -> str:
    """``工作计划（work_plan）、实施方案（implementation_plan）…`` for a list of known codes."""
    out = []
    for code in codes:
        zh = ROLE_ZH.get(code) or doc_type_names().get(code) or theme_names().get(code) or code
        out.append(named(code, zh))
    return "、".join(out)


from ..localize import register  # noqa: E402

register(doc_type_zh=doc_type_zh, choices_zh=choices_zh)   # for errors and document (no import back)
