"""How well zero-shot themes do: community-v1 treated as if it were a user's taxonomy.

No theme model is trained or loaded: :class:`~.zeroshot.ZeroShotThemer`
labels every paragraph of the gold documents from the taxonomy's names,
descriptions and keywords alone, and the result is scored like the trained
models (micro P/R/F1 over theme codes, ``none`` excluded).
"""

from __future__ import annotations

import pathlib
from typing import Any

from ..labels.taxonomy import DEFAULT_TAXONOMY, Taxonomy


def evaluate_zero_shot(gold_dir: str | pathlib.Path, root: str | pathlib.Path | None = None, *,
                       taxonomy: str | pathlib.Path | Taxonomy = DEFAULT_TAXONOMY,
                       embeddings: bool = False) -> dict[str, Any]:
    """Micro P/R/F1 of zero-shot themes on the gold documents of ``gold_dir``.

    ``embeddings=True`` adds the encoder's similarities to the keyword prior
    (needs torch and transformers). Units whose gold themes are unknown are
    skipped.
    """
    from ..evaluate import load_gold
    from .data import labelled_from_gold
    from .train import multilabel_report
    from .zeroshot import ZeroShotThemer

    themer = ZeroShotThemer(taxonomy, use_embeddings=bool(embeddings))
    docs = load_gold(gold_dir, root)
    gold, pred = [], []
    for doc in docs:
        ld = labelled_from_gold(doc)
        picks = themer.predict(ld.units)  # the whole plan: its topic informs each paragraph
        for themes, pick in zip(ld.themes, picks):
            if themes is not None:
                gold.append(themes)
                pred.append(pick)
    return {"task": "themes", "mode": "zero-shot", "taxonomy": themer.taxonomy.name,
            "embeddings": themer.embeddings_, "gold_docs": len(docs),
            "themes": multilabel_report(gold, pred)}
