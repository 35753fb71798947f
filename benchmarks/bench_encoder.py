"""The e5 encoder in float32 against dynamic int8 (torch) on real paragraphs, in one process.

    python benchmarks/bench_encoder.py [--shared ../shared] [--paragraphs 240]

Takes the paragraph units (first 200 characters, as the trf models embed them) of every
14th real document, then times float32 and int8 interleaved, batch sizes 8/16/32/64 with
2 threads and batch 32 with 1 thread (batch 32 × 2 threads three times), no embedding
cache; prints paragraphs per second (median) and the cosine of int8 to float32 embeddings.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import time
import warnings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--paragraphs", type=int, default=240)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import numpy as np
    import torch

    import plantext as pt
    from plantext.learn.encoder import Encoder
    from plantext.learn.units import plan_units

    files = sorted(pathlib.Path(args.shared, "corpora", "real").rglob("*.txt"))[::14][:20]
    texts = []
    for f in files:
        texts += [u.text[:200] for u in plan_units(pt.parse(f.read_text(encoding="utf-8"), model="none"))]
    texts = texts[: args.paragraphs]
    enc = Encoder(cache_size=0)
    model, _ = enc._load()
    qmodel = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)

    def run(m, batch: int, threads: int):
        torch.set_num_threads(threads)
        enc._model, enc.batch_size = m, batch
        t = time.perf_counter()
        e = enc.encode(texts)
        return time.perf_counter() - t, e

    run(model, 32, 2)
    run(qmodel, 32, 2)
    times: dict = {}
    emb = {}
    for batch, threads in [(32, 2)] * 3 + [(8, 2), (16, 2), (64, 2), (32, 1)]:
        for name, m in (("float32", model), ("int8", qmodel)):
            t, e = run(m, batch, threads)
            times.setdefault((batch, threads), {}).setdefault(name, []).append(t)
            emb[name] = e
    print(f"{len(texts)} paragraphs; paragraphs/s (median)")
    for (batch, threads), by in sorted(times.items()):
        f, q = (len(texts) / statistics.median(by[k]) for k in ("float32", "int8"))
        print(f"  batch {batch:3} threads {threads}: float32 {f:6.1f}  int8 {q:6.1f}  ({q / f:.2f}x)")
    cos = (emb["float32"] * emb["int8"]).sum(1)
    print(f"cosine int8 vs float32: mean {cos.mean():.4f} min {cos.min():.4f} p5 {np.percentile(cos, 5):.4f}")


if __name__ == "__main__":
    main()
