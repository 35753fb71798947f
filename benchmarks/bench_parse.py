"""Parse throughput as ratios to bare segmentation of the same text, measured in one process.

    python benchmarks/bench_parse.py [--shared ../shared] [--runs 3] [--limit N] [--trf [--trf-docs 20]]

For every real document it first parses the text once, then times, interleaved
document by document (so that a busy machine slows every stage alike):
  * ``jieba.lcut(text)`` on exactly the text plantext parses (the cleaned
    ``plan.text``), jieba's defaults (HMM on), a private initialised
    ``jieba.Tokenizer`` — the baseline;
  * ``rjieba`` on the same text (HMM on) — the second baseline;
  * ``parse(model="none")`` — reading, cleaning and the outline stage alone;
  * ``parse(model="sm")`` — the full default pipeline (whole paragraphs).
Each document's time is the median of ``--runs`` runs. It prints the totals
(throughput over the whole corpus, ratios to jieba) and the median over the
documents of each document's ratio, plus the first sm parse in a fresh
interpreter (median of 3).

With ``--trf``: on ``--trf-docs`` documents, the encoder's paragraphs per second
in float32 and in the int8 form the trf models use (no embedding cache), and
``parse(model="trf")`` in paragraphs per second with each.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import time
import warnings



from timing import median_time  # noqa: E402  (benchmarks/ is on sys.path when run)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--trf", action="store_true")
    ap.add_argument("--trf-docs", type=int, default=20)
    args = ap.parse_args()
    warnings.simplefilter("ignore")

    import jieba
    import rjieba

    import plantext as pt
    from plantext.segmentation import new_jieba_tokenizer, segmenter

    files = sorted(pathlib.Path(args.shared, "corpora", "real").rglob("*.txt"))[: args.limit]
    sources = [f.read_text(encoding="utf-8") for f in files]
    tok = new_jieba_tokenizer()
    rtok = rjieba.Jieba()
    segmenter()                                   # the features' segmenter, built outside the timings
    plans = [pt.parse(s, model="sm") for s in sources]   # also loads the models once
    texts = [p.text for p in plans]               # exactly the text plantext parses (cleaned)
    chars = sum(len(t) for t in texts)
    n_segments = sum(len(p.segments) for p in plans)

    stages = {
        "jieba.lcut (baseline, HMM on)": lambda s, t: tok.lcut(t),
        "rjieba cut (HMM on)": lambda s, t: rtok.cut(t, True),
        "parse, outline only (model='none')": lambda s, t: pt.parse(s, model="none"),
        "parse, full sm": lambda s, t: pt.parse(s, model="sm"),
    }
    per_doc = {name: [] for name in stages}
    for s, t in zip(sources, texts):
        for name, fn in stages.items():
            per_doc[name].append(median_time(lambda: fn(s, t), args.runs))
    base = per_doc["jieba.lcut (baseline, HMM on)"]
    print(f"jieba {jieba.__version__}, rjieba; {len(texts)} documents, {chars:,} characters "
          f"(cleaned plan text), {n_segments:,} segments; per document the median of {args.runs} runs\n")
    print(f"{'stage':40} {'seconds':>8} {'chars/s':>11} {'× jieba':>8} {'median doc × jieba':>19}")
    for name, times in per_doc.items():
        total = sum(times)
        ratios = [b / x for b, x in zip(base, times) if x > 0]
        print(f"{name:40} {total:8.2f} {chars / total:11,.0f} {sum(base) / total:8.2f} "
              f"{statistics.median(ratios):19.2f}")
    print(f"\nsm segments/s: {n_segments / sum(per_doc['parse, full sm']):,.0f}")

    code = ("import time, warnings; warnings.simplefilter('ignore'); t=time.perf_counter(); "
            "import plantext as pt; pt.parse('社区工作计划\\n一、工作目标\\n提升服务水平。', model='sm'); "
            "print(time.perf_counter()-t)")
    firsts = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   check=True).stdout) for _ in range(3)]
    print(f"first sm parse in a fresh interpreter (import + models + segmenter): "
          f"{statistics.median(firsts):.2f} s (median of 3)")

    if args.trf:
        _trf(sources[: args.trf_docs], max(1, args.runs))


def _trf(sources: list[str], runs: int) -> None:
    import plantext as pt
    from plantext.learn.encoder import get_encoder
    from plantext.learn.trf import MAX_CHARS, EmbeddingStore
    from plantext.learn.units import plan_units

    plans = [pt.parse(s, model="none") for s in sources]
    unit_texts = [u.text[:MAX_CHARS] for p in plans for u in plan_units(p)]
    print(f"\ntrf on {len(sources)} documents, {len(unit_texts)} paragraph units "
          f"(no embedding cache; median of {runs} runs):")
    for quantize in (None, "int8"):
        enc = get_encoder(quantize=quantize)
        enc.encode(["热身"])
        t_enc = median_time(lambda: (enc.clear_cache(), enc.encode(unit_texts)), runs)

        def trf_parse():   # every paragraph goes through the encoder
            enc.clear_cache()
            EmbeddingStore._shared = EmbeddingStore(enc, persist=False)
            return [pt.parse(s, model="trf") for s in sources]

        t_trf = median_time(trf_parse, runs)
        print(f"  encoder {quantize or 'float32':8} bare forward {len(unit_texts) / t_enc:6.1f} units/s; "
              f"parse(model='trf') {len(unit_texts) / t_trf:6.1f} units/s "
              f"(overhead over the encoder {t_trf / t_enc - 1:+.0%})")
    EmbeddingStore._shared = None


if __name__ == "__main__":
    main()
