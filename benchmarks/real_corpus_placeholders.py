"""Placeholder findings on the real documents: how many, of which kind, and each one in context.

    python benchmarks/real_corpus_placeholders.py [--shared ../shared] [--list]

The real documents are published texts: every slot found in them is a false alarm unless
the document really left a blank. Run before and after a change to the patterns and
inspect every new hit (``--list`` prints each with 12 characters of context).
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
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import plantext as pt
    from plantext.audit.placeholders import find_placeholders

    root = pathlib.Path(args.shared, "corpora", "real")
    rows = list(csv.DictReader(open(root / "MANIFEST.tsv", encoding="utf-8"), delimiter="\t"))
    kinds: collections.Counter[str] = collections.Counter()
    docs = 0
    for row in rows:
        plan = pt.parse(root / row["file"], model="none")
        found = find_placeholders(plan.text)
        docs += bool(found)
        for p in found:
            kinds[p.kind] += 1
            if args.list:
                ctx = plan.text[max(0, p.start - 12):p.end + 12].replace("\n", "⏎")
                print(f"{row['file']}\t{p.kind}\t{p.text}\t{ctx}")
    print(f"{sum(kinds.values())} placeholder findings in {docs} of {len(rows)} real documents: "
          + (", ".join(f"{k} {n}" for k, n in kinds.most_common()) or "none"))


if __name__ == "__main__":
    main()
