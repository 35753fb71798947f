"""Role labelling: headings first (labels.md rule 1), then a model for the rest.

A section whose title names a role (二、保障措施) gives that role to all it
holds; a theme-only heading (（三）繁荣社区文化) takes its parent's role.
Segments that no heading speaks for get ``other`` with a low score here and
are left for the classifier (``model="sm"`` or ``"trf"``) to decide.
"""

from __future__ import annotations

import re

from ..document import Plan, Section
from .closing import closing_roles
from .heading_roles import match_heading_role
from .scores import SURE_RULE, UNDECIDED_SCORE  # noqa: F401  (re-exported)
from .taxonomy import as_taxonomy

_CLOSING_CALL = re.compile(
    r"^\s*各位(?:代表|委员)[\s\S]*?让我们(?:更加|紧密|团结|携手|同心|凝心|勠力|踔厉|永葆|高举|一起|一道|共同|在)")
_PREAMBLE = re.compile(
    r"(制定本|特制定|现制定|制定如下|如下[：:]?$|计划如下|方案如下|要点如下|为(了)?(进一步|深入|全面|切实|认真|更好|加快|推动|确保|做好|贯彻|落实))")


def assign_heading_roles(plan: Plan) -> None:
    """Give sections and segments the role their nearest titled ancestor's heading names."""
    for sec in plan.sections:
        _section_roles(sec, None, plan.doc_type)
    first_heading = min((s.heading_start for s in plan.sections), default=len(plan.text))
    for seg in plan.segments:
        if seg.role_from in ("furniture", "rule"):
            continue
        sec = seg.section
        if sec is not None and sec.role_from in ("heading", "inherited"):
            seg.role, seg.role_score, seg.role_from = sec.role, sec.role_score, "heading"
        elif seg.start < first_heading and _PREAMBLE.search(seg.text):
            seg.role, seg.role_score, seg.role_from = "preamble", 0.7, "rule"
        else:
            seg.role, seg.role_score, seg.role_from = "other", UNDECIDED_SCORE, "none"
    _closing_calls(plan)
    closing_roles(plan)


def _closing_calls(plan: Plan) -> None:
    """A report's closing call to the deputies is `requirement`, whatever section holds it.

    各位代表！……让我们更加紧密地团结在……周围，…… closes a government work report
    (or one of its parts) and addresses the whole of it, not the section the outline
    happens to end with; the dev gold and the team corpus label it `requirement`.
    A review sentence that merely starts the same way (各位代表！一年来……让我们深刻
    体会到) does not match.
    """
    paragraphs: dict[int, list] = {}
    for seg in plan.segments:
        if seg.kind != "heading" and seg.role_from != "furniture":
            paragraphs.setdefault(seg.paragraph, []).append(seg)
    for segs in paragraphs.values():
        if _CLOSING_CALL.match(plan.text[segs[0].start:segs[-1].end]):
            for seg in segs:
                seg.role, seg.role_score, seg.role_from = "requirement", SURE_RULE, "rule"


def _section_roles(sec: Section, parent: Section | None, doc_type: str) -> None:
    hit = match_heading_role(sec.title, doc_type=doc_type)
    if hit is not None:
        sec.role, sec.role_score, sec.role_from = hit[0], float(hit[1]), "heading"
    elif parent is not None and parent.role_from in ("heading", "inherited"):
        sec.role, sec.role_score, sec.role_from = parent.role, parent.role_score, "inherited"
    else:
        sec.role, sec.role_score, sec.role_from = "other", UNDECIDED_SCORE, "none"
    for child in sec.children:
        _section_roles(child, sec, doc_type)


def label_plan(plan: Plan, *, model: str | None = None, taxonomy=None) -> Plan:
    """Label every segment's role and themes (headings first, then the model).

    ``model`` is ``"sm"`` (default), ``"trf"``, a model folder, or ``"none"``
    for heading rules only. ``taxonomy`` (a built-in name, a JSON file or a
    :class:`~plantext.labels.taxonomy.Taxonomy`) other than the one the theme
    model was trained on gives zero-shot themes from its names, descriptions
    and keywords (``plan.meta["themes_from"] == "zero-shot"``).
    """
    tax = None if taxonomy is None else as_taxonomy(taxonomy)
    if model == "none":
        label_roles(plan, None, taxonomy=tax, use_models=False)
        return plan
    from ..learn.registry import labeller_for

    clf, zero_shot = labeller_for(model, tax)
    units = label_roles(plan, clf, taxonomy=tax, zero_shot=zero_shot)
    label_themes(plan, clf, units)
    return plan


def label_roles(plan: Plan, labeller, *, taxonomy=None, zero_shot: bool = False,
                use_models: bool = True):
    """The roles stage: heading rules, then ``labeller``'s role model (None: no model trained).

    Returns the paragraph units the model read (None without a model), for
    :func:`label_themes` to reuse. ``use_models=False`` keeps heading rules only.
    """
    assign_heading_roles(plan)
    if taxonomy is not None:
        plan.meta["taxonomy"] = taxonomy.name
    if not use_models:
        return None
    if zero_shot:
        plan.meta["themes_from"] = "zero-shot"
    plan.model = labeller.name if labeller is not None else None
    if labeller is None:
        plan.warnings.append("未找到已训练的分类模型：角色只依据标题判断，主题未标注。"
                             " (No trained model found: roles come from headings only, no themes.)")
        return None
    from ..learn.units import plan_units

    units = plan_units(plan)
    if labeller.roles is not None:
        labeller.roles.label(plan, units)
        section_roles_from_text(plan)
    elif zero_shot:
        plan.warnings.append("未找到已训练的角色模型：角色只依据标题判断。"
                             " (No trained role model found: roles come from headings only.)")
    return units


def label_themes(plan: Plan, labeller, units=None) -> Plan:
    """The themes stage: ``labeller``'s theme model (or zero-shot themer) on the plan's units."""
    if labeller is None or labeller.themes is None:
        return plan
    if units is None:
        from ..learn.units import plan_units

        units = plan_units(plan)
    labeller.themes.label(plan, units)
    return plan


def section_roles_from_text(plan: Plan) -> None:
    """A section whose heading names no role, nor its ancestors', takes its text's role.

    That is the most common role of its sentences and items (its heading's role
    when it has none), over those the model decided; ``role_score`` is that
    role's share of them and ``role_from`` is ``"model"``. Sections whose role
    a heading gave keep it.
    """
    from collections import Counter

    for sec in plan.walk():
        if sec.role_from != "none":
            continue
        segs = [s for s in plan.segments_in(sec) if s.role_from != "furniture"]
        body = [s for s in segs if s.kind != "heading"] or segs
        counts = Counter(s.role for s in body if s.role != "other")
        if counts:
            role, n = counts.most_common(1)[0]
            sec.role, sec.role_score, sec.role_from = role, n / len(body), "model"
