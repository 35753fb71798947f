"""Inter-annotator agreement: second annotations against the primary ones.

``corpora/real-gold/second/<name>.json`` is an independent second annotation
of the document that ``corpora/real-gold/<name>.json`` annotates. Paragraphs
are matched by line; roles are compared by accuracy, macro-F1 (the primary as
reference) and Cohen's kappa, themes by micro-F1 (``none`` excluded), as the
models are scored.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

from ..document import ROLES


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label sequences of equal length (1 for identical, 0 for chance)."""
    n = len(a)
    if not n:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b)) / n
    labels = set(a) | set(b)
    expected = sum((a.count(c) / n) * (b.count(c) / n) for c in labels)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def pairs(folder: pathlib.Path) -> list[tuple[str, dict, dict]]:
    """``(name, primary, second)`` for each second annotation with a primary beside it."""
    out = []
    for second in sorted((folder / "second").glob("*.json")):
        primary = folder / second.name
        if primary.is_file():
            out.append((second.stem, json.loads(primary.read_text(encoding="utf-8")),
                        json.loads(second.read_text(encoding="utf-8"))))
    return out


def agreement(folder: str | pathlib.Path) -> dict[str, Any]:
    """Role and theme agreement over all paired documents of ``folder``, and per document."""
    from .train import classification_report, multilabel_report

    folder = pathlib.Path(folder)
    roles_a, roles_b, themes_a, themes_b = [], [], [], []
    per_doc: dict[str, dict[str, Any]] = {}
    for name, primary, second in pairs(folder):
        a = {p["line"]: p for p in primary.get("paragraphs", [])}
        b = {p["line"]: p for p in second.get("paragraphs", [])}
        lines = sorted(set(a) & set(b))
        ra = [a[i]["role"] for i in lines]
        rb = [b[i]["role"] for i in lines]
        ta = [list(a[i].get("themes") or ["none"]) for i in lines]
        tb = [list(b[i].get("themes") or ["none"]) for i in lines]
        roles_a += ra
        roles_b += rb
        themes_a += ta
        themes_b += tb
        per_doc[name] = {"paragraphs": len(lines), "only_primary": len(set(a) - set(b)),
                         "only_second": len(set(b) - set(a)),
                         "role_accuracy": sum(x == y for x, y in zip(ra, rb)) / len(lines) if lines else 0.0,
                         "theme_micro_f1": multilabel_report(ta, tb)["micro_f1"]}
    roles = classification_report(roles_a, roles_b, list(ROLES))
    themes = multilabel_report(themes_a, themes_b)
    return {"documents": len(per_doc), "paragraphs": len(roles_a),
            "roles": {"accuracy": roles["accuracy"], "macro_f1": roles["macro_f1"],
                      "kappa": cohen_kappa(roles_a, roles_b),
                      "per_class_f1": {c: v["f1"] for c, v in roles["per_class"].items() if v["support"]}},
            "themes": {k: themes[k] for k in ("micro_f1", "micro_precision", "micro_recall", "tp", "fp", "fn")},
            "per_document": per_doc}
