"""``plantext evaluate outline|roles|themes|ablation|suggest --gold DIR``.

``plantext evaluate themes --zero-shot [--model sm|trf]`` scores zero-shot
themes (no trained theme model; embeddings with ``trf``).
"""

from __future__ import annotations

import json
import pathlib
import warnings

import click

from . import run


@click.command("evaluate")
@click.argument("what", type=click.Choice(["outline", "roles", "themes", "ablation", "suggest"]))
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), default=None,
              help="Folder of gold JSON files (default: ../shared/gold).")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), default=None,
              help="Folder the gold files' paths are relative to (default: the gold folder's parent).")
@click.option("--model", type=click.Choice(["sm", "trf"]), default="sm")
@click.option("--folds", default=5, show_default=True)
@click.option("--zero-shot", "zero_shot", is_flag=True,
              help="themes only: label from the taxonomy alone, no trained theme model "
                   "(keywords; with --model trf also embeddings).")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def evaluate_cmd(what: str, gold, root, model: str, folds: int, zero_shot: bool, as_json: bool) -> None:
    """Measure WHAT against gold annotations (document-level CV for the models)."""
    from .train_cmd import _summary, default_shared

    if zero_shot and what != "themes":
        raise click.ClickException("--zero-shot applies to 'evaluate themes' only.")
    shared = default_shared()
    gold = gold or (shared / "gold" if shared else None)
    if gold is None:
        raise click.ClickException("No gold folder: pass --gold DIR.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run(_evaluate, what, gold, root, model, folds, zero_shot)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    elif what in ("roles", "themes"):
        head = {k: result[k] for k in ("mode", "taxonomy", "embeddings") if k in result}
        click.echo(json.dumps(head | _summary(result), ensure_ascii=False, indent=1))
    else:
        click.echo(json.dumps({k: v for k, v in result.items() if k not in ("per_document", "details")},
                              ensure_ascii=False, indent=1, default=str))


def _evaluate(what, gold, root, model, folds, zero_shot=False):
    if zero_shot:
        from ..learn.zeroshot_eval import evaluate_zero_shot

        return evaluate_zero_shot(gold, root, embeddings=model == "trf")
    if what == "outline":
        from ..evaluate import evaluate_outline

        return evaluate_outline(gold, root, parse_kwargs={"model": "none"})
    if what in ("roles", "themes"):
        from ..learn.train import TrainingData, _default_factory, cross_validate, gather

        shared = pathlib.Path(root) if root else pathlib.Path(gold).parent
        data = gather(shared)
        if pathlib.Path(gold).resolve() != (shared / "gold").resolve():
            from ..evaluate import load_gold

            data = TrainingData(data.team, load_gold(gold, root), data.silver)
        return cross_validate(data, task=what, make_model=_default_factory(what, model), k=folds)
    if what == "ablation":
        from ..audit.ablation import run_ablation

        return run_ablation(gold, root)
    from ..suggest.evaluate import evaluate_relevance

    return evaluate_relevance(gold, root)
