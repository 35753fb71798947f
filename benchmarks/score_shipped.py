"""The shipped models as they are, scored on the fixed held-out test split (no retraining).

    python benchmarks/score_shipped.py [sm|trf] [--shared ../shared]

``plantext evaluate roles|themes`` retrains a model from scratch on the train split and
scores that; this scores the model files in ``models/`` with the code of this checkout
(heading rules and the closing rule of :mod:`plantext.labels.closing` included), so a
rule changed after a model was trained shows up here. Prints the figures of
``held_out_summary`` (roles with headings and heading-stripped, with per-class F1 and
support; themes micro-F1 with the documents that hold the most errors).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import warnings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("variant", nargs="?", default="sm", choices=["sm", "trf"])
    ap.add_argument("--shared", type=pathlib.Path, default=pathlib.Path("../shared"))
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    from plantext.learn.artifacts import load_model
    from plantext.learn.registry import models_dir
    from plantext.learn.train import annotated_here, gather, held_out_summary, score_test

    data = gather(args.shared, silver=False)
    out = {}
    for task in ("roles", "themes"):
        model = load_model(models_dir() / f"{task}-{args.variant}")
        t = score_test(model, data.test, task=task, subset=annotated_here)
        row = held_out_summary(t)
        if task == "roles":
            for key in ("with_headings", "heading_stripped"):
                row[key]["per_class"] = {c: {"f1": round(v["f1"], 3), "support": v["support"]}
                                         for c, v in t[key]["per_class"].items() if v["support"]}
        out[f"{task}-{args.variant}"] = row
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
