"""``plantext evaluate outline|roles|themes|ablation|suggest --gold DIR``."""

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
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def evaluate_cmd(what: str, gold, root, model: str, folds: int, as_json: bool) -> None:
    """Measure WHAT against gold annotations (document-level CV for the models)."""
    from .train_cmd import _summary, default_shared

    shared = default_shared()
    gold = gold or (shared / "gold" if shared else None)
    if gold is None:
        raise click.ClickException("No gold folder: pass --gold DIR.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run(_evaluate, what, gold, root, model, folds)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    elif what in ("roles", "themes"):
        click.echo(json.dumps(_summary(result), ensure_ascii=False, indent=1))
    else:
        click.echo(json.dumps({k: v for k, v in result.items() if k not in ("per_document", "details")},
                              ensure_ascii=False, indent=1, default=str))


def _evaluate(what, gold, root, model, folds):
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
