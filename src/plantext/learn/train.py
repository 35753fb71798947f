"""Training and evaluation of the role and theme models.

:func:`train` fits on the team corpus, the ``train`` split of the gold (the
dev gold and the real gold of ``corpora/real-gold``, :mod:`.split`) and
silver labels from real documents, and writes a model folder with meta.json.
:func:`cross_validate` measures on the train split with document-level folds
(the held-out gold documents never train the model that scores them);
:func:`score_test` scores the fitted model on the fixed ``test`` split, which
nothing is chosen on.
"""

from __future__ import annotations

import pathlib
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ..document import ROLES
from ..evaluate import GoldDoc, load_gold
from .data import (LabelledDoc, fingerprint, labelled_from_gold, silver_docs, silver_stripped,
                   strip_headings, team_docs)

SEED = 0


@dataclass
class TrainingData:
    team: list[GoldDoc]
    gold: list[GoldDoc]            # the train split: cross-validated, then trains the shipped model
    silver: list[LabelledDoc]
    test: list[GoldDoc] = field(default_factory=list)   # the fixed held-out split: scored only


def gather(shared: pathlib.Path | None, *, silver: bool = True, per_folder: int | None = 30,
           real_gold: bool = True, update_split: bool = False) -> TrainingData:
    """Team corpus, gold (train split) and silver; ``test`` holds the held-out real gold.

    ``real_gold=False`` reads the dev gold alone, all of it as train (the earlier protocol).
    ``update_split=True`` records newly annotated documents in the split file.
    """
    from .split import load_all_gold, real_key, split_gold

    team = team_docs()
    if real_gold:
        every = load_all_gold(shared)
        gold, test = split_gold(every, shared, update=update_split)
    else:
        every = gold = load_gold(shared / "gold", shared) if shared and (shared / "gold").is_dir() else []
        test = []
    sil: list[LabelledDoc] = []
    if silver and shared and (shared / "corpora" / "real").is_dir():
        exclude = {g.doc_id for g in every} | {real_key(g) for g in every}
        sil = silver_docs(shared / "corpora" / "real", exclude=exclude, per_folder=per_folder)
    return TrainingData(team, gold, sil, test)


def reads_silver(task: str, variant: str) -> bool:
    """Whether a model trains on silver labels: the ``sm`` role model only.

    Themes have no silver labels. The ``trf`` role model reads none since it
    trains on the real gold's train split: the e5 embeddings of the 49 silver
    documents (5,300 more paragraphs) take about 25 minutes on two shared CPU
    cores, and its CV on the train split is what its figures rest on.
    """
    return task == "roles" and variant == "sm"


def role_examples(docs: list[GoldDoc], silver: list[LabelledDoc]) -> tuple[list, list]:
    """Units and role labels: every annotated doc twice (as written, headings stripped)."""
    xs, ys = [], []
    for d in docs:
        for ld in (_full(d), _stripped(d)):
            xs.append(ld.units)
            ys.append(ld.roles)
    for s in silver:
        for ld in (s, _silver_stripped(s)):
            xs.append(ld.units)
            ys.append(ld.roles)
    return xs, ys


def theme_examples(docs: list[GoldDoc]) -> tuple[list, list]:
    xs, ys = [], []
    for d in docs:
        ld = _full(d)
        xs.append(ld.units)
        ys.append(ld.themes)
    return xs, ys


_CACHE: dict[tuple[str, str], LabelledDoc] = {}


def _full(d: GoldDoc) -> LabelledDoc:
    key = (str(d.path), "full")
    if key not in _CACHE:
        _CACHE[key] = labelled_from_gold(d)
    return _CACHE[key]


def _stripped(d: GoldDoc) -> LabelledDoc:
    key = (str(d.path), "stripped")
    if key not in _CACHE:
        text, line_map = strip_headings(d)
        _CACHE[key] = labelled_from_gold(d, text=text, line_map=line_map, source="stripped")
    return _CACHE[key]


def _silver_stripped(s: LabelledDoc) -> LabelledDoc:
    key = (s.doc_id, "silver-stripped")
    if key not in _CACHE:
        _CACHE[key] = silver_stripped(s)
    return _CACHE[key]


# -- metrics ---------------------------------------------------------------

def classification_report(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, Any]:
    per = {}
    for c in labels:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[c] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                  "support": tp + fn}
    present = [c for c in labels if per[c]["support"]]
    confusion = {g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in labels}
                 for g in present}
    return {"per_class": per, "macro_f1": float(np.mean([per[c]["f1"] for c in present])) if present else 0.0,
            "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
            "n": len(gold), "confusion": confusion}


