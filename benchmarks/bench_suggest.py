"""Query latency and memory of plantext.suggest on 10k and 100k-sentence indexes.

The indexes are a synthetic scale-up of the team corpus index: each entry is
repeated with small perturbations (a digit changed, a clause dropped or
swapped, a plan word inserted) and its e5 vector with a little noise. Queries
are held-out sentences and short draft phrases; each is timed once per mode
(sparse, and hybrid with the query vector from the encoder's cache, i.e.
retrieval only), with and without a role/theme filter. Query encoding is
timed separately on fresh texts, and so is guessing the role of a query
that comes without one (``suggest()`` does it before searching).

    python benchmarks/bench_suggest.py [--quick] [--sizes 10000,100000] [--queries 200]
                                       [--torch-threads N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import time
import warnings

import numpy as np

SIZES = (10_000, 100_000)
DRAFTS = ["加强社区养老服务", "开展垃圾分类宣传", "落实安全生产责任", "推进老旧小区改造",
          "完善矛盾纠纷调解机制", "组织志愿者开展关爱活动", "加强党员教育管理", "提高就业培训质量",
          "做好困难群众救助工作", "建立健全考核评估制度"]
WORDS = ["进一步", "切实", "全面", "扎实", "持续", "深入", "积极", "着力"]


def perturb(text: str, rng: random.Random) -> str:
    """A near-copy of ``text``: one small edit."""
    edit = rng.randrange(4)
    if edit == 0 and re.search(r"\d", text):
        return re.sub(r"\d", lambda m: str(rng.randrange(10)), text, count=1)
    parts = re.split(r"(?<=[，；])", text)
    if edit == 1 and len(parts) > 2:
        del parts[rng.randrange(1, len(parts))]
        return "".join(parts)
    if edit == 2 and len(parts) > 2:
        i = rng.randrange(len(parts) - 2)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
        return "".join(parts)
    i = rng.randrange(max(1, len(text) // 2))
    return text[:i] + rng.choice(WORDS) + text[i:]


def scaled(base, n: int, seed: int = 0):
    """Entries and vectors of ``base`` repeated with perturbations up to ``n``."""
    from plantext.suggest import Entry

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    entries, rows = [], []
    for i in range(n):
        j = i % len(base.entries)
        e = base.entries[j]
        text = e.text if i < len(base.entries) else perturb(e.text, rng)
        entries.append(Entry(text, e.role, list(e.themes), f"{e.doc_id}~{i // len(base.entries)}",
                             e.path, e.doc_type, e.kind))
        rows.append(j)
    vectors = None
    if base.dense is not None:
        noise = nrng.normal(0, 0.02, (n, base.dense.shape[1])).astype(np.float32)
        vectors = base.dense[rows] + noise
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return entries, vectors


def percentiles(times: list[float]) -> tuple[float, float]:
    ms = np.asarray(times) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def time_queries(index, queries, mode, filtered: bool) -> list[float]:
    from plantext.suggest import search

    out = []
    for n, q in enumerate(queries):
        kw = {"role": "measure", "theme": ["elderly", "party"]} if filtered and n % 2 else \
             ({"role": "goal"} if filtered else {})
        t = time.perf_counter()
        search(index, q, k=5, mode=mode, **kw)
        out.append(time.perf_counter() - t)
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10k only, 50 queries")
    ap.add_argument("--sizes", default=None, help="comma list of index sizes")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--torch-threads", type=int, default=None,
                    help="torch.set_num_threads() before timing query encoding")
    args = ap.parse_args(argv)
    sizes = [10_000] if args.quick else list(SIZES)
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    nq = 50 if args.quick else args.queries
    warnings.simplefilter("ignore")

    from plantext.suggest import Index, get_index, search
    from plantext.suggest.dense import encoder_or_reason

    t = time.perf_counter()
    base = get_index(None)
    print(f"base index: {base} ({time.perf_counter() - t:.1f}s to load or build); "
          f"cpus: {os.cpu_count()}; python {sys.version.split()[0]}")
    encoder, reason = encoder_or_reason()
    if base.dense is None or encoder is None:
        print(f"hybrid rows skipped: {reason or 'the base index has no vectors'}")
        encoder = None
    rng = random.Random(1)
    held = [e.text for e in rng.sample(base.entries, min(nq, len(base.entries)))]
    queries = [held[i] if i % 2 else DRAFTS[i % len(DRAFTS)] for i in range(nq)]
    if encoder is not None:
        if args.torch_threads:
            import torch

            torch.set_num_threads(args.torch_threads)
        encoder.encode(["热身"], kind="query")
        per = []
        for q in (f"{q}[{i}]" for i, q in enumerate(queries[:20])):
            t = time.perf_counter()
            encoder.encode([q], kind="query")
            per.append(time.perf_counter() - t)
        enc_p50, enc_p95 = percentiles(per)
        encoder.encode(queries, kind="query")  # cache: the timings below are retrieval only
        import torch

        print(f"query encoding (e5-small, one at a time, {torch.get_num_threads()} torch threads): "
              f"p50 {enc_p50:.1f} ms, p95 {enc_p95:.1f} ms (not in the hybrid rows below)")

    from plantext.suggest.query_role import guess_role

    guess_role(queries[0])   # loads the role model
    per = []
    for q in queries:
        t = time.perf_counter()
        guess_role(q)
        per.append(time.perf_counter() - t)
    g50, g95 = percentiles(per)
    print(f"role guess for a query without a role (sm model, independent of the index): "
          f"p50 {g50:.1f} ms, p95 {g95:.1f} ms (not in the rows below)")

    rows = []
    for n in sizes:
        rss0 = rss_mb()
        t = time.perf_counter()
        entries, vectors = scaled(base, n)
        meta = {"encoder": base.encoder_name} if vectors is not None else {}
        index = Index.from_entries(entries, dense=vectors if vectors is not None else False,
                                   meta=meta)
        build = time.perf_counter() - t
        mem = index.memory_bytes() / 2**20
        modes = ["sparse"] + (["hybrid"] if encoder is not None else [])
        for mode in modes:
            search(index, queries[0], mode=mode)  # warm up
            for filtered in (False, True):
                p50, p95 = percentiles(time_queries(index, queries, mode, filtered))
                rows.append((n, mode, "role/theme" if filtered else "none", p50, p95, mem,
                             rss_mb() - rss0, build))
        del index, entries, vectors
    print(f"\n{'entries':>8} {'mode':7} {'filter':11} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'index MiB':>9} {'RSS +MiB':>8} {'build s':>7}")
    for n, mode, filt, p50, p95, mem, rss, build in rows:
        print(f"{n:>8} {mode:7} {filt:11} {p50:>7.1f} {p95:>7.1f} {mem:>9.1f} {rss:>8.0f} "
              f"{build:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
