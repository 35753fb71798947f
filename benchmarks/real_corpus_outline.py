"""Parse every real document and count headings per document type.

    python benchmarks/real_corpus_outline.py [--shared ../shared] [--model none|sm]

Prints, per document type of the MANIFEST, the number of documents, how many
parsed without error, and the headings found (total, per document, depth).
"""

from __future__ import annotations

import argparse
import collections
import csv
import pathlib
import warnings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--model", default="none")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import plantext as pt

    root = pathlib.Path(args.shared, "corpora", "real")
    rows = list(csv.DictReader(open(root / "MANIFEST.tsv", encoding="utf-8"), delimiter="\t"))
    stats = collections.defaultdict(lambda: {"docs": 0, "ok": 0, "headings": 0, "max_depth": 0, "errors": []})
    for row in rows:
        s = stats[row["doc_type"]]
        s["docs"] += 1
        try:
            plan = pt.parse(root / row["file"], model=args.model)
        except pt.PlanTextError as exc:
            s["errors"].append(f"{row['file']}: {exc}")
            continue
        s["ok"] += 1
        secs = list(plan.walk())
        s["headings"] += len(secs)
        s["max_depth"] = max([s["max_depth"]] + [x.level for x in secs])
    print(f"{'doc_type':22} {'docs':>5} {'parsed':>7} {'headings':>9} {'per doc':>8} {'depth':>6}")
    for dt, s in sorted(stats.items()):
        print(f"{dt:22} {s['docs']:5} {s['ok']:7} {s['headings']:9} {s['headings'] / max(s['ok'], 1):8.1f} "
              f"{s['max_depth']:6}")
        for e in s["errors"]:
            print("   error:", e)
    total = sum(s["docs"] for s in stats.values())
    ok = sum(s["ok"] for s in stats.values())
    print(f"\n{ok} of {total} documents parsed without error")


if __name__ == "__main__":
    main()
