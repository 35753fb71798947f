"""Silver section ablation over a folder of real documents (no gold needed).

For every document with top-level sections whose heading names a standard role
(二、保障措施, 三、主要目标, by the heading alias table), each such section is
deleted in turn (heading and body; the later top-level markers renumbered), and
the audit must report every role that a heading inside the deleted part named
and no heading elsewhere names (recall). On the intact documents, a role that a
heading names and the profile expects must not be reported missing (false-alarm
rate). Figures come per document type and per split: ``tuned`` documents are
the ones rules and thresholds may be chosen on, ``held_out`` documents (a fixed
hash of the file name) are never looked at while tuning.

    python -m plantext.audit.ablation_real ../shared/corpora/real
"""

from __future__ import annotations

import csv
import re
import hashlib
import pathlib
from collections import defaultdict
from typing import Any, Iterator

HELD_OUT_SHARE = 0.3   # share of documents in the held-out split


def split_of(name: str) -> str:
    """``"held_out"`` or ``"tuned"``, fixed by a hash of the document's file name."""
    h = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "held_out" if h < HELD_OUT_SHARE else "tuned"


def manifest(root) -> Iterator[tuple[str, str]]:
    """(file, doc_type) of the documents listed in ``root/MANIFEST.tsv``, else every .txt as other."""
    root = pathlib.Path(root)
    path = root / "MANIFEST.tsv"
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                yield row["file"], row.get("doc_type") or "other"
    else:
        for p in sorted(root.rglob("*.txt")):
            yield str(p.relative_to(root)), "other"


def _plan(text: str, doc_type: str, model: str | None, **kw):
    from ..defaults import pipeline_for

    return pipeline_for(model).parse(text, doc_type=doc_type, warn=False, **kw)


def _missing(text: str, doc_type: str, model: str | None) -> set[str]:
    from . import audit_plan

    plan = _plan(text, doc_type, model)
    return audit_plan(plan, profile=doc_type, suggest=False, generalise=False).missing_roles


def named_roles(section) -> set[str]:
    """Roles that headings in ``section`` (itself and below) name."""
    return {s.role for s in section.walk() if s.role_from == "heading" and s.role != "other"}


#: sentences that name a role in so many words: 今年主要预期目标是：…, 总体要求是：…, and the
#: opening 为……，制定本方案 that labels.md gives as the preamble itself
NAMING: list[tuple[str, re.Pattern[str]]] = [
    ("goal", re.compile(r"(预期目标|主要目标|工作目标|总体目标|发展目标|目标任务)(是|为)[:：]")),
    ("guiding", re.compile(r"(总体要求|指导思想|总体思路|工作思路)(是|为)[:：]")),
]
_PREAMBLE_NAMING = re.compile(r"(制定|制订)(本|此|以下|如下)|特制定|现制定")


def _cued(section) -> set[str]:
    """The role a top-level heading's words signal without naming it: a task heading that
    opens with a verb of the heading table (全面加强政府自身建设, 努力打造人民满意政府 →
    measure), or the words of the audit's heading cues. Such a section still holds that role
    when another is deleted."""
    from ..labels.heading_roles import _table
    from .role_cues import HEADING_CUES, _first

    if section.role_from == "heading":
        return set()
    title = section.title.strip()
    role = _first(HEADING_CUES, title)
    if role is None and _table(None).verb.match(title):
        role = "measure"
    return {role} if role else set()


def named_in_text(text: str, first_heading: int) -> set[str]:
    """Roles that a sentence of ``text`` names in so many words (see NAMING)."""
    out = {role for role, rx in NAMING if rx.search(text)}
    if _PREAMBLE_NAMING.search(text[:first_heading]):
        out.add("preamble")
    return out


def deletions(text: str, doc_type: str) -> tuple[set[str], list[dict[str, Any]]]:
    """The roles headings name in ``text``, and one deletion per top-level section that
    names an expected role no other heading names: ``{"roles", "heading", "text"}``."""
    from ..labels import profile_for

    expected = set(profile_for(doc_type).expected)
    plan = _plan(text, doc_type, "none", clean=False)
    tops = plan.sections
    named = [named_roles(s) for s in tops]
    signalled = [n | _cued(s) for n, s in zip(named, tops)]
    all_named = set().union(*named) if named else set()
    out = []
    for k, sec in enumerate(tops):
        elsewhere = set().union(*(n for j, n in enumerate(signalled) if j != k)) if len(tops) > 1 else set()
        cut = _cut(plan.text, tops, k)
        roles = (named[k] & expected) - elsewhere - named_in_text(cut, tops[0].heading_start)
        if not roles:
            continue
        out.append({"roles": sorted(roles), "heading": plan.text[sec.heading_start:sec.heading_end][:30],
                    "text": cut})
    return all_named & expected, out


