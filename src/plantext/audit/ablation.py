"""Section ablation: delete one standard top-level section, renumber, audit.

For each gold document and each top-level section whose role the profile
expects and which appears nowhere else in the document, the section
(heading and body) is deleted, the following top-level markers are
renumbered, and the audit must report the role in ``missing_roles``
(recall). On the intact documents no role present in the gold may be
reported missing (false-alarm rate). Backs ``plantext evaluate ablation``.
"""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from typing import Any, Iterator


@dataclass
class _Top:
    line: int
    marker: str
    role: str
    lines: range


@dataclass
class GoldPlan:
    """A single-plan gold document, with the standard roles it has."""

    path: pathlib.Path
    gold: dict
    doc_type: str
    text: str
    lines: list[str]
    roles: dict[int, str]      # line -> gold role
    expected: set[str]         # roles the profile expects
    present: set[str]          # of those, the roles the plan has


def gold_plans(gold_dir, root) -> Iterator[GoldPlan]:
    """The gold documents under ``gold_dir`` that hold one plan whose text is found under ``root``."""
    from ..labels import profile_for

    for path in sorted(pathlib.Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = pathlib.Path(root) / gold["file"]
        if gold.get("plans") or not doc.is_file():
            continue
        doc_type = gold.get("doc_type") or gold.get("meta", {}).get("doc_type", "other")
        text = doc.read_text(encoding="utf-8")
        roles = {p["line"]: p["role"] for p in gold["paragraphs"]}
        expected = set(profile_for(doc_type).expected)
        yield GoldPlan(path, gold, doc_type, text, text.split("\n"), roles, expected,
                       expected & set(roles.values()))


def run_ablation(gold_dir, root, *, model: str | None = None) -> dict[str, Any]:
    """Ablation recall and intact false-alarm rate over the gold files of ``gold_dir``.

    ``root`` is the folder the gold files' ``file`` paths are relative to.
    """
    cases, intact = [], []
    for g in gold_plans(gold_dir, root):
        path, gold, doc_type, text, lines, roles, expected, present = (
            g.path, g.gold, g.doc_type, g.text, g.lines, g.roles, g.expected, g.present)
        missing = _audit(text, doc_type, model)
        intact.append({"doc": path.stem, "present": sorted(present),
                       "false_missing": sorted(missing & present)})
        tops = _tops(gold, roles, len(lines))
        for k, top in enumerate(tops):
            elsewhere = {r for ln, r in roles.items() if ln not in top.lines}
            if top.role not in expected or top.role in elsewhere:
                continue
            cut = _delete(lines, tops, k)
            found = _audit(cut, doc_type, model)
            cases.append({"doc": path.stem, "role": top.role, "heading": lines[top.line].strip(),
                          "found": top.role in found})
    n_present = sum(len(d["present"]) for d in intact)
    n_false = sum(len(d["false_missing"]) for d in intact)
    return {
        "cases": cases, "intact": intact,
        "recall": sum(c["found"] for c in cases) / len(cases) if cases else None,
        "false_alarm_rate": n_false / n_present if n_present else None,
        "n_cases": len(cases), "n_docs": len(intact),
    }


def _audit(text: str, doc_type: str, model: str | None) -> set[str]:
    from ..defaults import pipeline_for
    from . import audit_plan

    plan = pipeline_for(model).parse(text, doc_type=doc_type, warn=False)
    return audit_plan(plan, profile=doc_type, suggest=False, generalise=False).missing_roles


def _tops(gold: dict, roles: dict[int, str], n_lines: int) -> list[_Top]:
    heads = [h for h in gold["headings"] if h["level"] == 1]
    content = sorted(ln for ln, r in roles.items() if r != "other")
    out = []
    for k, h in enumerate(heads):
        end = heads[k + 1]["line"] if k + 1 < len(heads) else (max(content) + 1 if content else n_lines)
        end = max(end, h["line"] + 1)
        out.append(_Top(h["line"], h["marker"], roles.get(h["line"], "other"), range(h["line"], end)))
    return out


def _delete(lines: list[str], tops: list[_Top], k: int) -> str:
    """The text without top-level section ``k``, later top-level markers shifted back by one."""
    gone = tops[k].lines
    new = list(lines)
    for j in range(len(tops) - 1, k, -1):
        line, old, prev = tops[j].line, tops[j].marker, tops[j - 1].marker
        if old and prev and old in new[line]:
            new[line] = new[line].replace(old, prev, 1)
    return "\n".join(l for i, l in enumerate(new) if i not in gone)


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - thin CLI
    import argparse

    ap = argparse.ArgumentParser(description="Section ablation of the audit.")
    ap.add_argument("gold_dir")
    ap.add_argument("root")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    res = run_ablation(args.gold_dir, args.root, model=args.model)
    for c in res["cases"]:
        print(("ok   " if c["found"] else "MISS ") + f"{c['doc']}: {c['role']} ({c['heading']})")
    for d in res["intact"]:
        if d["false_missing"]:
            print(f"false missing in {d['doc']}: {', '.join(d['false_missing'])}")
    print(f"recall {res['recall']:.3f} over {res['n_cases']} deletions; "
          f"false-alarm rate {res['false_alarm_rate']:.3f} over {res['n_docs']} intact plans")


if __name__ == "__main__":  # pragma: no cover
    main()
