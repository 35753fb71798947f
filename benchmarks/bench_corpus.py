"""Benchmark ``plantext.Corpus`` over the real corpus: workers, warm cache, Dask.

    python benchmarks/bench_corpus.py                  # all 273 documents, model sm
    python benchmarks/bench_corpus.py --quick          # 40 documents
    python benchmarks/bench_corpus.py --model none --corpus path/to/folder

Each configuration runs in a fresh Python process, so model loading and worker
start-up are counted and peak memory is its own: ``ru_maxrss`` of the main
process, and the peak resident memory of all worker processes together. The cache lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

DEFAULT_CORPUS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "corpora" / "real"
QUICK = 40


def _corpus(args):
    import plantext as pt

    corpus = pt.Corpus.from_dir(args.corpus)
    if args.limit:
        corpus._specs = corpus._specs[:args.limit]
    return corpus


def _peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0   # KiB on Linux


class TreeMemory:
    """Polls /proc for the resident memory of this process and all its descendants
    (pool workers are children of the forkserver, which ru_maxrss never sees)."""

    def __init__(self, interval: float = 0.1):
        import threading

        self.peak_total = self.peak_child = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(interval,), daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _loop(self, interval: float) -> None:
        me = os.getpid()
        while not self._stop.wait(interval):
            parents, rss = {}, {}
            for d in pathlib.Path("/proc").glob("[0-9]*"):
                try:
                    fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
                    parents[int(d.name)] = int(fields[1])
                    rss[int(d.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
                except (OSError, IndexError, ValueError):
                    continue
            tree = [p for p in parents if self._descends(p, me, parents)]
            children = sum(rss.get(p, 0.0) for p in tree if p != me)
            self.peak_child = max(self.peak_child, children)
            self.peak_total = max(self.peak_total, children + rss.get(me, 0.0))

    @staticmethod
    def _descends(pid: int, root: int, parents: dict) -> bool:
        for _ in range(16):
            if pid == root:
                return True
            pid = parents.get(pid, 0)
            if pid <= 1:
                return False
        return False


def one(args) -> dict:
    """Run one configuration in this process; a JSON-ready record."""
    import warnings

    warnings.simplefilter("ignore")
    model = None if args.model == "sm" else args.model
    corpus = _corpus(args)
    if args.config == "dask":
        return _dask(corpus, model)
    cache = args.cache_dir if args.config.startswith("cache") else False
    t0 = time.perf_counter()
    corpus.process(model=model, workers=args.workers, cache=cache, progress=False)
    seconds = time.perf_counter() - t0
    return {"docs": len(corpus), "seconds": seconds, "failed": len(corpus.failures),
            "segments": int(sum(corpus.documents()["n_segments"].fillna(0))),
            "cached": corpus.stats["cached"]}


def _dask(corpus, model) -> dict:
    from dask.distributed import Client, LocalCluster

    from plantext.corpus.dask_engine import corpus_frame

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        start = time.perf_counter() - t0
        times = []
        for _ in range(2):   # cold workers (imports, model loading), then warm ones
            t1 = time.perf_counter()
            frame = corpus_frame(corpus, npartitions=32, model=model).compute()
            times.append(time.perf_counter() - t1)
    return {"docs": len(corpus), "seconds": times[0], "warm_seconds": times[1],
            "cluster_start": start, "segments": len(frame), "failed": 0, "cached": 0}


CONFIGS = [
    ("1 worker", {"workers": 1, "config": "cold"}),
    ("2 workers", {"workers": 2, "config": "cold"}),
    ("cache fill (2 workers)", {"workers": 2, "config": "cache-fill"}),
    ("cache warm", {"workers": 2, "config": "cache-warm"}),
    ("dask LocalCluster 2x1", {"workers": 2, "config": "dask"}),
]


def spawn(args, name: str, opts: dict, cache_dir: str) -> dict:
    cmd = [sys.executable, __file__, "--one", opts["config"], "--workers", str(opts["workers"]),
           "--model", args.model, "--corpus", str(args.corpus), "--cache-dir", cache_dir,
           "--limit", str(args.limit or 0)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    record = json.loads(out.strip().splitlines()[-1])
    record["name"] = name
    return record


def table(records: list[dict]) -> str:
    base = next(r["seconds"] for r in records if r["name"] == "1 worker")
    lines = [f"{'configuration':<24} {'docs':>5} {'seconds':>8} {'docs/s':>8} {'speed-up':>8} "
             f"{'main MB':>8} {'workers MB':>10} {'total MB':>8}"]
    for r in records:
        lines.append(f"{r['name']:<24} {r['docs']:>5} {r['seconds']:>8.2f} "
                     f"{r['docs'] / r['seconds']:>8.1f} {base / r['seconds']:>7.2f}x "
                     f"{r['peak_mb']:>8.0f} {r['child_mb']:>10.0f} {r['total_mb']:>8.0f}")
    dask = next((r for r in records if "cluster_start" in r), None)
    if dask:
        w = dask["warm_seconds"]
        lines.append(f"{'  same, warm workers':<24} {dask['docs']:>5} {w:>8.2f} "
                     f"{dask['docs'] / w:>8.1f} {base / w:>7.2f}x")
        lines.append(f"(dask cluster start-up {dask['cluster_start']:.1f} s, not counted)")
    return "\n".join(lines)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    p.add_argument("--model", default="sm", choices=["sm", "none", "trf"])
    p.add_argument("--quick", action="store_true", help=f"only the first {QUICK} documents")
    p.add_argument("--json", type=pathlib.Path, help="also write the records here")
    p.add_argument("--one", dest="config", help=argparse.SUPPRESS)
    p.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    p.add_argument("--cache-dir", help=argparse.SUPPRESS)
    p.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.config:
        with TreeMemory() as mem:
            record = one(args)
        record.update(peak_mb=_peak_mb(resource.RUSAGE_SELF), child_mb=mem.peak_child,
                      total_mb=mem.peak_total)
        print(json.dumps(record))
        return
    args.limit = QUICK if args.quick else 0
    print(f"plantext corpus benchmark: {args.corpus} (model {args.model}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f})", flush=True)
    records = []
    with tempfile.TemporaryDirectory() as cache_dir:
        for name, opts in CONFIGS:
            records.append(spawn(args, name, opts, cache_dir))
            print(f"  {name}: {records[-1]['seconds']:.2f} s", flush=True)
    print(table(records))
    if args.json:
        args.json.write_text(json.dumps(records, indent=2))


if __name__ == "__main__":
    main()
