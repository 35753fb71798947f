"""Walk through the README's commands as a new user would, and check what staff would see.

    python benchmarks/readme_walk.py [--out DIR] [--full] [--only N,M]

Each step runs the ``plantext`` command of this checkout in a fresh HOME (so
every cache starts empty: the encoder is converted, the team corpus indexed,
exactly as on a new machine; the existing virtual environment is used). Its
stdout and stderr are captured with the time of every write. Two checks per
step:

* **English**: runs of three or more English words in what staff read
  (``plantext.cli.zh.english_runs``); JSON and CSV outputs are data and are
  not checked;
* **silence**: the longest stretch without any output (start, every write,
  end). A step silent for more than 10 s fails.

Everything lands in ``--out`` (default ``tests/artefacts/readme-walk``): one
log per step, ``summary.json`` and ``summary.md``. ``--full`` adds the slow
research steps (cross-validated evaluation and training of the sm models).
The exit status is 1 when any step fails a check or exits non-zero unexpectedly.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SILENCE_LIMIT = 10.0
SAMPLE_DOCX = "corpora/samples/draft-plan.docx"
SAMPLE_TXT = "corpora/samples/draft-plan.txt"


def steps(out: pathlib.Path, full: bool) -> list[dict]:
    """The README's commands with real arguments, in the order a new user meets them."""
    seed = next(iter(sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))), None)
    mine = out / "my-plans"
    s = [
        ("help", ["--help"], "text"),
        ("audit the sample draft (README step 1)", ["audit", SAMPLE_DOCX], "text"),
        ("parse: outline tree", ["parse", SAMPLE_TXT], "text"),
        ("parse --json", ["parse", SAMPLE_TXT, "--json"], "data"),
        ("parse --csv", ["parse", SAMPLE_TXT, "--csv"], "data"),
        ("audit --profile 实施方案 --format json", ["audit", SAMPLE_DOCX, "--profile", "实施方案",
                                                  "--format", "json", "-o", str(out / "report.json")], "text"),
        ("audit --format html", ["audit", SAMPLE_DOCX, "--format", "html", "-o", str(out / "report.html")], "text"),
        ("audit --format docx", ["audit", SAMPLE_DOCX, "--format", "docx", "-o", str(out / "report.docx")], "text"),
        ("suggest --role --theme (first use: encoder, team corpus index)",
         ["suggest", "--role", "保障措施", "--theme", "养老", "-k", "3"], "text"),
        ("suggest TEXT --under", ["suggest", "每季度检查一次", "--under", "五、保障措施", "-k", "3"], "text"),
        ("suggest --theme 平安", ["suggest", "--theme", "平安", "-k", "2"], "text"),
        ("draft -o plan.docx", ["draft", "--type", "工作计划", "--theme", "文明", "--theme", "治安",
                                "--unit", "和平社区", "-o", str(out / "plan.docx")], "text"),
        ("complete -o completed.docx", ["complete", SAMPLE_DOCX, "-o", str(out / "completed.docx")], "text"),
        ("corpus build", ["corpus", "build", "corpora/community-v1/docs", "-o", str(out / "corpus.parquet"),
                          "--workers", "2"], "text"),
        ("corpus stats --by year", ["corpus", "stats", str(out / "corpus.parquet"), "--by", "year"], "text"),
        ("corpus index", ["corpus", "index", str(mine), "-o", str(out / "my-index")], "text"),
        ("suggest --corpus FOLDER (first time)", ["suggest", "--theme", "养老", "-k", "2", "--corpus", str(mine)],
         "text"),
        ("suggest --corpus FOLDER (again: cached)", ["suggest", "--theme", "养老", "-k", "2", "--corpus",
                                                     str(mine)], "text"),
        ("suggest --corpus INDEX", ["suggest", "--theme", "养老", "-k", "2", "--corpus", str(out / "my-index")],
         "text"),
        ("bad input: a missing file", ["audit", "no-such-plan.docx"], "error"),
        ("bad input: an unknown theme", ["draft", "--theme", "不存在"], "error"),
        ("evaluate outline", ["evaluate", "outline"], "data"),
    ]
    if seed is not None:
        s[4:4] = [("parse --many (a page of several plans)", ["parse", str(seed), "--many"], "text")]
        s.insert(10, ("audit a page of several plans --format html",
                      ["audit", str(seed), "--format", "html", "-o", str(out / "page.html")], "text"))
    if full:
        s += [("evaluate roles --model sm", ["evaluate", "roles", "--model", "sm"], "data"),
              ("train roles --model sm --no-cv", ["train", "roles", "--model", "sm", "--no-cv", "-o",
                                                 str(out / "roles-sm")], "data")]
    return [{"name": n, "args": a, "kind": k} for n, a, k in s]


