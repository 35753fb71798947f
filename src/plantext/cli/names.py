"""Chinese names on the command line: 养老, 养老服务 or elderly; 工作计划 or work_plan; 保障措施 or safeguard.

Staff type the names they know. Each option value is first taken as a code; else
as a Chinese name (the taxonomy's theme names, the standard section and document
type names), matched exactly, then as a part of exactly one name. Anything else
is passed on unchanged, so the library's own error lists the codes.
"""

from __future__ import annotations

DOC_TYPE_ZH = {"work_plan": "工作计划", "implementation_plan": "实施方案", "work_points": "工作要点",
               "gov_work_report": "政府工作报告", "work_summary": "工作总结", "opinion": "意见",
               "other": "其他"}


def _resolve(value: str, names: dict[str, str]) -> str:
    value = value.strip()
    if value in names:
        return value
    exact = [code for code, zh in names.items() if zh == value]
    if exact:
        return exact[0]
    part = [code for code, zh in names.items() if value and value in zh]
    return part[0] if len(part) == 1 else value


def theme_code(value: str) -> str:
    """A theme code for a code, a sub-code or a Chinese theme name (养老服务, 养老)."""
    from ..labels import load_taxonomy

    tax = load_taxonomy()
    if value.split(".", 1)[0] in tax.codes:
        return value
    return _resolve(value, {c: tax[c].zh for c in tax.codes})


def role_code(value: str) -> str:
    """A role code for a code or a standard section name (保障措施, 目标)."""
    from ..audit.report import ROLE_ZH

    return _resolve(value, dict(ROLE_ZH))


def doc_type_code(value: str) -> str:
    """A document-type code for a code or its Chinese name (工作计划, 实施方案 …)."""
    return _resolve(value, DOC_TYPE_ZH)
