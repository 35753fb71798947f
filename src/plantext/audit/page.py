"""The report of a page that holds several plans: one report per plan, gathered.

``pt.audit`` audits such a page plan by plan (as ``plantext audit`` does). The
page report keeps those reports in ``reports``, lists their findings with
offsets moved into the whole page's text (the text ``pt.parse`` gives the
page), and scores the page by its weakest plan.
"""

from __future__ import annotations

import dataclasses

from ..document import Finding, Plan
from .report import AuditReport, sort_findings


def page_report(page: Plan, parts: list[AuditReport]) -> AuditReport:
    """The report of ``page`` (parsed whole) from the reports of its plans."""
    findings = [f for r in parts for f in _moved(r)]
    missing = set().union(*(r.missing_roles for r in parts))
    worst = min(parts, key=lambda r: r.score)
    note = (f"这一页包含{len(parts)}份计划，已逐份审读（report.reports）。"
            f" (The page holds {len(parts)} plans, audited one by one: see report.reports.)")
    warnings = [w for w in page.warnings if "parse_many()" not in w] + [note]
    for r in parts:
        warnings += [w for w in r.warnings if w not in warnings]
    return AuditReport(page, sort_findings(findings), missing, worst.score, worst.profile,
                       list(worst.breakdown), list(worst.themes), warnings=warnings,
                       reports=list(parts))


def _moved(report: AuditReport) -> list[Finding]:
    """The findings of one plan, with offsets into the page text and the plan they belong to."""
    shift = report.plan.meta.get("page_start", 0)
    out = []
    for f in report.findings:
        data = dict(f.data, plan_id=report.plan.plan_id)
        if f.start is None:
            out.append(dataclasses.replace(f, data=data))
        else:
            out.append(dataclasses.replace(f, start=f.start + shift, end=f.end + shift, data=data))
    return out
