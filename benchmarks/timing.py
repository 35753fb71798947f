"""Shared timing for the benchmarks: the median wall time of repeated calls."""

from __future__ import annotations

import statistics
import time


def median_time(fn, runs: int, *, warmup: bool = False) -> float:
    """Median seconds of ``runs`` calls of ``fn`` (one untimed call first with ``warmup``)."""
    if warmup:
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
