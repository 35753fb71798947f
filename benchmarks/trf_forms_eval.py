"""The shipped trf models scored with float32 and with onnx-int8 embeddings: same models, same documents.

    python benchmarks/trf_forms_eval.py [--split train|test] [--shared ../shared]

Scores ``models/roles-trf`` and ``models/themes-trf`` (trained on float32 embeddings) on the
real gold's train split (default) or held-out test split, once with each encoder form as the
embedding store (the persistent one in the user cache: the first run embeds every paragraph
in both forms, which takes a while on 2 cores), and prints the figures of ``plantext evaluate``
(role macro-F1 with headings and heading-stripped, theme micro-F1; the real gold alone too).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import warnings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--split", choices=["train", "test"], default="train")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    from plantext.learn.artifacts import load_model
    from plantext.learn.encoder import get_encoder
    from plantext.learn.train import annotated_here, gather, held_out_summary, score_test
    from plantext.learn.trf import EmbeddingStore
    from plantext.resources import models_dir

    data = gather(pathlib.Path(args.shared), silver=False)
    docs = data.gold if args.split == "train" else data.test
    models = {task: load_model(models_dir() / f"{task}-trf") for task in ("roles", "themes")}
    out = {}
    for form in (None, "onnx-int8"):
        EmbeddingStore._shared = EmbeddingStore(get_encoder(quantize=form))
        for task, model in models.items():
            summary = held_out_summary(score_test(model, docs, task=task, subset=annotated_here))
            summary.pop("themes_most_errors", None)
            out[f"{task} {form or 'float32'}"] = summary
            print(f"{task} {form or 'float32'}: {json.dumps(summary, ensure_ascii=False)}", flush=True)


if __name__ == "__main__":
    main()
