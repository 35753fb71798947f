"""Coherence of drafts over a grid: document type × administrative level × theme set.

    python -m plantext.draft.grid_eval                       # draft the grid and check it
    python -m plantext.draft.grid_eval --dump drafts.json    # only draft (any plantext version)
    python -m plantext.draft.grid_eval --check drafts.json   # check drafts made earlier

Each draft is checked for what a reader notices first:

- ``level``: sentences that speak for another administrative tier than the
  plan's (各社区 in a community plan, 全县 in a township plan …);
- ``scale``: figures beyond what the plan's tier can hold;
- ``schedule``: a plan's schedule is not a dated sequence of phases in order;
- ``audit``: the draft does not audit clean (a missing section, or a finding
  above ``info`` that no deliberate 【待补充】 marker explains).

``--dump`` with an older plantext on ``PYTHONPATH`` and ``--check`` with this
one measure the same grid before and after a change.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from typing import Any

from .coherence import TIERS, plan_level, scale_problems, voice_levels

DOC_TYPES = ("work_plan", "implementation_plan", "work_points", "gov_work_report",
             "work_summary", "opinion")
UNITS = {"community": "青松社区", "street": "东湖街道", "county": "桃源县"}
THEME_SETS = (("civility", "volunteer"), ("security", "safety", "law"),
              ("elderly", "health", "assistance"), ("environment", "culture"))
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_PHASE_MONTHS = re.compile(r"(\d{4})年(\d{1,2})月(?:[至到—\-－~～]+(?:\d{4}年)?(\d{1,2})月)?")


def make_drafts(year: int = 2026) -> list[dict[str, Any]]:
    """Draft every cell of the grid with the installed plantext; text and schedule span kept."""
    from .new_plan import draft

    out = []
    for doc_type in DOC_TYPES:
        for tier, unit in UNITS.items():
            for themes in THEME_SETS:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    plan = draft(doc_type, list(themes), unit=unit, year=year)
                schedule = [plan.text[s.start:s.end] for s in plan.sections if s.role == "schedule"]
                out.append({"doc_type": doc_type, "tier": tier, "unit": unit,
                            "themes": list(themes), "year": year, "text": plan.text,
                            "schedule": schedule,
                            "markers": [(m["start"], m["end"]) for m in plan.meta.get("markers", [])]})
    return out


def check(row: dict[str, Any], *, audit: bool = True) -> dict[str, list[str]]:
    """The problems of one drafted plan, by check."""
    tier = plan_level(row["unit"])
    text = row["text"]
    problems: dict[str, list[str]] = {"level": [], "scale": [], "schedule": [], "audit": []}
    for m in _SENTENCE.finditer(text):
        sent = m.group(0).strip()
        other = voice_levels(sent) - {tier}
        if sent and other:
            problems["level"].append(f"{'/'.join(sorted(other))}: {sent[:50]}")
    problems["scale"] = [f.text for f in scale_problems(text, tier)]
    if row["doc_type"] in ("work_plan", "implementation_plan"):
        problems["schedule"] = schedule_problems(row["schedule"], row["year"])
    if audit:
        problems["audit"] = audit_problems(row)
    return problems


def schedule_problems(sections: list[str], year: int) -> list[str]:
    """A schedule that is missing, undated, outside the plan's year or out of order."""
    if not sections:
        return ["no schedule section"]
    dates = [(int(y), int(a), int(b or a)) for y, a, b in _PHASE_MONTHS.findall("\n".join(sections))]
    if len(dates) < 2:
        return ["fewer than two dated phases"]
    out = []
    if any(y != year for y, _, _ in dates):
        out.append("a phase outside the plan's year")
    starts = [a for _, a, _ in dates]
    if starts != sorted(starts) or any(a > b for _, a, b in dates):
        out.append("phases out of order")
    return out


def audit_problems(row: dict[str, Any]) -> list[str]:
    """Missing sections and findings above info not on a deliberate marker."""
    from ..audit import audit_plan
    from ..defaults import pipeline_for

    plan = pipeline_for(None).parse(row["text"], doc_type=row["doc_type"], clean=False, warn=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = audit_plan(plan, profile=row["doc_type"], suggest=False)
    spans = row.get("markers") or []
    out = [f"missing {r}" for r in sorted(report.missing_roles)]
    for f in report.findings:
        if f.severity == "info" or f.code == "missing-section":
            continue
        if f.start is not None and any(f.start < b and a < f.end for a, b in spans):
            continue
        out.append(f"{f.code}: {plan.text[f.start:f.end][:40] if f.start is not None else ''}")
    return out


def summarise(rows: list[dict[str, Any]], *, audit: bool = True) -> dict[str, Any]:
    checked = [dict(row, problems=check(row, audit=audit)) for row in rows]
    totals = {k: sum(len(r["problems"][k]) for r in checked) for k in ("level", "scale", "schedule",
                                                                        "audit")}
    drafts_with = {k: sum(bool(r["problems"][k]) for r in checked) for k in totals}
    return {"n": len(checked), "violations": totals, "drafts_with": drafts_with, "rows": checked}


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin CLI
    ap = argparse.ArgumentParser(description="Check drafts over type × level × themes.")
    ap.add_argument("--dump", help="only draft the grid and write it here")
    ap.add_argument("--check", help="check drafts written by --dump")
    ap.add_argument("--no-audit", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    rows = json.load(open(args.check, encoding="utf-8")) if args.check else make_drafts()
    if args.dump:
        json.dump(rows, open(args.dump, "w", encoding="utf-8"), ensure_ascii=False)
        print(f"wrote {len(rows)} drafts to {args.dump}")
        return 0
    res = summarise(rows, audit=not args.no_audit)
    for r in res["rows"]:
        bad = {k: v for k, v in r["problems"].items() if v}
        if bad and args.verbose:
            print(f"{r['doc_type']} {r['tier']} {'+'.join(r['themes'])}: "
                  + "; ".join(f"{k}: {v[:3]}" for k, v in bad.items()))
    print(f"{res['n']} drafts; violations {res['violations']}; drafts with any "
          f"{res['drafts_with']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
