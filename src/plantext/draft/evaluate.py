"""Measuring drafting: drafted plans audit clean, completion restores ablated sections.

1. A plan drafted for every document type and theme set must audit with no
   missing section and no finding above ``info`` other than the deliberate
   【待补充】 markers.
2. Each gold plan with one top-level section deleted and the later markers
   renumbered (the audit's section ablation, :mod:`plantext.audit.ablation`)
   is completed; the removed role must no longer be in the audit's
   ``missing_roles``. Intact gold plans should get nothing inserted.
3. With ``docx=True`` (``--docx``) every one of those plans is also written as a
   .docx (a paragraph per line) and completed in place: the completed .docx must
   read back as the completed text, exactly or word for word (where the typed
   indent of an inserted paragraph follows its neighbour, not the plan's usual one).
"""

from __future__ import annotations

import warnings
from typing import Any

THEME_SETS = (("civility", "volunteer"), ("security", "safety", "law"),
              ("elderly", "health", "assistance"))
DOC_TYPES = ("work_plan", "implementation_plan", "work_points", "gov_work_report",
             "work_summary", "opinion")


def evaluate_drafting(gold_dir, root, *, corpus: Any = None, unit: str = "青松社区",
                      year: int = 2025, k: int = 3, model: str | None = None,
                      docx: bool = False) -> dict[str, Any]:
    """The measures; ``root`` is the folder the gold files' ``file`` paths are relative to."""
    drafts = draft_checks(corpus=corpus, unit=unit, year=year, k=k, model=model)
    cases, intact = completion_checks(gold_dir, root, corpus=corpus, k=k, model=model,
                                      docx=docx)
    restored = sum(c["restored"] for c in cases)
    detected = [c for c in cases if c["detected"]]
    return {
        "drafts": drafts,
        "drafts_clean": sum(d["clean"] for d in drafts), "n_drafts": len(drafts),
        "cases": cases, "intact": intact,
        "restore_rate": restored / len(cases) if cases else None, "n_cases": len(cases),
        "restore_rate_detected": (sum(c["restored"] for c in detected) / len(detected)
                                  if detected else None), "n_detected": len(detected),
        "intact_with_insertions": [d for d in intact if d["inserted"]],
        "false_insertions": sum(len(d["false_inserted"]) for d in intact),
        "intact_required_insertions": sum(len(d["required_missing"]) for d in intact),
        "n_intact": len(intact),
        "docx": [r["docx"] for r in cases + intact if "docx" in r],
    }


def draft_checks(*, corpus: Any = None, unit: str = "青松社区", year: int = 2025, k: int = 3,
                 model: str | None = None) -> list[dict[str, Any]]:
    """One row per (document type, theme set): missing roles, findings above info, markers."""
    from ..audit import audit_plan
    from . import draft

    rows = []
    for doc_type in DOC_TYPES:
        for themes in THEME_SETS:
            plan = draft(doc_type, list(themes), unit=unit, year=year, corpus=corpus, k=k,
                         model=model)
            report = audit_plan(plan, profile=doc_type, suggest=False)
            spans = [(m["start"], m["end"]) for m in plan.meta["markers"]]
            serious = [f for f in report.findings if f.severity != "info"]
            other = [f for f in serious if not _on_marker(f, spans)]
            reported = [any(f.code == "placeholder" and f.start is not None and f.start < b
                            and a < f.end for f in report.findings) for a, b in spans]
            rows.append({
                "doc_type": doc_type, "themes": list(themes),
                "missing": sorted(report.missing_roles),
                "findings": [_brief(f, plan) for f in serious],
                "other_findings": [_brief(f, plan) for f in other],
                "info": [f.code for f in report.findings if f.severity == "info"],
                "markers": [m["text"] for m in plan.meta["markers"]],
                "markers_reported": sum(reported),
                "clean": not report.missing_roles and not other,
            })
    return rows


def completion_checks(gold_dir, root, *, corpus: Any = None, k: int = 3,
                      model: str | None = None, docx: bool = False
                      ) -> tuple[list[dict], list[dict]]:
    """Ablated gold plans completed (one row per deletion) and intact ones (one row per plan);
    with ``docx``, each row's ``docx`` says whether the plan completed as a .docx reads back
    as its completed text (``{"same", "same_words", "inserted"}``)."""
    import tempfile

    from ..audit.ablation import _delete, _tops, gold_plans
    from ..labels import profile_for

    cases, intact = [], []
    folder = tempfile.TemporaryDirectory() if docx else None
    for g in gold_plans(gold_dir, root):
        path, gold, doc_type, text, lines, roles, expected, present = (
            g.path, g.gold, g.doc_type, g.text, g.lines, g.roles, g.expected, g.present)
        res, after = _complete(text, doc_type, corpus, k, model)
        intact.append({"doc": path.stem, "inserted": [(i.role, i.heading) for i in res.inserted],
                       "present": sorted(present),
                       "false_inserted": sorted({i.role for i in res.inserted} & present),
                       "missing_before": sorted(res.missing_roles), "missing_after": sorted(after),
                       "required_missing": sorted(r for r in res.missing_roles
                                                  if r in profile_for(doc_type).required)})
        if folder is not None:
            intact[-1]["docx"] = _docx_check(text, doc_type, corpus, k, model, folder.name)
        tops = _tops(gold, roles, len(lines))
        for n, top in enumerate(tops):
            elsewhere = {r for ln, r in roles.items() if ln not in top.lines}
            if top.role not in expected or top.role in elsewhere:
                continue
            res, after = _complete(_delete(lines, tops, n), doc_type, corpus, k, model)
            cases.append({"doc": path.stem, "role": top.role, "heading": lines[top.line].strip(),
                          "detected": top.role in res.missing_roles,
                          "inserted": [(i.role, i.heading) for i in res.inserted],
                          "missing_after": sorted(after), "restored": top.role not in after
                          and top.role in {i.role for i in res.inserted}})
            if folder is not None:
                cases[-1]["docx"] = _docx_check(_delete(lines, tops, n), doc_type, corpus, k,
                                                model, folder.name)
    if folder is not None:
        folder.cleanup()
    return cases, intact


