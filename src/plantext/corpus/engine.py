"""Running the per-document function over many documents: in-process or in worker processes.

Worker processes come from a ``forkserver`` (``spawn`` where there is none)
context, never a bare ``fork``: safe in notebooks, with threads (tqdm, dask)
and on macOS/Windows. As with any multiprocessing, a script that processes a
corpus with ``workers > 1`` must guard its entry point with
``if __name__ == "__main__":``; without it, the worker that re-runs the script
stops with one line that says so, and when no worker
could start at all the documents are processed in this process instead, with a
warning that names the guard.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator

from . import worker


def default_workers() -> int:
    """The CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def spec_size(spec: dict[str, Any]) -> int:
    """A document's size in bytes or characters, for ordering the work largest first."""
    if spec.get("path") is not None:
        try:
            return os.path.getsize(spec["path"])
        except OSError:
            return 0
    value = spec.get("data") if spec.get("data") is not None else spec.get("text")
    return len(value) if isinstance(value, (str, bytes)) else 0


def balanced(specs: list[dict[str, Any]], n_bins: int) -> list[list[dict[str, Any]]]:
    """Specs in up to ``n_bins`` bins of similar total size (largest document first into the
    lightest bin), the heaviest bin first: no big document is left for the end of the run."""
    import heapq

    bins: list[list[dict[str, Any]]] = [[] for _ in range(max(1, n_bins))]
    totals = [(0, b) for b in range(len(bins))]
    for spec in sorted(specs, key=spec_size, reverse=True):
        total, b = heapq.heappop(totals)
        bins[b].append(spec)
        heapq.heappush(totals, (total + spec_size(spec) + 1, b))
    weight = {b: t for t, b in totals}
    order = sorted((b for b in range(len(bins)) if bins[b]), key=lambda b: -weight[b])
    return [bins[b] for b in order]


def chunked(specs: list[dict[str, Any]], workers: int, chunksize: int | None) -> list[list]:
    """Chunks of ``chunksize`` documents (largest first), or, by default, about 16 chunks
    per worker balanced by size."""
    if chunksize:
        ordered = sorted(specs, key=spec_size, reverse=True)
        return [ordered[i:i + chunksize] for i in range(0, len(ordered), chunksize)]
    return balanced(specs, min(len(specs), workers * 16))


def run_specs(specs: list[dict[str, Any]], *, model: str | None, split_pages: bool,
              workers: int | None, chunksize: int | None, progress: Callable[[int], None],
              cache_dir: str | None = None) -> Iterator[dict[str, Any]]:
    """Results for ``specs`` as they complete; ``progress(n)`` is called after each chunk.

    With ``cache_dir``, results of specs with a ``cache_key`` are cached by the workers."""
    workers = default_workers() if workers is None else max(1, int(workers))
    chunks = chunked(specs, workers, chunksize)
    if workers == 1 or len(specs) <= 1:
        for chunk in chunks:
            yield from worker.process_chunk(chunk, model, split_pages, cache_dir)
            progress(len(chunk))
        return
    yield from _pool_run(chunks, min(workers, len(chunks)), (model, split_pages, cache_dir),
                         progress)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


UNGUARDED = ("a worker process died: killed, out of memory, or started by a script whose corpus code "
             "is not under `if __name__ == \"__main__\":` (or use workers=1)")


def _pool_run(chunks, workers, args, progress) -> Iterator[dict[str, Any]]:
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        # a starting worker is importing the user's script and reached its corpus code: no guard
        # (the flag multiprocessing itself checks before its own bare RuntimeError). The worker
        # stops with one line, no traceback; the main process then does the work itself.
        import sys

        sys.stderr.write("plantext: Corpus.process(workers > 1) ran again inside a starting worker process: "
                         "put the script's corpus code under `if __name__ == \"__main__\":`, or use workers=1.\n")
        raise SystemExit(1)
    broken: list[tuple[list, BaseException]] = []
    worked = False
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        futures = {pool.submit(worker.process_chunk, chunk, *args): chunk for chunk in chunks}
        for future in as_completed(futures):
            chunk = futures[future]
            try:
                results = future.result()
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory, no main guard)
                broken.append((chunk, exc))
                continue
            worked = True
            yield from results
            progress(len(chunk))
    if broken and not worked:
        # no worker ever ran (typically a script without the main guard): do the work here instead
        import warnings

        from ..errors import PlanTextWarning

        warnings.warn("plantext 的工作进程没能启动，改在本进程中处理（脚本中请把语料处理代码放在 "
                      "`if __name__ == \"__main__\":` 之下）。 (The worker processes could not start, "
                      "usually because the script has no `if __name__ == \"__main__\":` guard; "
                      "processing in this process instead.)", PlanTextWarning, stacklevel=4)
        for chunk, _ in broken:
            yield from worker.process_chunk(chunk, *args)
            progress(len(chunk))
        return
    for chunk, exc in broken:  # some workers ran: these chunks' worker died (killed, out of memory)
        exc = BrokenProcessPool(f"{exc} ({UNGUARDED})")
        results = [worker._failure(s["doc_id"], exc, cacheable=False) for s in chunk]
        for res in results:
            res.pop("cacheable")
        yield from results
        progress(len(chunk))
