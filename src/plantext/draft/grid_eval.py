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
  above ``info`` that no deliberate 【待补充】 marker explains);
- ``repeats``: pairs of sentences that say the same thing in other words
  (:func:`.fill.repeats`: e5 cosine and shared words, as the drafting filter uses);
- ``context``: sentences bound to their source's context (an epidemic in a
  plan not about health, 确诊患者 with no disease, a numbered edition, a quoted
  campaign name, a pointer to a list that is not there; :mod:`.context`);
- ``figures``: a report's goal figure that contradicts the review's figure for
  the same indicator (another unit, or lower; :mod:`.report_figures`).

Besides violations it reports ``plans_per_section``: how many source plans
the phrasings of a section with two or more of them come from (1: one voice).

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
from .context import context_bound

DOC_TYPES = ("work_plan", "implementation_plan", "work_points", "gov_work_report",
             "work_summary", "opinion")
UNITS = {"community": "青松社区", "street": "东湖街道", "county": "桃源县"}
THEME_SETS = (("civility", "volunteer"), ("security", "safety", "law"),
              ("elderly", "health", "assistance"), ("environment", "culture"))
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_HEADING = re.compile(r"^(?:#+\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^。]{0,24}$")
_TOP = re.compile(r"^(?:#+\s*)?[一二三四五六七八九十]+、")
_HEAD_ANY = re.compile(r"(?m)^(?:#+\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_ITEM = re.compile(r"^(?:\*\*)?(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]+[)）])\s*")
_MARK = re.compile(r"【待补充：[^】]*】")
_REVIEW_HEAD = re.compile(r"回顾|成效|总结")
_GOAL_HEAD = re.compile(r"目标")
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
                            "markers": [(m["start"], m["end"]) for m in plan.meta.get("markers", [])],
                            "provenance": [{"start": p["start"], "source": p["source"]}
                                           for p in plan.meta.get("provenance", [])]})
    return out


def check(row: dict[str, Any], *, audit: bool = True) -> dict[str, list[str]]:
    """The problems of one drafted plan, by check."""
    tier = plan_level(row["unit"])
    text = row["text"]
    problems: dict[str, list[str]] = {"level": [], "scale": [], "schedule": [], "audit": [],
                                      "context": [], "figures": []}
    for m in _SENTENCE.finditer(text):
        sent = m.group(0).strip()
        other = voice_levels(sent) - {tier}
        if sent and other:
            problems["level"].append(f"{'/'.join(sorted(other))}: {sent[:50]}")
        bound = context_bound(sent, row["themes"], row["year"])
        if sent and bound:
            problems["context"].append(f"{'; '.join(bound)}: {sent[:50]}")
    problems["scale"] = [f.text for f in scale_problems(text, tier)]
    problems["figures"] = figure_problems(text)
    if row["doc_type"] in ("work_plan", "implementation_plan"):
        problems["schedule"] = schedule_problems(row["schedule"], row["year"])
    if audit:
        problems["audit"] = audit_problems(row)
    return problems


def content_sentences(text: str) -> list[str]:
    """The drafted sentences of a plan: not its title, headings, template phases, markers or
    signature, nor the genre's opening written around a marker (为做好…，根据【待补充】…)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][1:-2]
    if lines and _MARK.search(lines[0]):
        lines = lines[1:]
    out = []
    for line in lines:
        if _HEADING.match(line) or "阶段（" in line:
            continue
        for m in _SENTENCE.finditer(_ITEM.sub("", line)):
            sent = _MARK.sub("", m.group(0)).strip()
            if len(sent) >= 10:
                out.append(sent)
    return out


def repeat_problems(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Per draft, its pairs of sentences that repeat each other in other words."""
    from ..suggest.tokens import char_bigrams, jaccard
    from .fill import repeats

    sents = [content_sentences(r["text"]) for r in rows]
    vectors = _encode([s for ss in sents for s in ss])
    out, pos = [], 0
    for ss in sents:
        grams = [char_bigrams(s) for s in ss]
        found = []
        for i in range(len(ss)):
            for j in range(i + 1, len(ss)):
                cos = float(vectors[pos + i] @ vectors[pos + j]) if vectors is not None else 0.0
                if repeats(cos, jaccard(grams[i], grams[j])):
                    found.append(f"{cos:.3f}: {ss[i][:30]} | {ss[j][:30]}")
        out.append(found)
        pos += len(ss)
    return out


def _encode(texts: list[str]):
    from ..suggest.dense import encode_passages, encoder_or_reason

    encoder, _ = encoder_or_reason()
    if encoder is None or not texts:
        return None
    return encode_passages(encoder, texts)


def figure_problems(text: str) -> list[str]:
    """Goal figures of a report that contradict its review's figures for the same indicator."""
    from .report_figures import conflicts, indicators

    review, goals = _section(text, _REVIEW_HEAD), _section(text, _GOAL_HEAD)
    if not review or not goals:
        return []
    found = indicators(review)
    return [f"{g.label} {g.value:g}{g.unit} < {r.label} {r.value:g}{r.unit}"
            if g.unit == r.unit else f"{g.label}: {g.unit} vs {r.unit}"
            for g, r in conflicts(goals, found)]


def _section(text: str, head: re.Pattern[str]) -> str:
    """The text of the top-level section whose heading matches ``head``."""
    lines, out, inside = text.splitlines(), [], False
    for line in lines:
        if _TOP.match(line.strip()):
            inside = bool(head.search(line))
            continue
        if inside:
            out.append(line)
    return "\n".join(out)


def plans_per_section(row: dict[str, Any]) -> list[int]:
    """For each (sub)section with two or more drafted phrasings, the number of source plans they
    come from (a section is what lies under one heading, 一、 or （一）)."""
    out = []
    by_section: dict[int, list[str]] = {}
    tops = [m.start() for m in _HEAD_ANY.finditer(row["text"])]
    for p in row.get("provenance") or []:
        section = sum(1 for t in tops if t <= p["start"])
        by_section.setdefault(section, []).append(p["source"].split("#", 1)[0])
    for docs in by_section.values():
        if len(docs) >= 2:
            out.append(len(set(docs)))
    return out


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
    for row, found in zip(checked, repeat_problems(rows)):
        row["problems"]["repeats"] = found
    kinds = ("level", "scale", "schedule", "audit", "repeats", "context", "figures")
    totals = {k: sum(len(r["problems"][k]) for r in checked) for k in kinds}
    drafts_with = {k: sum(bool(r["problems"][k]) for r in checked) for k in totals}
    plans = [n for r in checked for n in plans_per_section(r)]
    return {"n": len(checked), "violations": totals, "drafts_with": drafts_with, "rows": checked,
            "plans_per_section": round(sum(plans) / len(plans), 2) if plans else None}


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
          f"{res['drafts_with']}; source plans per section {res['plans_per_section']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
