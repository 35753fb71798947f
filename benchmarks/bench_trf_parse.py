"""trf parse throughput: the e5 encoder in float32 (torch) against ONNX Runtime int8, in one process.

    python benchmarks/bench_trf_parse.py [--shared ../shared] [--docs 6] [--runs 3]

Parses every 40th real document with ``model="trf"`` (roles and themes), the two
encoder forms interleaved, each run with an empty embedding store (nothing
cached, nothing written); prints paragraphs (plan units) per second, median of
``--runs``, and the ratio. The first parse of each form (model loading, the
one-off ONNX export) is not timed.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import time
import warnings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--docs", type=int, default=6)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None, help="encoder threads (default: the library's)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import plantext as pt
    from plantext.learn.encoder import Encoder
    from plantext.learn.trf import EmbeddingStore
    from plantext.learn.units import plan_units

    files = sorted(pathlib.Path(args.shared, "corpora", "real").rglob("*.txt"))[::40][:args.docs]
    texts = [f.read_text(encoding="utf-8") for f in files]
    encoders = {"float32": Encoder(cache_size=0, num_threads=args.threads),
                "onnx-int8": Encoder(cache_size=0, num_threads=args.threads, quantize="onnx-int8")}

    def run(name: str) -> tuple[float, int]:
        EmbeddingStore._shared = EmbeddingStore(encoders[name], persist=False)
        t = time.perf_counter()
        units = sum(len(plan_units(pt.parse(text, model="trf"))) for text in texts)
        return time.perf_counter() - t, units

    for name in encoders:   # load models, export once
        EmbeddingStore._shared = EmbeddingStore(encoders[name], persist=False)
        pt.parse(texts[0][:300], model="trf")
    times: dict[str, list[float]] = {name: [] for name in encoders}
    units = 0
    for _ in range(args.runs):
        for name in encoders:
            t, units = run(name)
            times[name].append(t)
    print(f"{len(texts)} documents, {units} paragraphs, {args.runs} runs; load {os.getloadavg()[0]:.1f}")
    rate = {name: units / statistics.median(ts) for name, ts in times.items()}
    for name, r in rate.items():
        print(f"  {name:10} {r:6.1f} paragraphs/s  ({r / rate['float32']:.2f}x)")


if __name__ == "__main__":
    main()
