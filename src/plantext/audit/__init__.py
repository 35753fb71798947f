"""Audit a draft plan: missing sections, weak goals and measures, placeholders, typos, numbering.

>>> import plantext as pt
>>> report = pt.audit("draft.docx")            # doctest: +SKIP
>>> report.missing_roles, report.score         # doctest: +SKIP
>>> report.to_html()                           # doctest: +SKIP

Each check is a small module that reads the :class:`~plantext.Plan` and
returns :class:`~plantext.Finding` objects anchored in ``plan.text``.
"""

from __future__ import annotations

from typing import Any

from ..document import Finding, Plan
from .report import AuditReport, score_breakdown, sort_findings

__all__ = ["AuditReport", "audit", "audit_plan"]


def audit(source_or_plan: Any, *, profile: Any = None, model: str | None = None,
          corpus: Any = None, suggest: bool = True, generalise: bool = True,
          nlp: Any = None) -> AuditReport:
    """Audit a plan (a :class:`Plan`, text, or a path) against its section profile.

    ``profile`` is a document-type code, a profile JSON path or a
    :class:`~plantext.labels.Profile` (default: the plan's detected type).
    ``corpus`` is where phrasing suggestions come from (default: the team
    corpus). ``suggest=False`` skips suggestions; ``generalise=False`` keeps
    the typo check to the confusion set.

    A page that holds several plans (计划(一)、计划(二)…) is audited plan by
    plan, as ``plantext audit`` does: the report's ``reports`` holds one
    report per plan, and the page report gathers their findings (offsets
    into the whole page's ``plan.text``) with the lowest plan score. What
    went wrong on the way (no trained model, no suggestion corpus …) is in
    ``report.warnings`` and is also issued as a :class:`~plantext.PlanTextWarning`.
    ``nlp`` is the :class:`~plantext.Pipeline` that parses a source (default:
    the default pipeline of ``model``).
    """
    kw = dict(profile=profile, corpus=corpus, suggest=suggest, generalise=generalise)
    if isinstance(source_or_plan, Plan):
        return audit_plan(source_or_plan, **kw)
    if nlp is None:
        from ..defaults import pipeline_for

        nlp = pipeline_for(model)
    plan = nlp.parse(source_or_plan, warn=False)
    if plan.meta.get("page_plans", 1) < 2:
        report = audit_plan(plan, _warn=False, **kw)
    else:
        from .page import page_report

        parts = nlp.parse_many(source_or_plan, warn=False)
        report = page_report(plan, [audit_plan(p, _warn=False, **kw) for p in parts])
    _emit_warnings(report.warnings)
    return report


def audit_plan(plan: Plan, *, profile: Any = None, corpus: Any = None, suggest: bool = True,
               generalise: bool = True, _warn: bool = True) -> AuditReport:
    """Run every check on a parsed plan.

    ``report.warnings`` carries the plan's warnings and the audit's own (such
    as suggestions that could not be served); the audit's own are also issued
    as :class:`~plantext.PlanTextWarning`.
    """
    from ..labels import load_profile, profile_for
    from .duplicates import duplicate_findings
    from .goals import goal_findings, measure_findings
    from .numbering import numbering_findings
    from .placeholders import placeholder_findings
    from .sections import coverage
    from .suggestions import main_themes, suggestions_for
    from .typos import typo_findings

    prof = profile_for(plan.doc_type) if profile is None else load_profile(profile)
    missing, findings, sections = coverage(plan, prof)
    if plan.doc_type == "other" and profile is None:
        findings.append(Finding("doc-type-unknown", "info",
                                "没有识别出文种（计划、方案、要点、总结等）：已按一般工作计划的结构检查。"
                                "文件标题写明文种后，检查会更准确。", role=None))
    findings += removed_line_findings(plan)
    themes = main_themes(plan)
    notes: list[str] = []
    if suggest:
        problems: list[str] = []
        for f in findings:
            if f.code == "missing-section":
                f.suggestions = suggestions_for(f.role, themes, corpus=corpus, k=3, problems=problems,
                                                topic=_topic(plan))
        notes += [f"无法提供补写建议：{p} (No phrasing suggestions: {p})" for p in dict.fromkeys(problems)]
    measures = measure_findings(plan, per_item=prof.owner_per_item,
                                one_event=prof.doc_type == "activity_plan")
    if "schedule" in missing:   # the missing 时间安排 already says it: no second note on dates
        measures = [f for f in measures if not (f.code == "no-deadline" and f.data.get("scope") == "plan")]
    event = prof.doc_type == "activity_plan"   # an event's 活动目的 states what it serves, not a target
    findings += ([] if event else goal_findings(plan)) + measures + duplicate_findings(plan)
    placeholders = placeholder_findings(plan.text)
    findings += placeholders
    vocab = frozenset(_names(plan))
    typos = [t for t in typo_findings(plan.text, generalise=generalise, vocabulary=vocab)
             if not _overlaps(t, placeholders)]
    findings += typos + numbering_findings(plan)
    findings = sort_findings([f.locate(plan) for f in findings])
    score, rows = score_breakdown(findings)
    report = AuditReport(plan, findings, missing, score, prof.doc_type, rows, themes,
                         sections=sections, warnings=list(plan.warnings) + notes)
    if _warn:
        _emit_warnings(notes)
    return report


def removed_line_findings(plan: Plan) -> list[Finding]:
    """One note listing the lines cleaning took for page furniture and removed (来源：…,
    时间：2023-05-06 …): they are not checked, and staff should see what went."""
    lines = [r.text.strip() for r in plan.removals
             if r.reason.startswith("page furniture") and r.text.strip()]
    if not lines:
        return []
    shown = "、".join(f"“{t[:20]}”" for t in lines[:3]) + ("等" if len(lines) > 3 else "")
    return [Finding("removed-lines", "info",
                    f"整理文本时删去了{len(lines)}行网页附带内容（{shown}），这些行没有参加检查；"
                    "如其中有正文，请核对原文。", data={"lines": lines})]


def _topic(plan: Plan) -> str | None:
    """What the plan is about, as a retrieval query: its title, else its first line."""
    if plan.title:
        return plan.title
    first = plan.text.strip().split("\n", 1)[0]
    return first[:60] or None


def _emit_warnings(notes: list[str]) -> None:
    from ..errors import warn

    for note in notes:
        warn(note)


def _overlaps(f: Finding, others: list[Finding]) -> bool:
    return any(o.start < f.end and f.start < o.end for o in others)


def _names(plan: Plan) -> list[str]:
    """Words of the title and meta (place and unit names) the typo check must leave alone."""
    words = [plan.title or ""]
    words += [str(v) for k, v in plan.meta.items() if k in ("region", "unit", "page_title")]
    return [w for w in words if w]


from .._callable import make_callable  # noqa: E402

make_callable(__name__, "audit")   # pt.audit(...) calls audit(); plantext.audit.typos still imports
