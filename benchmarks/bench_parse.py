"""Parse throughput as ratios to bare jieba segmentation, measured in one process.

    python benchmarks/bench_parse.py [--shared ../shared] [--runs 5] [--limit N] [--trf]

For the real documents it times, on the same texts:
  * ``jieba.lcut`` (a private, initialised ``jieba.Tokenizer``) — the baseline;
  * ``parse(model="none")`` — reading, cleaning and the outline stage alone;
  * ``parse(model="sm")`` — the full default pipeline with the sm models;
  * with ``--trf``: the bare encoder forward pass on each plan's paragraph units,
    and ``parse(model="trf")`` on the same plans (overhead over the encoder).
Each figure is the median over ``--runs`` runs; ratios are throughput relative
to jieba (higher is faster). It also reports segments/s and the time of the
first sm parse in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import time
import warnings


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--trf", action="store_true")
    args = ap.parse_args()
    warnings.simplefilter("ignore")

    import jieba

    import plantext as pt
    from plantext.learn.features import tokenizer
    from plantext.learn.units import plan_units

    files = sorted(pathlib.Path(args.shared, "corpora", "real").rglob("*.txt"))[: args.limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    tok = jieba.Tokenizer()
    tok.initialize()
    tokenizer()  # the sm features' tokenizer, initialised outside the timings
    pt.parse(texts[0], model="sm")  # load the models once

    t_jieba = _median_time(lambda: [tok.lcut(t) for t in texts], args.runs)
    t_outline = _median_time(lambda: [pt.parse(t, model="none") for t in texts], args.runs)
    plans = []
    t_sm = _median_time(lambda: plans.__setitem__(slice(None), [pt.parse(t, model="sm") for t in texts]),
                        args.runs)
    n_segments = sum(len(p.segments) for p in plans)
    rows = [("jieba.lcut (baseline)", t_jieba), ("parse, outline only (model='none')", t_outline),
            ("parse, full sm", t_sm)]
    print(f"{len(texts)} documents, {chars:,} characters, {n_segments:,} segments; median of {args.runs} runs\n")
    print(f"{'stage':40} {'seconds':>9} {'chars/s':>11} {'× jieba':>8}")
    for name, t in rows:
        print(f"{name:40} {t:9.2f} {chars / t:11,.0f} {t_jieba / t:8.2f}")
    print(f"\nsm segments/s: {n_segments / t_sm:,.0f}")
    print(f"outline stage cost relative to segmentation: {t_outline / t_jieba:.2f}")

    code = ("import time, warnings; warnings.simplefilter('ignore'); t=time.perf_counter(); "
            "import plantext as pt; pt.parse('社区工作计划\\n一、工作目标\\n提升服务水平。', model='sm'); "
            "print(time.perf_counter()-t)")
    firsts = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   check=True).stdout) for _ in range(3)]
    print(f"first sm parse in a fresh interpreter (import + models + jieba): {statistics.median(firsts):.2f} s")

    if args.trf:
        from plantext.learn.encoder import get_encoder

        enc = get_encoder()
        sub = texts[: min(len(texts), 20)]
        sub_plans = [pt.parse(t, model="none") for t in sub]
        unit_texts = [u.text[:200] for p in sub_plans for u in plan_units(p)]
        enc.encode(["热身"])
        t_enc = _median_time(lambda: (enc.clear_cache(), enc.encode(unit_texts)), max(1, args.runs // 2))

        from plantext.learn.trf import EmbeddingStore

        def trf_parse():  # no embedding cache: every paragraph goes through the encoder
            enc.clear_cache()
            EmbeddingStore._shared = EmbeddingStore(enc, persist=False)
            return [pt.parse(t, model="trf") for t in sub]

        t_trf = _median_time(trf_parse, max(1, args.runs // 2))
        print(f"\ntrf on {len(sub)} documents, {len(unit_texts)} paragraph units:")
        print(f"  bare encoder forward: {t_enc:.2f} s ({len(unit_texts) / t_enc:.1f} units/s)")
        print(f"  parse(model='trf'):   {t_trf:.2f} s; overhead over the encoder {t_trf / t_enc - 1:+.0%}")


if __name__ == "__main__":
    main()
