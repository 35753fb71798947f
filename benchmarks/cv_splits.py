"""How much do the model figures depend on the fold split? CV over other random splits.

    python benchmarks/cv_splits.py roles|themes [SETTINGS_JSON ...] [--model sm|trf] [--shared ../shared] [--splits 1 2 3]

(settings before the options: ``--splits`` takes every number after it)

Each SETTINGS_JSON (e.g. '{"balance": 0.5, "C": 8}' for roles, '{"context": false}' for
themes) configures the role or theme model of the chosen variant (sm: RoleModelSM,
ThemeModelSM; trf: RoleModelTRF, ThemeModelTRF); without any, the shipped defaults.
Roles: heading-stripped macro-F1 / accuracy and the headings-kept macro-F1 per split;
themes: micro-F1 / precision / recall; then the means (sm about 1.5 minutes per split on
2 cores, trf themes about 8, trf roles 15 to 50: the trf role model's rows give its
figures with and without the stacker).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import warnings

import numpy as np


def _role_row(r: dict) -> tuple[tuple[float, ...], str]:
    row = (r["heading_stripped"]["macro_f1"], r["heading_stripped"]["accuracy"], r["with_headings"]["macro_f1"])
    fmt = "stripped {:.3f} (accuracy {:.3f}), headings kept {:.3f}"
    if "unstacked" in r:  # the trf role model: the same without its stacker
        u = r["unstacked"]
        row += (u["heading_stripped"]["macro_f1"], u["heading_stripped"]["accuracy"], u["with_headings"]["macro_f1"])
        fmt += "; unstacked: stripped {:.3f} (accuracy {:.3f}), headings kept {:.3f}"
    return row, fmt


def _theme_row(r: dict) -> tuple[tuple[float, ...], str]:
    t = r["themes"]
    return (t["micro_f1"], t["micro_precision"], t["micro_recall"]), "micro-F1 {:.3f} (P {:.3f}, R {:.3f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("task", choices=["roles", "themes"])
    ap.add_argument("settings", nargs="*", default=["{}"])
    ap.add_argument("--shared", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--splits", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--model", choices=["sm", "trf"], default="sm")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    from plantext.learn.train import _default_factory, cross_validate, gather

    model = _default_factory(args.task, args.model)
    row_of = _role_row if args.task == "roles" else _theme_row
    data = gather(args.shared, silver=args.task == "roles")
    for text in args.settings:
        kw = json.loads(text)
        rows = []
        for seed in args.splits:
            r = cross_validate(data, task=args.task, make_model=lambda: model(**kw), split_seed=seed)
            row, fmt = row_of(r)
            rows.append(row)
            print(f"{text} split {seed}: " + fmt.format(*row), flush=True)
        print(f"{text} mean over splits {args.splits}: " + fmt.format(*np.mean(rows, axis=0)), flush=True)


if __name__ == "__main__":
    main()
