"""The fixed held-out split of the real gold documents.

Every annotated real document (``../shared/gold`` and ``corpora/real-gold``;
the seed page is not a real document and always trains) belongs to ``train``
or ``test``. The split is written to ``corpora/real-gold-split.json`` and never
redrawn: a recorded document keeps its split. A document not yet recorded is
placed by one rule, so that documents annotated later fall into a split the
same way:

* its stratum is (source folder, MANIFEST doc type) — who published it and
  what kind of document it is;
* within a stratum, unrecorded documents are taken in the order of
  ``sha256("plantext-split/1:" + file)``; the k-th document of the stratum
  (recorded ones counted) goes to ``test`` while the stratum's test documents
  number fewer than ``floor(k / 3 + 1/2)``, else to ``train``.

So about a third of each stratum is held out (one of a stratum of two), and no
feature, weight, threshold or rule may be chosen on the ``test`` documents:
training and cross-validation read ``train`` only (:mod:`.train`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import pathlib
from typing import Iterable

from ..evaluate import GoldDoc, load_gold

PROJECT = pathlib.Path(__file__).resolve().parents[3]
REAL_GOLD = PROJECT / "corpora" / "real-gold"
SPLIT_FILE = PROJECT / "corpora" / "real-gold-split.json"   # beside the annotations, not among them
SALT = "plantext-split/1:"
SHARE = 1 / 3
RULE = ("stratum = (source folder, MANIFEST doc_type); within a stratum, unrecorded documents in the "
        "order of sha256('plantext-split/1:' + file); the k-th document of the stratum goes to test "
        "while the stratum has fewer than floor(k/3 + 1/2) test documents; recorded documents keep "
        "their split")


def is_real(doc: GoldDoc) -> bool:
    """True for an annotation of a document of ``corpora/real``."""
    return str(doc.data.get("file", "")).startswith("corpora/real/")


def real_key(doc: GoldDoc) -> str:
    """``<source folder>__<stem>`` of an annotated real document (as silver documents are named)."""
    parts = str(doc.data.get("file", "")).split("/")
    return f"{parts[-2]}__{pathlib.PurePosixPath(parts[-1]).stem}" if len(parts) >= 2 else doc.doc_id


def _hash(file: str) -> str:
    return hashlib.sha256((SALT + file).encode("utf-8")).hexdigest()


def manifest_types(shared: pathlib.Path | None) -> dict[str, str]:
    """``corpora/real/<source>/<name>`` → MANIFEST doc type."""
    path = pathlib.Path(shared or "") / "corpora" / "real" / "MANIFEST.tsv"
    if not shared or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {"corpora/real/" + row["file"]: row.get("doc_type") or "unknown"
                for row in csv.DictReader(fh, delimiter="\t")}


def stratum(file: str, types: dict[str, str]) -> str:
    source = file.split("/")[2] if file.count("/") >= 3 else "unknown"
    return f"{source}|{types.get(file, 'unknown')}"


def assign(files: Iterable[str], types: dict[str, str], recorded: dict[str, dict] | None = None
           ) -> dict[str, dict]:
    """The split of every file: recorded entries kept, new ones placed by the rule (module doc)."""
    out = {f: dict(v) for f, v in (recorded or {}).items()}
    new = sorted({f for f in files if f not in out}, key=_hash)
    for f in new:
        s = stratum(f, types)
        members = [v for v in out.values() if v["stratum"] == s]
        k = len(members) + 1
        tests = sum(v["split"] == "test" for v in members)
        split = "test" if tests < math.floor(k * SHARE + 0.5) else "train"
        out[f] = {"stratum": s, "split": split}
    return dict(sorted(out.items()))


def read_split(path: pathlib.Path = SPLIT_FILE) -> dict[str, dict]:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("documents", {})


def write_split(documents: dict[str, dict], path: pathlib.Path = SPLIT_FILE) -> None:
    counts: dict[str, dict[str, int]] = {}
    for v in documents.values():
        c = counts.setdefault(v["stratum"], {"train": 0, "test": 0})
        c[v["split"]] += 1
    body = {"rule": RULE, "share": "1/3", "counts": dict(sorted(counts.items())), "documents": documents}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def real_gold_dirs(shared: pathlib.Path | None) -> list[pathlib.Path]:
    """Folders of real gold: the dev gold (``shared/gold``) and ``corpora/real-gold`` (none without ``shared``)."""
    if not shared:
        return []
    dirs = [pathlib.Path(shared) / "gold"] if (pathlib.Path(shared) / "gold").is_dir() else []
    return dirs + ([REAL_GOLD] if REAL_GOLD.is_dir() else [])


def load_all_gold(shared: pathlib.Path | None) -> list[GoldDoc]:
    """Every gold document (dev gold first, then real gold), one per annotated file."""
    seen: set[str] = set()
    out = []
    for d in real_gold_dirs(shared):
        for doc in load_gold(d, shared):
            key = doc.data.get("file", str(doc.path))
            if key not in seen:
                seen.add(key)
                out.append(doc)
    return out


def split_gold(docs: list[GoldDoc], shared: pathlib.Path | None, *, update: bool = False
               ) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """``(train, test)``: non-real annotations train; real ones by the recorded split and the rule.

    ``update=True`` writes newly placed documents to :data:`SPLIT_FILE`.
    """
    recorded = read_split()
    real = [d for d in docs if is_real(d)]
    table = assign((d.data["file"] for d in real), manifest_types(shared), recorded)
    if update and table != recorded:
        write_split(table)
    train = [d for d in docs if not is_real(d) or table[d.data["file"]]["split"] == "train"]
    test = [d for d in docs if is_real(d) and table[d.data["file"]]["split"] == "test"]
    return train, test


def main(argv: list[str] | None = None) -> None:
    """``python -m plantext.learn.split [SHARED]``: place new real gold documents, print the counts."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    shared = pathlib.Path(argv[0]) if argv else PROJECT.parent / "shared"
    train, test = split_gold(load_all_gold(shared), shared, update=True)
    print(f"train {len(train)} documents ({sum(is_real(d) for d in train)} real), test {len(test)}; "
          f"written to {SPLIT_FILE}")
    counts = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))["counts"] if SPLIT_FILE.is_file() else {}
    for s, c in counts.items():
        print(f"  {s:60} train {c['train']:3}  test {c['test']:3}")


if __name__ == "__main__":
    main()