def multilabel_report(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Any]:
    """Micro P/R/F1 over theme codes, ``none`` excluded; per-theme F1."""
    tp = fp = fn = 0
    per: dict[str, list[int]] = {}
    for g, p in zip(gold, pred):
        gs, ps = set(g) - {"none"}, set(p) - {"none"}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
        for c in gs | ps:
            t = per.setdefault(c, [0, 0, 0])
            t[0] += c in gs and c in ps
            t[1] += c in ps and c not in gs
            t[2] += c in gs and c not in ps
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    per_f1 = {c: (2 * a / (2 * a + b + d) if a else 0.0) for c, (a, b, d) in sorted(per.items())}
    return {"micro_precision": prec, "micro_recall": rec,
            "micro_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "per_theme_f1": per_f1, "n": len(gold), "tp": tp, "fp": fp, "fn": fn}


def errors_by_document(pairs: dict[str, tuple[list, list]]) -> dict[str, dict[str, Any]]:
    """Theme errors of each held-out document (``pairs``: doc id → gold and predicted lists),
    most errors first, with each document's share of all the errors."""
    reports = {d: multilabel_report(g, p) for d, (g, p) in pairs.items()}
    total = sum(r["fp"] + r["fn"] for r in reports.values()) or 1
    rows = {d: {"micro_f1": r["micro_f1"], "tp": r["tp"], "fp": r["fp"], "fn": r["fn"], "n": r["n"],
                "share_of_errors": (r["fp"] + r["fn"]) / total} for d, r in reports.items()}
    return dict(sorted(rows.items(), key=lambda kv: -(kv[1]["fp"] + kv[1]["fn"])))


# -- cross-validation ---------------------------------------------------------

def folds_of(docs: list[GoldDoc], k: int, seed: int = SEED) -> list[list[int]]:
    order = np.random.default_rng(seed).permutation(len(docs))
    return [sorted(int(i) for i in order[f::k]) for f in range(k)]


def cross_validate(data: TrainingData, *, task: str, make_model: Callable[[], Any],
                   k: int = 5, split_seed: int = SEED, held_out: list | None = None) -> dict[str, Any]:
    """Document-level k-fold CV on the dev gold; the team corpus and silver always train.

    ``split_seed`` draws the folds (the default is the split every reported figure uses).
    For a role model with a stacker (``fit_stack``), each held-out document's
    stacker rows are kept; the reported figures are then those of the stacked
    model, each fold scored by a stacker fitted on the other folds' rows only,
    and ``unstacked`` holds the plain model's. ``held_out``, if given,
    receives every held-out document's (rows, gold roles), for the final
    model's stacker. For themes, ``themes_by_document`` counts each held-out
    document's errors (most first): a few documents can hold most of them.
    """
    gold = data.gold
    all_gold, all_pred, strip_gold, strip_pred = [], [], [], []
    sweep: dict[float, tuple[list, list, list, list]] = {}
    stack_rows: list[tuple[int, LabelledDoc, bool, np.ndarray, np.ndarray]] = []
    by_doc: dict[str, tuple[list, list]] = {}
    t0 = time.perf_counter()
    for f, fold in enumerate(folds_of(gold, min(k, len(gold)), split_seed)):
        train_docs = data.team + [g for i, g in enumerate(gold) if i not in fold]
        test_docs = [gold[i] for i in fold]
        if task == "roles":
            xs, ys = role_examples(train_docs, data.silver)
            model = make_model().fit(xs, ys)
            for d in test_docs:
                _score_held_out(model, _full(d), _stripped(d), (all_gold, all_pred, strip_gold, strip_pred), sweep,
                                stack_rows=stack_rows, fold=f)
        else:
            xs, ys = theme_examples(train_docs)
            model = make_model().fit(xs, ys)
            for d in test_docs:
                ld = _full(d)
                g, p = by_doc[d.doc_id] = [], []
                for y, pr in zip(ld.themes, model.predict(ld.units)):
                    if y is not None:
                        g.append(y)
                        p.append(pr)
                all_gold.extend(g)
                all_pred.extend(p)
    out: dict[str, Any] = {"task": task, "folds": min(k, len(gold)), "gold_docs": len(gold),
                           "team_docs": len(data.team), "silver_docs": len(data.silver),
                           "seconds": round(time.perf_counter() - t0, 1)}
    if task == "roles":
        out["with_headings"] = classification_report(all_gold, all_pred, list(ROLES))
        out["heading_stripped"] = classification_report(strip_gold, strip_pred, list(ROLES))
        if stack_rows:
            out["unstacked"] = {"with_headings": out["with_headings"], "heading_stripped": out["heading_stripped"]}
            out.update(_stacked_figures(model, stack_rows))
            if held_out is not None:
                held_out.extend((x, ld.roles) for _, ld, _, x, _ in stack_rows)
        if sweep:
            out["sm_weight_sweep"] = {
                str(w): {"with_headings": classification_report(a, b, list(ROLES)),
                         "heading_stripped": classification_report(c, d, list(ROLES))}
                for w, (a, b, c, d) in sorted(sweep.items())}
    else:
        out["themes"] = multilabel_report(all_gold, all_pred)
        out["themes_by_document"] = errors_by_document(by_doc)
    return out


SM_WEIGHTS = (0.0, 0.3, 0.5, 0.7, 1.0)


def _score_held_out(model, full: LabelledDoc, stripped: LabelledDoc, scores: tuple[list, list, list, list],
                    sweep: dict, *, stack_rows: list | None = None, fold: int = 0) -> None:
    """Gold and predicted roles of a held-out document, as written and with headings stripped.

    ``scores`` receives (gold, predicted) with headings and (gold, predicted)
    stripped. For a model that mixes an ``sm`` part in, each version's parts
    are computed once and re-mixed: at the model's own weight into ``scores``,
    at each weight of :data:`SM_WEIGHTS` into ``sweep``, which shows what the
    ``sm`` part adds at almost no cost. A model with a stacker also appends
    (fold, document, stripped?, stacker rows, base probabilities) to ``stack_rows``.
    """
    mixes = getattr(model, "sm_", None) is not None and hasattr(model, "mix")
    for ld, slot, only in ((full, 0, False), (stripped, 2, True)):
        if not ld.units:
            continue
        if not mixes:
            _collect(ld, model.predict(ld.units), scores[slot], scores[slot + 1], only_heading_roles=only)
            continue
        stacks = stack_rows is not None and hasattr(model, "fit_stack")
        parts = model.parts(ld.units, unsmoothed=True) if stacks else model.parts(ld.units)
        p, p_sm = parts[:2]
        if stacks:
            stack_rows.append((fold, ld, only, *model.stack_inputs(ld.units, parts=parts)))
        targets = [(model.sm_weight, scores)] + [(w, sweep.setdefault(w, ([], [], [], []))) for w in SM_WEIGHTS]
        for w, out in targets:
            pred = [model.classes_[i] for i in model.mix(p, p_sm, w).argmax(axis=1)]
            _collect(ld, pred, out[slot], out[slot + 1], only_heading_roles=only)


def _stacked_figures(model, rows: list[tuple[int, LabelledDoc, bool, np.ndarray, np.ndarray]]) -> dict[str, Any]:
    """Figures of the stacked model: each fold's documents scored by a stacker fitted on the other folds'.

    ``model`` (any fold's; its stacker is overwritten) supplies the stacker's settings.
    """
    out: tuple[list, list, list, list] = ([], [], [], [])
    for f in sorted({r[0] for r in rows}):
        model.fit_stack([(x, ld.roles) for g, ld, _, x, _ in rows if g != f])
        for g, ld, only, x, base in rows:
            if g != f:
                continue
            probs = model.stack_.predict_proba(x, base) if model.stack_ is not None else base
            pred = [model.classes_[i] for i in probs.argmax(axis=1)]
            _collect(ld, pred, out[2 if only else 0], out[3 if only else 1], only_heading_roles=only)
    return {"with_headings": classification_report(out[0], out[1], list(ROLES)),
            "heading_stripped": classification_report(out[2], out[3], list(ROLES)),
            "stacker": {"C": model.stack_C, "rows": int(sum(len(x) for _, _, _, x, _ in rows))}}


def _collect(ld: LabelledDoc, pred: list[str], gold_out: list, pred_out: list, *, only_heading_roles: bool) -> None:
    """Gold and predicted roles of the labelled units (heading-decided ones only, when stripped)."""
    for u, g, frm, p in zip(ld.units, ld.roles, ld.role_from, pred):
        if g is None:
            continue
        if only_heading_roles and frm != "heading":
            continue
        gold_out.append(g)
        pred_out.append(u.fixed_role or p if not only_heading_roles else p)


# -- the fixed held-out split -------------------------------------------------------

def score_test(model, docs: list[GoldDoc], *, task: str, subset: Callable[[GoldDoc], bool] | None = None
               ) -> dict[str, Any]:
    """Figures of a fitted ``model`` on held-out gold documents (the test split).

    Roles: macro-F1 with headings (rules + model) and heading-stripped (the
    heading-decided paragraphs of the text without its headings); themes:
    micro-F1 and the errors of each document (``themes_by_document``).
    ``subset`` (a test on documents) adds the same figures for those documents
    alone under ``"subset"``.
    """
    out: dict[str, Any] = {"documents": len(docs), "doc_ids": [d.doc_id for d in docs]}
    if not docs:
        return out
    rows: dict[str, tuple] = {}
    for d in docs:
        if task == "roles":
            r: tuple[list, list, list, list] = ([], [], [], [])
            full, stripped = _full(d), _stripped(d)
            if full.units:
                _collect(full, model.predict(full.units), r[0], r[1], only_heading_roles=False)
            if stripped.units:
                _collect(stripped, model.predict(stripped.units), r[2], r[3], only_heading_roles=True)
        else:
            ld = _full(d)
            r = ([], [])
            for y, pr in zip(ld.themes, model.predict(ld.units) if ld.units else []):
                if y is not None:
                    r[0].append(y)
                    r[1].append(pr)
        rows[d.doc_id] = r
    out.update(_test_reports(rows, task))
    if subset is not None:
        chosen = {d.doc_id for d in docs if subset(d)}
        out["subset"] = {"documents": len(chosen),
                         **_test_reports({k: v for k, v in rows.items() if k in chosen}, task)}
    return out


def _test_reports(rows: dict[str, tuple], task: str) -> dict[str, Any]:
    if task == "roles":
        cat = [sum((r[i] for r in rows.values()), []) for i in range(4)]
        return {"with_headings": classification_report(cat[0], cat[1], list(ROLES)),
                "heading_stripped": classification_report(cat[2], cat[3], list(ROLES))}
    return {"themes": multilabel_report(sum((r[0] for r in rows.values()), []),
                                        sum((r[1] for r in rows.values()), [])),
            "themes_by_document": errors_by_document(dict(rows))}


# -- final training ------------------------------------------------------------

def fit_final(task: str, variant: str, data: TrainingData, *, make_model: Callable[[], Any] | None = None,
              held_out: list | None = None):
    """The model fitted on the team corpus, the train split of the gold and silver; and its examples."""
    model = (make_model or _default_factory(task, variant))()
    if task == "roles":
        xs, ys = role_examples(data.team + data.gold, data.silver)
    else:
        xs, ys = theme_examples(data.team + data.gold)
    model.fit(xs, ys)
    if held_out and hasattr(model, "fit_stack"):
        model.fit_stack(held_out)
    return model, xs


def train(task: str, variant: str, shared: pathlib.Path | None, out: pathlib.Path,
          *, metrics: dict[str, Any] | None = None, make_model: Callable[[], Any] | None = None,
          held_out: list | None = None, data: TrainingData | None = None,
          test_metrics: dict[str, Any] | None = None) -> pathlib.Path:
    """Fit on the team corpus, the gold's train split and silver, and write the model folder.

    ``held_out`` (filled by :func:`cross_validate`) fits the stacker of a model that has one.
    The fitted model is scored on the test split (:func:`score_test`); ``test_metrics``,
    if given, receives those figures. ``metrics`` (the cross-validation's) and the test
    figures (``held_out_test``) go to meta.json.
    """
    from .artifacts import write_meta
    from .split import SPLIT_FILE

    data = data or gather(shared, silver=reads_silver(task, variant))
    model, xs = fit_final(task, variant, data, make_model=make_model, held_out=held_out)
    test = score_test(model, data.test, task=task, subset=annotated_here)
    if test_metrics is not None:
        test_metrics.update(test)
    out.mkdir(parents=True, exist_ok=True)
    _clear_model_files(out)
    model.save(out)
    sources = {
        "team_corpus": {"documents": len(data.team),
                        "sha256": fingerprint([d.path for d in data.team])},
        "gold_train": {"documents": len(data.gold), "sha256": fingerprint([d.path for d in data.gold])},
        "gold_test": {"documents": len(data.test), "sha256": fingerprint([d.path for d in data.test]),
                      "used_for": "held-out figures only",
                      "split_file": SPLIT_FILE.name if SPLIT_FILE.is_file() else None},
        "silver_real": {"documents": len(data.silver), "used_for": "roles" if task == "roles" and data.silver else "none"},
    }
    metrics = dict(metrics or {})
    if data.test:
        metrics["held_out_test"] = held_out_summary(test)
    meta = {"name": f"{task}-{variant}", "kind": f"{task}-{variant}", "version": getattr(model, "version", "1.0.0"),
            "task": task, "variant": variant, "seed": SEED, "params": model.get_params(),
            "description": " ".join((type(model).__doc__ or "").split("\n\n")[0].split()),
            "training_data": sources, "examples": int(sum(len(x) for x in xs)),
            "labels": list(getattr(model, "classes_", [])), "metrics": metrics}
    write_meta(out, meta, _card(meta))
    return out


def annotated_here(doc: GoldDoc) -> bool:
    """True for a document of ``corpora/real-gold`` (not of the dev gold, which earlier choices were made on)."""
    from .split import REAL_GOLD

    return doc.path.resolve().parent == REAL_GOLD.resolve()


def held_out_summary(t: dict[str, Any]) -> dict[str, Any]:
    """The held-out figures in short (as meta.json and the command line show them)."""
    keep: dict[str, Any] = {"documents": t.get("documents", 0)}
    if "subset" in t and t["subset"].get("documents"):
        keep["real_gold_only"] = {k: v for k, v in held_out_summary(t["subset"]).items()
                                  if k != "themes_most_errors"}
    for key in ("with_headings", "heading_stripped"):
        if key in t:
            keep[key] = {"macro_f1": round(t[key]["macro_f1"], 4), "accuracy": round(t[key]["accuracy"], 4),
                         "n": t[key]["n"]}
    if "themes" in t:
        keep["themes"] = {k: round(t["themes"][k], 4) for k in ("micro_precision", "micro_recall", "micro_f1")}
        keep["themes_most_errors"] = {
            d: {"fp": r["fp"], "fn": r["fn"], "share_of_errors": round(r["share_of_errors"], 3),
                "micro_f1": round(r["micro_f1"], 4)}
            for d, r in list(t.get("themes_by_document", {}).items())[:5]}
    return keep


def _clear_model_files(folder: pathlib.Path) -> None:
    """Remove an earlier model's files from a model folder, so that none outlives a retraining
    (meta.json would list and hash them). A folder without meta.json is left alone."""
    if not (folder / "meta.json").is_file():
        return
    for p in folder.iterdir():
        if p.is_file() and (p.suffix in (".npz", ".safetensors") or p.name.endswith("labels.json")
                            or p.name in ("meta.json", "README.md")):
            p.unlink()


def _default_factory(task: str, variant: str) -> Callable[[], Any]:
    if variant == "sm":
        from .sm import RoleModelSM, ThemeModelSM
        return RoleModelSM if task == "roles" else ThemeModelSM
    from .trf import RoleModelTRF, ThemeModelTRF
    return RoleModelTRF if task == "roles" else ThemeModelTRF


def _card(meta: dict[str, Any]) -> str:
    m = meta.get("metrics") or {}
    lines = [f"# {meta['name']}", "",
             f"plantext {meta['task']} model, variant `{meta['variant']}`, version {meta['version']}.", "",
             *([meta["description"], ""] if meta.get("description") else []),
             "Trained with `plantext train " + f"{meta['task']} --model {meta['variant']}` "
             f"on {meta['examples']} labelled paragraphs: the team corpus (community-v1), "
             "the train split of the real gold (dev gold and corpora/real-gold)"
             + (" and silver labels from the headings of real documents." if
                (meta.get("training_data", {}).get("silver_real") or {}).get("used_for") == "roles" else ".") + "",
             "", "## Cross-validated figures on the train split (document-level folds)", ""]
    if meta["task"] == "roles" and m:
        lines.append(f"- heading-stripped macro-F1: {m.get('heading_stripped', {}).get('macro_f1', 0):.3f}")
        lines.append(f"- with headings macro-F1: {m.get('with_headings', {}).get('macro_f1', 0):.3f}, "
                     f"accuracy {m.get('with_headings', {}).get('accuracy', 0):.3f}")
    elif m:
        lines.append(f"- theme micro-F1 (none excluded): {m.get('themes', {}).get('micro_f1', 0):.3f}")
    test = m.get("held_out_test") or {}
    if test:
        lines += ["", f"## Held-out test split ({test.get('documents', 0)} documents, nothing chosen on them)", ""]
        if meta["task"] == "roles":
            lines.append(f"- heading-stripped macro-F1: {test.get('heading_stripped', {}).get('macro_f1', 0):.3f}")
            lines.append(f"- with headings macro-F1: {test.get('with_headings', {}).get('macro_f1', 0):.3f}, "
                         f"accuracy {test.get('with_headings', {}).get('accuracy', 0):.3f}")
        else:
            lines.append(f"- theme micro-F1 (none excluded): {test.get('themes', {}).get('micro_f1', 0):.3f}")
    lines += ["", "Labels: " + ", ".join(meta.get("labels", [])), "",
              "Weights are plain arrays (no pickle); `meta.json` records file hashes and is checked on load."]
    return "\n".join(lines) + "\n"
