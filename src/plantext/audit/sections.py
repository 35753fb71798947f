"""Section coverage: which roles the profile expects, which the plan has, and how.

A role is present when a section heading names it, or when segments carry it
without a heading (labelled by the model, by a rule, or read from their
wording by :mod:`.role_cues`); the second case gets an ``info`` finding that
suggests the standard heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Finding, Plan, Segment
from ..labels import Profile
from .role_cues import cue_role, strong_role, title_roles, undecided

MODEL_MIN_SCORE = 0.5
MIN_SEGMENTS = {"measure": 2}
#: what a missing section usually holds, for the message
HINTS = {
    "preamble": "制定的目的和依据",
    "review": "上一阶段的主要工作、成效和存在的问题",
    "guiding": "指导思想、总体要求和基本原则",
    "goal": "可量化的目标和完成时限",
    "measure": "具体任务和工作措施",
    "safeguard": "组织领导、经费保障、督促检查等",
    "schedule": "实施步骤和时间节点",
    "requirement": "对落实单位的工作要求",
    "assessment": "考核评估和奖惩办法",
}


@dataclass
class RoleEvidence:
    """How one role shows in the plan."""

    role: str
    titled: bool = False
    heading_cue: bool = False  # an untitled-role heading whose words signal the role
    segments: list[Segment] = field(default_factory=list)
    source: str = ""          # heading, model, rule, cue

    @property
    def present(self) -> bool:
        return self.titled or self.heading_cue or len(self.segments) >= MIN_SEGMENTS.get(self.role, 1)


def role_evidence(plan: Plan) -> dict[str, RoleEvidence]:
    """Evidence for every role found in ``plan``."""
    ev: dict[str, RoleEvidence] = {}

    def get(role: str) -> RoleEvidence:
        return ev.setdefault(role, RoleEvidence(role))

    for sec in plan.walk():
        if sec.role != "other" and sec.role_from in ("heading", "inherited"):
            e = get(sec.role)
            e.titled, e.source = True, "heading"
    for sec in plan.sections:
        for role in title_roles(sec.title):
            e = get(role)
            e.heading_cue, e.source = True, e.source or "heading"
    first_heading = min((s.heading_start for s in plan.sections), default=len(plan.text))
    for seg in plan.segments:
        for role, source in _content_roles(seg, plan, first_heading):
            e = get(role)
            if source == "cue" and seg.kind == "heading":
                e.heading_cue = True
            e.segments.append(seg)
            e.source = e.source or source
    return ev


def _content_roles(seg: Segment, plan: Plan, first_heading: int) -> list[tuple[str, str]]:
    """(role, source) pairs this segment is evidence for, without heading help."""
    out = []
    if seg.role_from == "model" and seg.role_score >= MODEL_MIN_SCORE:
        out.append((seg.role, "model"))
    elif seg.role_from == "rule":
        out.append((seg.role, "rule"))
    elif undecided(seg):
        out.append((cue_role(seg, plan, first_heading), "cue"))
    out.append((strong_role(seg), "cue"))
    seen: set[str] = set()
    return [(r, s) for r, s in out if r and r != "other" and not (r in seen or seen.add(r))]


def coverage(plan: Plan, profile: Profile) -> tuple[set[str], list[Finding]]:
    """Missing expected roles and the section findings (missing, untitled)."""
    ev = role_evidence(plan)
    missing = {r for r in profile.expected if not (r in ev and ev[r].present)}
    findings = [_missing(role, profile) for role in profile.order if role in missing]
    for role in profile.order:
        e = ev.get(role)
        if (e is None or not e.present or e.titled or e.heading_cue or not e.segments
                or role == "preamble" or not plan.sections):
            continue
        first = e.segments[0]
        heading = profile.heading(role)
        findings.append(Finding(
            "untitled-section", "info",
            f"这里写了{_zh(role, profile)}的内容，但没有标题：建议加上“{heading}”作为小标题。",
            first.start, first.end, role=role, data={"heading": heading}))
    return missing, findings


def _missing(role: str, profile: Profile) -> Finding:
    required = role in profile.required
    heading = profile.heading(role)
    hint = HINTS.get(role, "")
    msg = f"缺少“{heading}”部分：建议补充{hint}等内容。" if hint and not hint.endswith("等") \
        else f"缺少“{heading}”部分：建议补充{hint}内容。"
    return Finding("missing-section", "error" if required else "warning", msg, role=role,
                   data={"heading": heading, "tier": "required" if required else "recommended"})


def _zh(role: str, profile: Profile) -> str:
    return f"“{profile.heading(role)}”"