def _docx_check(text: str, doc_type: str, corpus: Any, k: int, model: str | None,
                folder: str) -> dict[str, Any]:
    """``text`` as a .docx completed in place: does it read back as the completed text?"""
    import pathlib
    import re

    import docx

    from ..io import read
    from .complete import complete

    src, out = pathlib.Path(folder) / "plan.docx", pathlib.Path(folder) / "completed.docx"
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(src))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = complete(str(src), profile=doc_type, corpus=corpus, k=k, model=model)
        res.to_docx(out)
    got, want = str(read(out)).strip("\n"), res.source_text.strip("\n")
    return {"same": got == want, "inserted": len(res.inserted),
            "same_words": re.sub(r"\s", "", got) == re.sub(r"\s", "", want)}


def _complete(text: str, doc_type: str, corpus: Any, k: int, model: str | None):
    from ..audit import audit_plan
    from ..defaults import pipeline_for
    from .complete import complete

    plan = pipeline_for(model).parse(text, doc_type=doc_type, warn=False)
    with warnings.catch_warnings():   # the evaluation reports figures, not each draft's notes
        warnings.simplefilter("ignore")
        res = complete(plan, profile=doc_type, corpus=corpus, k=k, model=model)
    after = audit_plan(res.plan, profile=doc_type, suggest=False, generalise=False).missing_roles
    return res, after


def _on_marker(finding, spans: list[tuple[int, int]]) -> bool:
    """A finding caused by a deliberate marker: on its span, or a goal left vague by it."""
    if finding.start is None:
        return False
    return any(finding.start < b and a < finding.end for a, b in spans)


def _brief(f, plan) -> dict[str, Any]:
    text = plan.text[f.start:f.end] if f.start is not None else ""
    return {"code": f.code, "severity": f.severity, "text": text[:60], "message": f.message}


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - thin CLI
    import argparse

    ap = argparse.ArgumentParser(description="Measure drafting and completion.")
    ap.add_argument("gold_dir")
    ap.add_argument("root")
    ap.add_argument("--model", default=None, help="role/theme model: sm (default), trf, none")
    ap.add_argument("--corpus", default=None, help="index or folder of plans (team corpus)")
    ap.add_argument("--docx", action="store_true",
                    help="also complete every plan as a .docx in place and read it back")
    args = ap.parse_args(argv)
    res = evaluate_drafting(args.gold_dir, args.root, corpus=args.corpus, model=args.model,
                            docx=args.docx)
    for d in res["drafts"]:
        flag = "ok   " if d["clean"] else "FAIL "
        print(f"{flag}{d['doc_type']} {'+'.join(d['themes'])}: missing {d['missing'] or '-'}, "
              f"markers {len(d['markers'])} (reported {d['markers_reported']}), "
              f"findings {[f['code'] for f in d['findings']] or '-'}, info {len(d['info'])}")
    for c in res["cases"]:
        print(("ok   " if c["restored"] else "MISS ") + f"{c['doc']}: {c['role']} ({c['heading']}) "
              f"inserted {c['inserted']}")
    for d in res["intact"]:
        if d["inserted"]:
            print(f"intact {d['doc']}: inserted {d['inserted']} (gold has {d['present']}; "
                  f"inserted although present: {d['false_inserted'] or '-'})")
    print(f"drafts clean {res['drafts_clean']}/{res['n_drafts']}; restored "
          f"{res['restore_rate']:.3f} of {res['n_cases']} deletions "
          f"({res['restore_rate_detected']:.3f} of the {res['n_detected']} the audit detects); "
          f"intact plans with insertions {len(res['intact_with_insertions'])}/{res['n_intact']}, "
          f"insertions of a role the gold has: {res['false_insertions']}, "
          f"insertions with tiers=('required',): {res['intact_required_insertions']}")
    if res["docx"]:
        rows = res["docx"]
        print(f".docx completed in place ({sum(r['inserted'] > 0 for r in rows)} of {len(rows)} "
              f"with insertions) reads back as the completed text: "
              f"{sum(r['same'] for r in rows)}/{len(rows)} exactly, "
              f"{sum(r['same_words'] for r in rows)}/{len(rows)} word for word")


if __name__ == "__main__":  # pragma: no cover
    main()
