"""The drafting corpus (corpora/drafting-v1): plans written to be draft sources, one tier and one subject each.

Codes, line numbers and originality are checked for it in test_team_corpus.py with
community-v1; here the properties it was written for (corpora/drafting-v1/README.md):
every plan speaks at its own administrative tier with figures of that tier's scale,
schedules are dated and in order, summaries end with problems and next steps, and
every tier × subject cell holds plans of two types.
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora" / "drafting-v1"
DOCS = sorted((CORPUS / "annotations").glob("*.json"))

#: the three tiers the corpus covers and the meta levels filed under each
TIERS = {"community": {"community", "village"}, "street": {"street", "township"},
         "county": {"county", "district"}}
#: the subjects drafts are asked for most, with the main themes a plan of that subject may carry
SUBJECTS = {"平安建设": {"security"}, "养老服务": {"elderly"}, "文明创建": {"civility", "volunteer"},
            "环境整治": {"environment"}, "就业社保": {"employment"}, "禁毒": {"security"},
            "安全生产": {"safety"}, "卫生健康": {"health"}}
#: further subjects with a plan per tier (not required per cell), and the tier's whole-year report
MORE_SUBJECTS = {"文化体育": {"culture"}, "社会救助": {"assistance"}, "法治建设": {"law"},
                 "综合": {"governance", "rural", "economy"}}
TYPES = {"work_plan", "implementation_plan", "work_points", "work_summary", "activity_plan",
         "gov_work_report", "opinion"}
MIN_PER_CELL = 2          # plans per tier × subject
#: the start of a phase: its first month (3月, 3月至5月 …) or quarter (二季度 → April)
START = re.compile(r"(\d{1,2})月|([一二三四])季度")
QUARTER = {"一": 1, "二": 4, "三": 7, "四": 10}


def phase_starts(lines: list[str], year: int) -> list[int]:
    """When each dated phase of a schedule starts (year × 12 + month), in the order written.

    A phase is a schedule line or a part of one between ；: a single-line schedule
    (3月前…；4月至6月…；…) holds several. A phase without a year is in the year
    last named (at first the plan's own).
    """
    out = []
    for line in lines:
        for part in re.split(r"[；;]", line):
            m = START.search(part)
            if m:
                y = re.search(r"(20\d\d)年\s*$", part[:m.start()])
                year = int(y.group(1)) if y else year
                out.append(year * 12 + (int(m.group(1)) if m.group(1) else QUARTER[m.group(2)]))
    return out


def _load(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, (ROOT / data["file"]).read_text(encoding="utf-8").split("\n")


def _tier(meta) -> str:
    return next(t for t, levels in TIERS.items() if meta["level"] in levels)


def _lines(data, lines, role):
    return [lines[p["line"]] for p in data["paragraphs"] if p["role"] == role]


def test_phase_starts_read_months_and_quarters_in_order():
    y = 2025 * 12
    assert phase_starts(["（一）部署（2025年3月）：制定方案。", "（二）实施（4月至10月）：6月底前完成改造。"],
                        2025) == [y + 3, y + 4]
    assert phase_starts(["一季度：摸底；三季度：招聘；二季度：培训"], 2025) == [y + 1, y + 7, y + 4]
    assert phase_starts(["（一）启动（2024年1月至12月）。", "（二）推进（2025年1月至12月）。"], 2024) == [y - 11, y + 1]


def test_corpus_is_there():
    assert len(DOCS) >= 60
    assert (CORPUS / "README.md").is_file() and (CORPUS / "MANIFEST.tsv").is_file()


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_plan_meta_names_one_tier_subject_and_type(path):
    data, lines = _load(path)
    meta = data["meta"]
    assert any(meta["level"] in levels for levels in TIERS.values()), meta["level"]
    subjects = {**SUBJECTS, **MORE_SUBJECTS}
    assert meta["subject"] in subjects and meta["main_theme"] in subjects[meta["subject"]]
    assert data["doc_type"] in TYPES
    assert str(meta["year"]) in lines[0] or str(meta["year"]) in "\n".join(lines)
    assert lines[0] == data["title"]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_every_line_speaks_at_the_plans_own_tier(path):
    """No sentence speaks as another tier (全镇 in a community plan, 各社区 in a county plan …)
    and no figure is beyond the tier's scale, by the checks the drafter applies to its sources."""
    from plantext.draft.coherence import fits_level, plan_level, scale_problems, voice_levels
    from plantext.draft.substitute import unit_level

    data, lines = _load(path)
    region = data["meta"]["region"]
    tier, word = plan_level(region), unit_level(region)
    assert tier == _tier(data["meta"]), (region, tier)
    wrong = [f"{voice_levels(lines[p['line']])} {lines[p['line']][:40]}" for p in data["paragraphs"]
             if p["role"] != "other" and not fits_level(lines[p["line"]], tier, word=word)]
    assert wrong == []
    big = [f.text for p in data["paragraphs"] for f in scale_problems(lines[p["line"]], tier)]
    assert big == []


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_schedule_is_dated_and_in_order(path):
    data, lines = _load(path)
    if data["doc_type"] in ("work_summary", "work_points", "gov_work_report") \
            or "schedule" in data.get("missing_roles", []):
        return          # a summary and a report look back; work points list points, as real ones do
    sched = _lines(data, lines, "schedule")
    assert sched, "a plan keeps its schedule unless it is marked missing"
    starts = phase_starts(sched, data["meta"]["year"])
    # an activity has its date; a plan at least two dated phases
    assert len(starts) >= (1 if data["doc_type"] == "activity_plan" else 2), "the schedule's phases are dated"
    assert starts == sorted(starts), f"phases out of order: {starts}"
    years = {int(y) for line in sched for y in re.findall(r"(20\d\d)年", line)}
    assert all(0 <= y - data["meta"]["year"] <= 3 for y in years), years   # from the plan's year on


@pytest.mark.parametrize("path", [p for p in DOCS if _load(p)[0]["doc_type"] == "work_summary"],
                         ids=lambda p: p.stem)
def test_summary_reviews_and_ends_with_problems_and_next_steps(path):
    data, lines = _load(path)
    heads = [h["title"] for h in data["headings"] if h["level"] == 1]
    assert _lines(data, lines, "review")
    problems = [i for i, t in enumerate(heads) if "问题" in t or "不足" in t]
    plans = [i for i, t in enumerate(heads) if "下一步" in t or "打算" in t or "工作安排" in t]
    assert problems and plans and problems[-1] < plans[-1]


def test_every_tier_and_subject_is_covered_by_several_types():
    cells: dict[tuple[str, str], list[str]] = {}
    types: dict[str, set[str]] = {}
    for path in DOCS:
        data, _ = _load(path)
        tier = _tier(data["meta"])
        cells.setdefault((tier, data["meta"]["subject"]), []).append(data["doc_type"])
        types.setdefault(tier, set()).add(data["doc_type"])
    thin = [f"{t}/{s}: {len(cells.get((t, s), []))}" for t in TIERS for s in SUBJECTS
            if len(cells.get((t, s), [])) < MIN_PER_CELL]
    assert thin == []
    assert all(len(set(v)) == len(v) for v in cells.values()), "two plans of a cell differ in type"
    assert all(len(v) >= 5 for v in types.values()), types
    more = {(t, s) for t, s in cells if s in MORE_SUBJECTS}
    assert more == {(t, s) for t in TIERS for s in MORE_SUBJECTS}, "one plan per tier of each further subject"
