"""The e5 encoder's forms on real paragraphs, in one process: float32 (torch), int8 (torch dynamic
quantisation) and onnx-int8 (ONNX Runtime, int8 weights per channel).

    python benchmarks/bench_encoder.py [--shared ../shared] [--paragraphs 120] [--runs 3]

Takes the paragraph units (first 200 characters, as the trf models embed them) of every
14th real document, then times the forms interleaved with no embedding cache: batch 32 with
2 threads ``--runs`` times, then batch 16 and 64 (2 threads) and batch 32 with 1 thread once
each; prints paragraphs per second (median), each form's ratio to float32, the padding that
batching by token length leaves, and the cosine of each form's embeddings to float32's.
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
    ap.add_argument("--paragraphs", type=int, default=120)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import numpy as np
    import torch

    import plantext as pt
    from plantext.learn.encoder import Encoder, cache_root
    from plantext.learn.onnx_encoder import OnnxRunner, onnx_dir
    from plantext.learn.units import plan_units

    files = sorted(pathlib.Path(args.shared, "corpora", "real").rglob("*.txt"))[::14][:20]
    texts = []
    for f in files:
        texts += [u.text[:200] for u in plan_units(pt.parse(f.read_text(encoding="utf-8"), model="none"))]
    texts = texts[: args.paragraphs]
    forms = {"float32": Encoder(cache_size=0), "int8": Encoder(cache_size=0, quantize="int8"),
             "onnx-int8": Encoder(cache_size=0, quantize="onnx-int8")}
    for enc in forms.values():
        enc._load()
    onnx_file = onnx_dir(forms["onnx-int8"].model_dir, "mean", cache_root() / "encoders") / "model.onnx"
    runners = {n: OnnxRunner(onnx_file, n) for n in (1, 2)}

    def run(name: str, batch: int, threads: int):
        enc = forms[name]
        enc.batch_size = batch
        torch.set_num_threads(threads)
        if name == "onnx-int8":
            enc._model = runners[threads]
        t = time.perf_counter()
        e = enc.encode(texts)
        return time.perf_counter() - t, e

    ids = forms["float32"]._tokenizer(["query: " + t for t in texts], truncation=True, max_length=256)["input_ids"]
    lengths = sorted((len(i) for i in ids), reverse=True)
    by_chars = [len(ids[i]) for i in sorted(range(len(texts)), key=lambda i: -len(texts[i]))]
    padded = {"token length": sum(max(lengths[s:s + 32]) * len(lengths[s:s + 32]) for s in range(0, len(lengths), 32)),
              "characters": sum(max(by_chars[s:s + 32]) * len(by_chars[s:s + 32]) for s in range(0, len(by_chars), 32)),
              "input order": sum(max(len(i) for i in ids[s:s + 32]) * len(ids[s:s + 32]) for s in range(0, len(ids), 32))}
    for name in forms:
        run(name, 32, 2)
    times: dict = {}
    emb = {}
    for batch, threads in [(32, 2)] * args.runs + [(16, 2), (64, 2), (32, 1)]:
        for name in forms:
            t, e = run(name, batch, threads)
            times.setdefault((batch, threads), {}).setdefault(name, []).append(t)
            emb[name] = e
    print(f"{len(texts)} paragraphs, {sum(lengths)} tokens (longest {lengths[0]}); load {os.getloadavg()[0]:.1f}")
    print("  tokens computed at batch 32, sorted by " +
          ", ".join(f"{k}: {v} (+{v / sum(lengths) - 1:.0%})" for k, v in padded.items()))
    print("paragraphs/s (median), ratio to float32")
    for (batch, threads), by in sorted(times.items()):
        rate = {k: len(texts) / statistics.median(v) for k, v in by.items()}
        print(f"  batch {batch:3} threads {threads}: " +
              "  ".join(f"{k} {r:6.1f} ({r / rate['float32']:.2f}x)" for k, r in rate.items()))
    for name in ("int8", "onnx-int8"):
        cos = (emb["float32"] * emb[name]).sum(1)
        print(f"cosine {name} vs float32: mean {cos.mean():.4f} min {cos.min():.4f} p5 {np.percentile(cos, 5):.4f}")


if __name__ == "__main__":
    main()
