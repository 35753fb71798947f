"""How much do the sm role figures depend on the fold split? CV over other random splits.

    python benchmarks/cv_role_splits.py [--shared ../shared] [--splits 1 2 3] [SETTINGS_JSON ...]

Each SETTINGS_JSON (e.g. '{"balance": 0.5, "C": 8}') is a RoleModelSM configuration;
without any, the shipped defaults. Prints heading-stripped macro-F1 / accuracy and the
headings-kept macro-F1 per split, and their means (about 1.5 minutes per split on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import warnings

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("settings", nargs="*", default=["{}"])
    ap.add_argument("--shared", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--splits", type=int, nargs="+", default=[1, 2, 3])
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    from plantext.learn.sm import RoleModelSM
    from plantext.learn.train import cross_validate, gather

    data = gather(args.shared)
    for text in args.settings:
        kw = json.loads(text)
        rows = []
        for seed in args.splits:
            r = cross_validate(data, task="roles", make_model=lambda: RoleModelSM(**kw), split_seed=seed)
            rows.append((r["heading_stripped"]["macro_f1"], r["heading_stripped"]["accuracy"],
                         r["with_headings"]["macro_f1"]))
            print(f"{text} split {seed}: stripped {rows[-1][0]:.3f} (accuracy {rows[-1][1]:.3f}), "
                  f"headings kept {rows[-1][2]:.3f}", flush=True)
        m = np.mean(rows, axis=0)
        print(f"{text} mean over splits {args.splits}: stripped {m[0]:.3f} (accuracy {m[1]:.3f}), "
              f"headings kept {m[2]:.3f}", flush=True)


if __name__ == "__main__":
    main()
