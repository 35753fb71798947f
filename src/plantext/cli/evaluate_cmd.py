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
              help="人工标注（JSON）所在文件夹（默认 ../shared/gold）。")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), default=None,
              help="标注中文件路径的起点文件夹（默认为标注文件夹的上一级）。")
@click.option("--model", type=click.Choice(["sm", "trf"]), default="sm", show_default=True,
              help="检验哪个模型：sm 或 trf。")
@click.option("--folds", default=5, show_default=True, help="交叉验证的折数。")
@click.option("--zero-shot", "zero_shot", is_flag=True,
              help="只用于 themes：不用训练好的主题模型，只凭主题分类的名称和关键词标注"
                   "（--model trf 时再加语义相似度）。")
@click.option("--real", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), default=None,
              help="只用于 ablation：在这个文件夹的全部真实文件上做删节检验（如 ../shared/corpora/real），"
                   "按文种分别给出调参部分和留出部分的结果。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出全部结果。")
def evaluate_cmd(what: str, gold, root, model: str, folds: int, zero_shot: bool, real,
                 as_json: bool) -> None:
    """用人工标注检验 WHAT：outline 提纲、roles 部分、themes 主题、ablation 审读、suggest 推荐（模型按文档交叉验证）。"""
    from .train_cmd import _summary, default_shared

    if zero_shot and what != "themes":
        raise click.ClickException("--zero-shot 只用于 evaluate themes。")
    if real is not None:
        if what != "ablation":
            raise click.ClickException("--real 只用于 evaluate ablation。")
        from ..audit.ablation_real import format_table, run_real_ablation

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = run(run_real_ablation, real, model=model)
        click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json
                   else format_table(result["table"]))
        return
    shared = default_shared()
    gold = gold or (shared / "gold" if shared else None)
    if gold is None:
        raise click.ClickException("找不到人工标注文件夹：请用 --gold 指定。")
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
