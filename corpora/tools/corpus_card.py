"""Coverage of a team corpus: counts by doc type, level, theme and role.

    python corpora/tools/corpus_card.py [--corpus drafting-v1] [--write]

Prints the tables of the corpus card (Markdown); ``--write`` replaces the
block between the COVERAGE markers in corpora/README.md (community-v1) or in
the corpus's own README.md (any other ``--corpus``). A corpus whose ``meta``
names a ``subject`` (drafting-v1) also gets a tier × subject × type table.
"""

from __future__ import annotations

import collections
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parents[1]
ANN = HERE / "community-v1" / "annotations"
TIER_OF = {"community": "社区/村", "village": "社区/村", "street": "街道/乡镇", "township": "街道/乡镇",
           "county": "县/区", "district": "县/区"}
TYPE_ZH = {"work_plan": "工作计划", "implementation_plan": "实施方案", "work_points": "工作要点",
           "work_summary": "工作总结", "activity_plan": "活动方案", "gov_work_report": "工作报告",
           "opinion": "意见"}
ROLES = ["preamble", "review", "guiding", "goal", "measure", "safeguard", "schedule", "requirement",
         "assessment", "other"]


def load(ann: pathlib.Path = ANN) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ann.glob("*.json"))]


def subject_grid(docs: list[dict]) -> str:
    """Markdown table: one row per subject, one column per tier, cells list the document types."""
    tiers = list(dict.fromkeys(TIER_OF.values()))
    known = ["平安建设", "养老服务", "文明创建", "环境整治", "就业社保", "禁毒", "安全生产", "卫生健康",
             "文化体育", "社会救助", "法治建设", "综合"]
    seen = {d["meta"]["subject"] for d in docs}
    subjects = [s for s in known if s in seen] + sorted(seen - set(known))
    cell: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for d in sorted(docs, key=lambda d: d["file"]):
        cell[(d["meta"]["subject"], TIER_OF[d["meta"]["level"]])].append(
            TYPE_ZH.get(d["doc_type"], d["doc_type"]))
    out = ["| subject | " + " | ".join(tiers) + " | plans |", "|---" * (len(tiers) + 2) + "|"]
    for s in subjects:
        row = [", ".join(cell[(s, t)]) or "–" for t in tiers]
        out.append(f"| {s} | " + " | ".join(row) + f" | {sum(len(cell[(s, t)]) for t in tiers)} |")
    totals = [str(sum(len(cell[(s, t)]) for s in subjects)) for t in tiers]
    out.append("| plans | " + " | ".join(totals) + f" | {len(docs)} |")
    return "\n".join(out)


def coverage(docs: list[dict]) -> dict:
    by_type = collections.Counter(d["meta"]["doc_type"] for d in docs)
    by_level = collections.Counter(d["meta"]["level"] for d in docs)
    years = collections.Counter(d["meta"]["year"] for d in docs)
    main = collections.Counter(d["meta"]["main_theme"] for d in docs)
    theme_paras = collections.Counter(t for d in docs for p in d["paragraphs"] for t in p["themes"])
    role_docs = collections.Counter(r for d in docs for r in {p["role"] for p in d["paragraphs"]})
    role_paras = collections.Counter(p["role"] for d in docs for p in d["paragraphs"])
    missing = collections.Counter(r for d in docs for r in d.get("missing_roles", []))
    return {"documents": len(docs), "paragraphs": sum(len(d["paragraphs"]) for d in docs),
            "by_type": by_type, "by_level": by_level, "years": years, "main_theme": main,
            "theme_paragraphs": theme_paras, "role_documents": role_docs, "role_paragraphs": role_paras,
            "incomplete_documents": sum(1 for d in docs if d.get("missing_roles")), "missing": missing,
            "with_typos": sum(1 for d in docs if d.get("typos")),
            "with_placeholders": sum(1 for d in docs if d.get("placeholders"))}


def markdown(c: dict) -> str:
    from plantext.labels import load_taxonomy

    tax = load_taxonomy()
    out = [f"{c['documents']} documents, {c['paragraphs']} annotated paragraphs (lines); "
           f"{c['incomplete_documents']} deliberately miss standard sections; "
           f"{c['with_typos']} carry planted typos and {c['with_placeholders']} unfilled placeholders.", ""]
    out += ["| document type | documents |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in sorted(c["by_type"].items())]
    out += ["", "| level | documents |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in sorted(c["by_level"].items())]
    out += ["", "Years: " + ", ".join(f"{y} ({n})" for y, n in sorted(c["years"].items())), ""]
    out += ["| theme | 中文 | main theme of (documents) | paragraphs tagged |", "|---|---|---|---|"]
    for code in tax.codes:
        out.append(f"| {code} | {tax[code].zh} | {c['main_theme'].get(code, 0)} | {c['theme_paragraphs'].get(code, 0)} |")
    out.append(f"| none | 无 | – | {c['theme_paragraphs'].get('none', 0)} |")
    out += ["", "| role | documents | paragraphs | deliberately missing in |", "|---|---|---|---|"]
    for r in ROLES:
        out.append(f"| {r} | {c['role_documents'].get(r, 0)} | {c['role_paragraphs'].get(r, 0)} | "
                   f"{c['missing'].get(r, 0)} |")
    return "\n".join(out)


def main() -> None:
    name = sys.argv[sys.argv.index("--corpus") + 1] if "--corpus" in sys.argv else "community-v1"
    docs = load(HERE / name / "annotations")
    text = markdown(coverage(docs))
    if all(d["meta"].get("subject") for d in docs):
        text = subject_grid(docs) + "\n\n" + text
    print(text)
    if "--write" in sys.argv:
        card = HERE / "README.md" if name == "community-v1" else HERE / name / "README.md"
        body = card.read_text(encoding="utf-8")
        a, b = "<!-- COVERAGE -->", "<!-- /COVERAGE -->"
        start, end = body.index(a) + len(a), body.index(b)
        card.write_text(body[:start] + "\n" + text + "\n" + body[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
