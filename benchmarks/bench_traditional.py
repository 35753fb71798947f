"""What reading a plan in traditional script costs: ratios against the same plan in simplified.

    python benchmarks/bench_traditional.py [--runs 7] [--copies 10]

Times, in one process, on a plan written for the tests (tests/clean/test_traditional_script.py)
repeated ``--copies`` times: ``parse(model="none")`` of the simplified text (the baseline), the
same of the traditional text (detection + OpenCC conversion + the same outline), and
``to_simplified`` alone. Medians over ``--runs``; the converter's load time is measured
in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "clean"))



from timing import median_time  # noqa: E402  (benchmarks/ is on sys.path when run)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import plantext as pt
    from plantext.clean.script import to_simplified
    from test_traditional_script import PLAN_TRAD

    trad = PLAN_TRAD * args.copies
    simple = to_simplified(trad)[0]
    pt.parse(trad, model="sm")                        # loads the converter and the models
    base = median_time(lambda: pt.parse(simple, model="none"), args.runs)
    conv = median_time(lambda: pt.parse(trad, model="none"), args.runs)
    alone = median_time(lambda: to_simplified(trad), args.runs)
    sm_base = median_time(lambda: pt.parse(simple, model="sm"), args.runs)
    sm_conv = median_time(lambda: pt.parse(trad, model="sm"), args.runs)
    load = subprocess.run([sys.executable, "-c", "import time; from plantext.clean.script import _converter; "
                           "t = time.perf_counter(); _converter(); "
                           "print(time.perf_counter() - t)"], capture_output=True, text=True, check=True)
    print(f"{len(trad)} characters: parse(simplified) {base * 1e3:.0f} ms, parse(traditional) "
          f"{conv * 1e3:.0f} ms (× {conv / base:.2f}), conversion alone {alone * 1e3:.0f} ms "
          f"({alone / len(trad) * 1e6:.1f} µs per character); parse(model='sm') {sm_base * 1e3:.0f} → "
          f"{sm_conv * 1e3:.0f} ms (× {sm_conv / sm_base:.2f}); converter load "
          f"{float(load.stdout) * 1e3:.0f} ms in a fresh interpreter")


if __name__ == "__main__":
    main()
