"""Numbering findings: the outline's gaps, repeats, order errors, orphans and mixed styles."""

from __future__ import annotations

from ..document import Finding, Plan

SEVERITY = {"numbering-gap": "warning", "numbering-repeat": "warning", "numbering-order": "warning",
            "orphan-level": "info", "mixed-style": "info"}
_ZH = {"numbering-gap": "编号跳号", "numbering-repeat": "编号重复", "numbering-order": "编号顺序错误",
       "orphan-level": "层级孤立", "mixed-style": "编号格式不统一"}


def numbering_findings(plan: Plan) -> list[Finding]:
    """One finding per :class:`~plantext.document.NumberingIssue` of the plan."""
    out = []
    for issue in plan.numbering_issues:
        label = _ZH.get(issue.code, "编号问题")
        if issue.message and any("\u4e00" <= c <= "\u9fff" for c in issue.message):
            msg = issue.message
        elif issue.expected and issue.found:
            msg = f"{label}：此处应为“{issue.expected}”，实际为“{issue.found}”。"
        else:
            msg = f"{label}。"
        out.append(Finding(issue.code, SEVERITY.get(issue.code, "warning"), msg,
                           issue.start, issue.end,
                           data={"expected": issue.expected, "found": issue.found,
                                 "detail": issue.message}))
    return out