def _cut(text: str, tops, k: int) -> str:
    """``text`` without top-level section ``k``; later top-level markers shifted back by one."""
    parts, pos = [text[:tops[k].heading_start]], tops[k].end
    for j in range(k + 1, len(tops)):
        old, prev, at = tops[j].marker, tops[j - 1].marker, tops[j].heading_start
        if old and prev and at >= pos and text.startswith(old, at):
            parts += [text[pos:at], prev]
            pos = at + len(old)
    return "".join(parts) + text[pos:]


def run_real_ablation(root, *, model: str | None = None, limit: int | None = None,
                      log=None) -> dict[str, Any]:
    """Recall and false-alarm rate per document type and split over ``root``'s documents."""
    root = pathlib.Path(root)
    cases, intact = [], []
    for n, (name, doc_type) in enumerate(manifest(root)):
        if limit is not None and n >= limit:
            break
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        split = split_of(name)
        named, dels = deletions(text, doc_type)
        if not named:
            continue
        missing = _missing(text, doc_type, model)
        intact.append({"doc": name, "doc_type": doc_type, "split": split, "named": sorted(named),
                       "false_missing": sorted(missing & named)})
        for d in dels:
            found = _missing(d["text"], doc_type, model)
            for role in d["roles"]:
                cases.append({"doc": name, "doc_type": doc_type, "split": split, "role": role,
                              "heading": d["heading"], "found": role in found})
        if log is not None:
            log(f"{name}\t{doc_type}\t{split}\t{len(dels)} deletions")
    return {"cases": cases, "intact": intact, "table": summarise(cases, intact)}


def summarise(cases: list[dict], intact: list[dict]) -> list[dict[str, Any]]:
    """One row per (split, doc type), and per split over all types."""
    groups: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: {"c": [], "i": []})
    for c in cases:
        for key in ((c["split"], c["doc_type"]), (c["split"], "all")):
            groups[key]["c"].append(c)
    for d in intact:
        for key in ((d["split"], d["doc_type"]), (d["split"], "all")):
            groups[key]["i"].append(d)
    rows = []
    for (split, doc_type), g in sorted(groups.items()):
        n_named = sum(len(d["named"]) for d in g["i"])
        n_false = sum(len(d["false_missing"]) for d in g["i"])
        rows.append({"split": split, "doc_type": doc_type, "docs": len(g["i"]),
                     "deletions": len(g["c"]),
                     "recall": sum(c["found"] for c in g["c"]) / len(g["c"]) if g["c"] else None,
                     "named": n_named, "false_alarms": n_false,
                     "false_alarm_rate": n_false / n_named if n_named else None})
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    """The summary rows as a Markdown table."""
    out = ["| split | doc type | documents | deletions | recall | heading-named roles | false alarms | rate |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        rec = "–" if r["recall"] is None else f"{r['recall']:.3f}"
        far = "–" if r["false_alarm_rate"] is None else f"{r['false_alarm_rate']:.3f}"
        out.append(f"| {r['split']} | {r['doc_type']} | {r['docs']} | {r['deletions']} | {rec} | "
                   f"{r['named']} | {r['false_alarms']} | {far} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - thin CLI
    import argparse
    import json
    import sys

    ap = argparse.ArgumentParser(description="Silver section ablation over real documents.")
    ap.add_argument("root", help="folder with MANIFEST.tsv (e.g. ../shared/corpora/real)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", default=None, help="write every case to this JSON file")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    log = (lambda m: print(m, file=sys.stderr, flush=True)) if args.verbose else None
    res = run_real_ablation(args.root, model=args.model, limit=args.limit, log=log)
    for c in res["cases"]:
        if not c["found"]:
            print(f"MISS [{c['split']}] {c['doc']}: {c['role']} ({c['heading']})")
    for d in res["intact"]:
        if d["false_missing"]:
            print(f"false missing [{d['split']}] {d['doc']}: {', '.join(d['false_missing'])}")
    print(format_table(res["table"]))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
