"""``plantext evaluate outline|roles|themes|ablation|suggest|agreement --gold DIR``.

``plantext evaluate agreement [--gold corpora/real-gold]`` compares the second
annotations in ``second/`` with the primary ones (roles: accuracy, macro-F1,
kappa; themes: micro-F1).

``plantext evaluate themes --zero-shot [--model sm|trf]`` scores zero-shot
themes (no trained theme model; embeddings with ``trf``).
"""

from __future__ import annotations

import json
import pathlib
import warnings

import click

from . import run


WHAT_ZH = {"outline": "提纲", "roles": "部分（角色）", "themes": "主题", "ablation": "审读（删节检验）",
           "suggest": "推荐表述", "agreement": "标注一致性"}
DURATION = {("outline", "sm"): "约1分钟", ("roles", "sm"): "约3–5分钟", ("themes", "sm"): "约3–5分钟",
            ("roles", "trf"): "约10–20分钟", ("themes", "trf"): "约8–15分钟", ("ablation", "sm"): "约2–5分钟",
            ("suggest", "sm"): "约2–5分钟"}


@click.command("evaluate")
@click.argument("what", type=click.Choice(["outline", "roles", "themes", "ablation", "suggest", "agreement"]))
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), default=None,
              help="人工标注（JSON）所在文件夹（默认 ../shared/gold；roles 和 themes 还读 corpora/real-gold："
                   "在训练部分上交叉验证，在留出的测试部分上报告结果）。")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), default=None,
              help="标注中文件路径的起点文件夹（默认为标注文件夹的上一级）。")
@click.option("--model", type=click.Choice(["sm", "trf"]), default="sm", show_default=True,
              help="检验哪个模型：sm 或 trf。")
@click.option("--folds", default=5, show_default=True, help="交叉验证的折数。")
@click.option("--zero-shot", "zero_shot", is_flag=True,
              help="只用于 themes：不用训练好的主题模型，只凭主题分类的名称和关键词标注"
                   "（--model trf 时再加语义相似度）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出全部结果。")
def evaluate_cmd(what: str, gold, root, model: str, folds: int, zero_shot: bool, as_json: bool) -> None:
    """用人工标注检验 WHAT：outline 提纲、roles 部分、themes 主题、ablation 审读、suggest 推荐、
    agreement 两次标注的一致性（模型按文档交叉验证）。"""
    from .train_cmd import _summary, default_shared

    if zero_shot and what != "themes":
        raise click.ClickException("--zero-shot 只用于 evaluate themes。")
    shared = default_shared()
    if what == "agreement":   # second annotations (GOLD/second) against the primary ones
        from ..learn.agreement import agreement
        from ..learn.split import REAL_GOLD

        result = agreement(gold or REAL_GOLD)
        shown = result if as_json else {k: v for k, v in result.items() if k != "per_document"}
        click.echo(json.dumps(shown, ensure_ascii=False, indent=1))
        return
    gold = gold or (shared / "gold" if shared else None)
    if gold is None:
        raise click.ClickException("找不到人工标注文件夹：请用 --gold 指定。")
    from ..progress import notice, ticking

    notice(f"正在检验{WHAT_ZH.get(what, what)}"
           f"（{'交叉验证' + str(folds) + '折，' if what in ('roles', 'themes') and not zero_shot else ''}"
           f"{DURATION.get((what, model), '约1–5分钟')}）……")
    with warnings.catch_warnings(), ticking(f"检验{WHAT_ZH.get(what, what)}"):
        warnings.simplefilter("ignore")
        result = run(_evaluate, what, gold, root, model, folds, zero_shot)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    elif what in ("roles", "themes"):
        from ..learn.train import held_out_summary

        head = {k: result[k] for k in ("mode", "taxonomy", "embeddings") if k in result}
        shown = head | _summary(result)
        if "held_out_test" in result:
            shown = head | {"cross_validation_train_split": _summary(result),
                            "held_out_test": held_out_summary(result["held_out_test"])}
        click.echo(json.dumps(shown, ensure_ascii=False, indent=1))
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
        from ..learn.train import (TrainingData, _default_factory, annotated_here, cross_validate, fit_final,
                                   gather, reads_silver, score_test)

        shared = pathlib.Path(root) if root else pathlib.Path(gold).parent
        data = gather(shared, silver=reads_silver(what, model))
        if pathlib.Path(gold).resolve() != (shared / "gold").resolve():
            from ..evaluate import load_gold

            data = TrainingData(data.team, load_gold(gold, root), data.silver)   # a folder of its own: CV only
        held_out: list = []
        result = cross_validate(data, task=what, make_model=_default_factory(what, model), k=folds,
                                held_out=held_out)
        if data.test:   # the fixed held-out split: the model fitted on the train split, scored once
            fitted, _ = fit_final(what, model, data, held_out=held_out)
            result["held_out_test"] = score_test(fitted, data.test, task=what, subset=annotated_here)
        return result
    if what == "ablation":
        from ..audit.ablation import run_ablation

        return run_ablation(gold, root)
    from ..suggest.evaluate import evaluate_relevance

    return evaluate_relevance(gold, root)