def prepare(out: pathlib.Path) -> None:
    """A small folder of the user's own plans: ten documents of the team corpus."""
    mine = out / "my-plans"
    mine.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "corpora" / "community-v1" / "docs").glob("*.txt"))[:10]:
        shutil.copy(path, mine / path.name)


def run_step(step: dict, env: dict, log: pathlib.Path) -> dict:
    script = pathlib.Path(sys.executable).parent / "plantext"     # the venv's console script
    cmd = [str(script), *step["args"]]
    start = time.monotonic()
    stamps: list[float] = []
    chunks = {"stdout": [], "stderr": []}
    timeline: list[tuple[float, str, bytes]] = []
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def pump(stream, key):
        while True:
            data = stream.read1(4096) if hasattr(stream, "read1") else stream.read(4096)
            if not data:
                break
            stamps.append(time.monotonic() - start)
            chunks[key].append(data)
            timeline.append((stamps[-1], key, data))

    threads = [threading.Thread(target=pump, args=(proc.stdout, "stdout")),
               threading.Thread(target=pump, args=(proc.stderr, "stderr"))]
    for t in threads:
        t.start()
    rc = proc.wait()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    marks = [0.0, *sorted(stamps), seconds]
    silent = max(b - a for a, b in zip(marks, marks[1:]))
    stdout = b"".join(chunks["stdout"]).decode("utf-8", "replace")
    stderr = b"".join(chunks["stderr"]).decode("utf-8", "replace")
    log.with_suffix(".timeline").write_text("".join(
        f"{t:8.1f} {k} {d.decode('utf-8', 'replace').strip()[:100]!r}\n" for t, k, d in timeline),
        encoding="utf-8")
    log.write_text(f"$ plantext {' '.join(step['args'])}\n# exit {rc}, {seconds:.1f} s, "
                   f"longest silence {silent:.1f} s\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
                   encoding="utf-8")
    from plantext.cli.zh import english_runs

    shown = stderr + ("" if step["kind"] == "data" else stdout)
    english = sorted(set(english_runs(shown.replace("\r", "\n"))))
    ok_rc = (rc != 0) if step["kind"] == "error" else (rc == 0)
    return {"step": step["name"], "command": "plantext " + " ".join(step["args"]), "exit": rc,
            "seconds": round(seconds, 1), "longest_silence_s": round(silent, 1),
            "silent_over_limit": silent > SILENCE_LIMIT, "english": english, "exit_ok": ok_rc,
            "log": log.name}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "tests" / "artefacts" / "readme-walk")
    ap.add_argument("--full", action="store_true", help="add evaluate roles and train (slow)")
    ap.add_argument("--only", help="comma list of step numbers to run (1-based)")
    args = ap.parse_args()
    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    prepare(out)
    home = pathlib.Path(tempfile.mkdtemp(prefix="plantext-new-user-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANTEXT_")}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT / "src"), PYTHONIOENCODING="utf-8",
               COLUMNS="100", XDG_CACHE_HOME=str(home / ".cache"))
    todo = steps(out, args.full)
    picked = {int(i) for i in args.only.split(",")} if args.only else None
    results = []
    for n, step in enumerate(todo, 1):
        if picked and n not in picked:
            continue
        r = run_step(step, env, out / f"{n:02d}.log")
        results.append(r)
        flag = "ok" if r["exit_ok"] and not r["silent_over_limit"] and not r["english"] else "FAIL"
        print(f"{n:2d}. {flag:4s} {r['seconds']:6.1f} s  silent {r['longest_silence_s']:5.1f} s  "
              f"{step['name']}" + (f"  english: {r['english'][:3]}" if r["english"] else ""), flush=True)
    shutil.rmtree(home, ignore_errors=True)
    bad = [r for r in results if not r["exit_ok"] or r["silent_over_limit"] or r["english"]]
    (out / "summary.json").write_text(json.dumps({"steps": results, "failed": len(bad)}, ensure_ascii=False,
                                                 indent=1), encoding="utf-8")
    rows = "\n".join(f"| {i} | {r['command']} | {r['exit']} | {r['seconds']} | {r['longest_silence_s']} | "
                     f"{'; '.join(r['english'][:2]) or '-'} |" for i, r in enumerate(results, 1))
    (out / "summary.md").write_text("| # | command | exit | s | longest silence s | English |\n"
                                    "|---|---|---|---|---|---|\n" + rows + "\n", encoding="utf-8")
    print(f"{len(results)} steps, {len(bad)} failing; logs in {out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
