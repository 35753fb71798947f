"""The audit report: findings most severe first, missing roles, and an explained score."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from typing import TYPE_CHECKING

from ..document import Finding, Plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

from .names import ROLE_ZH, SEVERITY_ORDER, SEVERITY_ZH  # noqa: F401  (re-exported)

FINDING_COLUMNS = ["plan_id", "code", "severity", "message", "start", "end", "source_start",
                   "source_end", "line", "role", "text", "suggestions"]

# group → (label, codes, points per finding by severity, cap)
SCORE_RULES: list[tuple[str, str, tuple[str, ...], dict[str, float], float]] = [
    ("missing-required", "缺少必备部分", ("missing-section",), {"error": 15}, 45),
    ("missing-recommended", "缺少建议部分", ("missing-section",), {"warning": 6}, 24),
    ("vague-goal", "目标不够具体", ("vague-goal",), {"warning": 4}, 12),
    ("placeholder", "未填写的占位符", ("placeholder",), {"error": 3}, 15),
    ("typo", "错别字", ("typo",), {"warning": 2}, 12),
    ("numbering", "编号问题", ("numbering-gap", "numbering-repeat", "numbering-order",
                               "orphan-level", "mixed-style"), {"warning": 2, "info": 1}, 8),
    ("duplicate", "重复语句", ("duplicate-sentence",), {"warning": 1}, 5),
    ("measures", "措施缺少责任主体或时限", ("no-owner", "no-deadline"), {"info": 1}, 4),
    ("untitled", "内容缺少小标题", ("untitled-section",), {"info": 1}, 3),
]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then in text order (findings without a span first)."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3),
                                           -1 if f.start is None else f.start, f.code))


def score_breakdown(findings: list[Finding]) -> tuple[float, list[dict[str, Any]]]:
    """100 minus capped deductions per group, and the rows that explain it."""
    rows, total = [], 0.0
    for key, label, codes, points, cap in SCORE_RULES:
        hits = [f for f in findings if f.code in codes and f.severity in points]
        if not hits:
            continue
        raw = sum(points[f.severity] for f in hits)
        lost = min(raw, cap)
        total += lost
        rows.append({"group": key, "label": label, "count": len(hits), "points": lost,
                     "rule": f"每项扣{'/'.join(str(v) for v in points.values())}分，最多扣{cap}分"})
    return max(0.0, 100.0 - total), rows


@dataclass(eq=False)
class AuditReport:
    """What :func:`plantext.audit` found in one plan."""

    plan: Plan
    findings: list[Finding]
    missing_roles: set[str]
    score: float
    profile: str = ""
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)    # the plan's, then the audit's own
    reports: list["AuditReport"] = field(default_factory=list)   # one per plan of a multi-plan page

    #: one row per role of the profile: role, heading, tier, present, source, evidence
    sections: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.warnings:
            self.warnings = list(self.plan.warnings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def explain(self) -> str:
        """The score and how it was reached, in plain Chinese."""
        if self.reports:
            each = "；".join(f"第{i}份{r.score:g}分" for i, r in enumerate(self.reports, 1))
            return (f"得分{self.score:g}（满分100），取这一页{len(self.reports)}份计划中最低的一份："
                    f"{each}。")
        parts = [f"{r['label']}{r['count']}项，扣{r['points']:g}分" for r in self.breakdown]
        return f"得分{self.score:g}（满分100）" + ("：" + "；".join(parts) + "。" if parts else "：未发现问题。")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the report."""
        return {
            "plan_id": self.plan.plan_id, "title": self.plan.title, "doc_type": self.plan.doc_type,
            "profile": self.profile, "source": self.plan.source, "score": round(self.score, 1),
            "score_breakdown": [dict(r) for r in self.breakdown], "explanation": self.explain(),
            "missing_roles": sorted(self.missing_roles), "themes": list(self.themes),
            "sections": [dict(r) for r in self.sections],
            "counts": self.counts(), "findings": [_finding_dict(f, self.plan) for f in self.findings],
            "warnings": list(self.warnings),
            **({"plans": [r.to_dict() for r in self.reports]} if self.reports else {}),
        }

    def to_frame(self) -> "pd.DataFrame":
        """One row per finding; columns :data:`FINDING_COLUMNS` (``suggestions``: their texts).

        ``text`` is the flagged passage of ``plan.text``; ``source_start``/``source_end``
        and ``line`` locate it in the text the user gave.
        """
        import pandas as pd

        rows = []
        for f in self.findings:
            d = _finding_dict(f, self.plan)
            d["plan_id"] = f.data.get("plan_id", self.plan.plan_id)
            d["suggestions"] = [s.text for s in f.suggestions]
            rows.append(d)
        extra = sorted({k for d in rows for k in d} - set(FINDING_COLUMNS) - {"data"})
        return pd.DataFrame(rows, columns=FINDING_COLUMNS + extra)

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)

    def to_html(self) -> str:
        """A standalone HTML page: summary on top, the plan text with findings in place."""
        from .html import render_html

        return render_html(self)

    def to_text(self) -> str:
        """The terminal report as plain text (no colours)."""
        from .text import render_text

        return render_text(self)

    def print(self, console=None) -> None:
        """Print the report with rich (colours when the terminal has them)."""
        from .text import print_report

        print_report(self, console)

    def to_docx(self, path, source=None) -> str:
        """Write a copy of the plan's .docx with a Word comment at each finding."""
        from .docx_report import write_docx

        return write_docx(self, path, source)

    def __repr__(self) -> str:
        c = self.counts()
        return (f"AuditReport({self.plan.plan_id!r}, score={self.score:g}, "
                f"missing={sorted(self.missing_roles)}, errors={c['error']}, "
                f"warnings={c['warning']}, info={c['info']})")


def _finding_dict(f: Finding, plan: Plan) -> dict[str, Any]:
    if f.start is not None and f.source_start is None:
        f.locate(plan)
    d = f.to_dict()
    if f.start is not None and f.end is not None:
        d["text"] = plan.text[f.start:f.end]
    return d
