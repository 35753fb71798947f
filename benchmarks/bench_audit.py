"""Benchmark: audit of a ~10,000-character plan with model="sm" (median of several runs).

Run: ``python benchmarks/bench_audit.py [--runs 7] [--chars 10000]``. Prints the
median audit time and its ratio to a bare ``jieba.lcut`` of the same text.
The first (warm-up) run loads jieba's dictionary and the models and is not counted.
"""

from __future__ import annotations

import argparse
import pathlib
import warnings

ROOT = pathlib.Path(__file__).resolve().parents[1]


def plan_text(chars: int) -> str:
    """A plan of about ``chars`` characters: team-corpus plans, concatenated under one title."""
    docs = sorted((ROOT / "corpora" / "community-v1" / "docs").glob("*.txt"))
    parts, total = ["某街道2024年社区工作计划"], 0
    for path in docs:
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]
        parts.append(body)
        total += len(body)
        if total >= chars:
            break
    return "\n".join(parts)[:chars]



from timing import median_time  # noqa: E402  (benchmarks/ is on sys.path when run)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--model", default="sm")
    args = ap.parse_args()
    import jieba

    from plantext.audit import audit

    text = plan_text(args.chars)
    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_audit = median_time(lambda: audit(text, model=args.model), args.runs, warmup=True)
        t_bare = median_time(lambda: audit(text, model=args.model, suggest=False), args.runs, warmup=True)
    t_jieba = median_time(lambda: tok.lcut(text), args.runs, warmup=True)
    print(f"text: {len(text)} characters, model={args.model}, median of {args.runs} runs")
    print(f"audit:                 {t_audit * 1000:8.1f} ms  ({t_audit / t_jieba:.1f}x jieba.lcut)")
    print(f"audit without suggest: {t_bare * 1000:8.1f} ms  ({t_bare / t_jieba:.1f}x jieba.lcut)")
    print(f"jieba.lcut:            {t_jieba * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
