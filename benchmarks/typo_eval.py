"""Injection benchmark of the audit's typo check on real documents the LM never saw.

    python benchmarks/typo_eval.py [--shared ../shared] [--folds 5] [--per-doc 12]

The 273 real documents are split into ``--folds`` folds by document. For each
fold a typo model is trained on the other folds plus the team corpus, and the
fold's documents are checked three ways:

- untouched: every finding is a false alarm (the documents are published
  text; the few real slips they contain count against us too);
- with misspellings from ``benchmarks/data/common_typos.txt`` injected (a pair
  whose right form occurs in the document is written wrong there, at most
  ``--per-doc`` places per document, 40 characters apart);
- with random substitutions: a character of a word replaced by a random
  character of the same pinyin (any tone), or by a shape-similar one.

A hit is a typo finding that overlaps the injected character. Folds 0–1 are
the dev folds the decision was calibrated on (``plantext train typos``, with
random substitutions, never the list); folds 2–4 are held out; figures are
printed for each and for all.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import re
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from plantext.audit.typo_calibrate import DEV_FOLDS, fold_of  # noqa: E402
from plantext.audit.typo_model import default_model, shape_groups, train_model, training_texts  # noqa: E402
from plantext.audit.typos import find_typos  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")
GAP = 40


def load_list(path: pathlib.Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            right, wrong = line.split()
            out.append((right, wrong))
    return out


def _free(taken: list[int], a: int) -> bool:
    return all(abs(a - t) >= GAP for t in taken)


def inject_list(text: str, pairs, rng: random.Random, per_doc: int):
    """(new text, [(start, end, right, wrong)]) with list misspellings written in."""
    sites = []
    for right, wrong in pairs:
        starts = [m.start() for m in re.finditer(re.escape(right), text)]
        if starts:
            sites.append((rng.choice(starts), right, wrong))
    rng.shuffle(sites)
    chosen, taken = [], []
    for a, right, wrong in sites:
        if len(chosen) >= per_doc:
            break
        if _free(taken, a):
            taken.append(a)
            chosen.append((a, a + len(right), right, wrong))
    chars = list(text)
    for a, b, right, wrong in chosen:
        chars[a:b] = list(wrong)
    return "".join(chars), chosen


def inject_random(text: str, subs: dict[str, list[str]], rng: random.Random, per_doc: int):
    """(new text, [(start, end, right, wrong)]) with random single-character substitutions."""
    cands = [i for i, ch in enumerate(text) if ch in subs
             and HAN.match(text[i - 1:i] or "x") and HAN.match(text[i + 1:i + 2] or "x")]
    rng.shuffle(cands)
    chosen, taken = [], []
    for i in cands:
        if len(chosen) >= per_doc:
            break
        if _free(taken, i):
            taken.append(i)
            chosen.append((i, i + 1, text[i], rng.choice(subs[text[i]])))
    chars = list(text)
    for a, _, _, wrong in chosen:
        chars[a] = wrong
    return "".join(chars), chosen


def substitution_tables(texts: list[str]) -> tuple[dict, dict]:
    """char → same-pinyin chars, char → shape-similar chars (common characters only)."""
    from pypinyin import Style, pinyin

    counts = collections.Counter(c for t in texts for c in HAN.findall(t))
    common = [c for c, _ in counts.most_common(3500)]
    by_sound = collections.defaultdict(set)
    sound = {}
    for c in common:
        sound[c] = {p for p in pinyin(c, style=Style.NORMAL, heteronym=True)[0]}
        for p in sound[c]:
            by_sound[p].add(c)
    same = {c: sorted({x for p in sound[c] for x in by_sound[p]} - {c}) for c in common}
    shape = collections.defaultdict(set)
    for g in shape_groups():
        for c in g:
            shape[c].update(x for x in g if x != c and x in counts)
    return ({c: v for c, v in same.items() if v},
            {c: sorted(v) for c, v in shape.items() if v and c in counts})


def hits(found, injected) -> int:
    return sum(any(t.start < b and a < t.end for t in found) for a, b, _, _ in injected)


def seed_and_team(shared: pathlib.Path, team: pathlib.Path) -> dict:
    """Planted typos found on the seed page and in the team corpus by the shipped model (no entries of theirs)."""
    out = {}
    gold_path = shared / "gold" / "seeds__000_416a0e5637168323.json"
    if gold_path.is_file():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found = find_typos((shared / gold["file"]).read_text(encoding="utf-8"))
        wanted = [g["wrong"] for g in gold["typos"]]
        out["seed_page"] = _score(found, wanted)
    total = {"planted": 0, "found": 0, "other_findings": 0}
    for ann in sorted((team / "annotations").glob("*.json")):
        gold = json.loads(ann.read_text(encoding="utf-8"))
        found = find_typos((team.parents[1] / gold["file"]).read_text(encoding="utf-8"))
        for k, v in _score(found, [g["wrong"] for g in gold.get("typos") or []]).items():
            total[k] += v
    out["team_corpus"] = total
    return out


def _score(found, wanted: list[str]) -> dict:
    match = lambda w, t: w in t.wrong or t.wrong in w  # noqa: E731
    return {"planted": len(wanted), "found": sum(any(match(w, t) for t in found) for w in wanted),
            "other_findings": sum(not any(match(w, t) for w in wanted) for t in found)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared")
    ap.add_argument("--team", type=pathlib.Path, default=ROOT / "corpora" / "community-v1")
    ap.add_argument("--folds", type=int, default=5, help="must match typo_calibrate.FOLDS for dev/held-out")
    ap.add_argument("--per-doc", type=int, default=12)
    ap.add_argument("--only-folds", default="", help="comma-separated folds to run (default all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print this many false alarms and misses")
    args = ap.parse_args(argv)

    pairs = load_list(ROOT / "benchmarks" / "data" / "common_typos.txt")
    ids, texts = training_texts(args.shared, None)
    _, team = training_texts(None, args.team)
    same, shape = substitution_tables(texts)
    shipped = default_model()
    calibration = shipped.meta.get("calibration") if shipped is not None else None
    folds = [int(f) for f in args.only_folds.split(",")] if args.only_folds else range(args.folds)
    rows = {}
    shown = collections.Counter()
    used_pairs = set()
    for f in folds:
        t0 = time.time()
        train = [t for i, t in zip(ids, texts) if fold_of(i, args.folds) != f] + team
        model = train_model(train)
        model.meta["calibration"] = calibration   # fitted on the dev folds only (plantext train typos)
        test = [(i, t) for i, t in zip(ids, texts) if fold_of(i, args.folds) == f]
        r = collections.Counter()
        for n, (doc_id, text) in enumerate(test):
            rng = random.Random(f"{args.seed}:{doc_id}")
            r["docs"] += 1
            r["chars"] += len(text)
            alarms = find_typos(text, model=model)
            r["alarms"] += len(alarms)
            for t in alarms:
                r["alarms:" + t.rule.split(":")[0] + (":" + t.rule.split(":")[1] if t.rule.startswith("rule") else "")] += 1
            for t in alarms[:args.show] if shown["fa"] < args.show else ():
                shown["fa"] += 1
                print(f"  FA {doc_id}: {text[max(0, t.start - 8):t.end + 8]!r} {t.wrong}→{t.right} {t.rule} {t.score}")
            for name, inject in (("list", lambda x: inject_list(x, pairs, rng, args.per_doc)),
                                 ("same_pinyin", lambda x: inject_random(x, same, rng, args.per_doc)),
                                 ("shape", lambda x: inject_random(x, shape, rng, args.per_doc))):
                bad, injected = inject(text)
                if not injected:
                    continue
                found = find_typos(bad, model=model)
                h = hits(found, injected)
                r[name + "_n"] += len(injected)
                r[name + "_hit"] += h
                if name == "list":
                    used_pairs.update((x[2], x[3]) for x in injected)
                if shown[name] < args.show:
                    for a, b, right, wrong in injected:
                        if not any(t.start < b and a < t.end for t in found) and shown[name] < args.show:
                            shown[name] += 1
                            print(f"  MISS {name}: {bad[max(0, a - 8):b + 8]!r} {wrong}→{right}")
        rows[f] = r
        print(f"fold {f}: {dict(r)} ({time.time() - t0:.0f} s)", file=sys.stderr)

    def summary(sel):
        s = collections.Counter()
        for f in sel:
            s.update(rows[f])
        out = {"docs": s["docs"], "chars": s["chars"], "alarms": s["alarms"],
               "alarms_per_100k": round(s["alarms"] / max(s["chars"], 1) * 1e5, 2),
               "alarms_by_check": {k.split(":", 1)[1]: v for k, v in sorted(s.items()) if k.startswith("alarms:")}}
        for name in ("list", "same_pinyin", "shape"):
            out[name] = {"injected": s[name + "_n"], "found": s[name + "_hit"],
                         "recall": round(s[name + "_hit"] / max(s[name + "_n"], 1), 3)}
        return out

    result = {"seed_and_team_with_shipped_model": seed_and_team(args.shared, args.team),
              "dev_folds": summary([f for f in rows if f in DEV_FOLDS]),
              "held_out_folds": summary([f for f in rows if f not in DEV_FOLDS]),
              "all": summary(list(rows)), "list_pairs": len(pairs), "list_pairs_injected": len(used_pairs)}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
