"""``plantext train roles|themes --model sm|trf`` and ``plantext train typos``."""

from __future__ import annotations

import json
import pathlib
import warnings

import click

from . import run


def default_shared() -> pathlib.Path | None:
    here = pathlib.Path.cwd()
    for base in (here, *here.parents):
        if (base / "shared" / "gold").is_dir():
            return base / "shared"
        if (base.parent / "shared" / "gold").is_dir() and (base / "pyproject.toml").is_file():
            return base.parent / "shared"
    return None


@click.command("train")
@click.argument("task", type=click.Choice(["roles", "themes", "typos"]))
@click.option("--model", "variant", type=click.Choice(["sm", "trf"]), default="sm", show_default=True,
              help="训练哪个模型：sm 或 trf。")
@click.option("--shared", type=click.Path(file_okay=False, path_type=pathlib.Path), default=None,
              help="含 gold/ 和 corpora/real/ 的文件夹（默认 ../shared）。")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=pathlib.Path), default=None,
              help="模型写到这个文件夹（默认 models/任务-模型）。")
@click.option("--cv/--no-cv", default=True, help="先在人工标注的训练部分上交叉验证，结果写入 meta.json。")
@click.option("--folds", default=5, show_default=True, help="交叉验证的折数。")
def train_cmd(task: str, variant: str, shared, out, cv: bool, folds: int) -> None:
    """用团队语料、人工标注的训练部分和自动标注训练 TASK（roles 部分 / themes 主题）的模型，
    报告训练部分的交叉验证和留出测试部分的结果。

    typos：用真实文档语料和团队语料训练错别字检查的字级语言模型和易混字表；
    带 --cv 时先在开发折上校准判定阈值（--model 不适用；留出折的效果见 benchmarks/typo_eval.py）。
    """
    from ..learn.registry import classifier_for, models_dir
    from ..learn.train import cross_validate, gather, held_out_summary, reads_silver, train

    if task == "typos":
        return _train_typos(shared or default_shared(), out, cv)

    shared = shared or default_shared()
    out = out or models_dir() / f"{task}-{variant}"
    from ..progress import notice, ticking

    notice(f"正在训练 {task} 模型（{variant}）：先交叉验证再训练，sm 约3–5分钟，trf 约15–30分钟……")
    with warnings.catch_warnings(), ticking(f"训练 {task}-{variant}"):
        warnings.simplefilter("ignore")
        metrics: dict = {}
        held_out: list = []
        data = run(gather, shared, update_split=True, silver=reads_silver(task, variant)) \
            if shared is not None else None
        if cv and shared is not None:
            from ..learn.train import _default_factory

            metrics = run(cross_validate, data, task=task, make_model=_default_factory(task, variant), k=folds,
                          held_out=held_out)
            click.echo(json.dumps({"cross_validation_train_split": _summary(metrics)}, ensure_ascii=False,
                                  indent=1))
        test: dict = {}
        path = run(train, task, variant, shared, out, metrics=_summary(metrics) if metrics else None,
                   held_out=held_out, data=data, test_metrics=test)
        if test.get("documents"):
            click.echo(json.dumps({"held_out_test": held_out_summary(test)}, ensure_ascii=False, indent=1))
        if (task, variant) == ("roles", "trf") and not held_out:
            click.echo("注意：没有交叉验证的留出预测，trf 部分模型不带 stacker（has no stacker），"
                       "按固定的 sm_weight 组合各部分。", err=True)
    classifier_for.cache_clear()
    click.echo(f"已写入 {path}")


def _train_typos(shared, out, calibrated: bool) -> None:
    from ..audit.typo_model import MODEL_NAME, _load, model_path, train_model, training_texts
    from ..learn.registry import models_dir

    if shared is None:
        raise click.ClickException("找不到共享语料（../shared/corpora/real）：请用 --shared 指定。")
    team = models_dir().parent / "corpora" / "community-v1"
    from ..audit.typo_calibrate import calibrate

    ids, texts = training_texts(shared, None)
    if not texts:
        raise click.ClickException(f"{shared}/corpora/real 下没有 .txt 文档，无法训练错别字模型。")
    _, team_texts = training_texts(None, team if team.is_dir() else None)
    meta = {"training_data": {
        "real_corpus": {"documents": len(ids), "path": "shared/corpora/real"},
        "team_corpus": {"documents": len(team_texts), "path": "corpora/community-v1/docs",
                        "note": "its annotated slips are written right before counting"}}}
    if calibrated:
        click.echo("正在用开发集各折校准判定阈值（另训练两个不含它们的语言模型）……", err=True)
        meta["calibration"] = calibrate(ids, texts, team_texts)
        click.echo(json.dumps(meta["calibration"]["fit"], ensure_ascii=False))
    model = train_model(texts + team_texts, meta=meta)
    path = out or models_dir() / MODEL_NAME
    model.save(path)
    _load.cache_clear()
    click.echo(f"已写入 {path}（{model.meta['ngrams']} 个 n 元组，{model.meta['confusable_characters']} "
               f"个有候选的易混字；默认模型：{model_path()}）")


def _summary(m: dict) -> dict:
    if not m:
        return {}
    keep = {k: m[k] for k in ("task", "folds", "gold_docs", "team_docs", "silver_docs") if k in m}
    for key in ("with_headings", "heading_stripped"):
        if key in m:
            keep[key] = {"macro_f1": round(m[key]["macro_f1"], 4), "accuracy": round(m[key]["accuracy"], 4),
                         "n": m[key]["n"],
                         "per_class_f1": {c: round(v["f1"], 4) for c, v in m[key]["per_class"].items()
                                          if v["support"]}}
    if "unstacked" in m:
        keep["unstacked"] = {k: {"macro_f1": round(v["macro_f1"], 4), "accuracy": round(v["accuracy"], 4)}
                             for k, v in m["unstacked"].items()}
        keep["stacker"] = m["stacker"]
    if "sm_weight_sweep" in m:
        keep["sm_weight_sweep"] = {
            w: {k: {"macro_f1": round(r[k]["macro_f1"], 4), "accuracy": round(r[k]["accuracy"], 4)}
                for k in ("heading_stripped", "with_headings")}
            for w, r in m["sm_weight_sweep"].items()}
    if "themes" in m:
        t = m["themes"]
        keep["themes"] = {k: round(t[k], 4) for k in ("micro_precision", "micro_recall", "micro_f1")}
        keep["themes"]["per_theme_f1"] = {c: round(v, 4) for c, v in t["per_theme_f1"].items()}
    if "themes_by_document" in m:  # where the errors sit: the three documents with the most
        keep["themes_most_errors"] = {
            d: {"fp": r["fp"], "fn": r["fn"], "share_of_errors": round(r["share_of_errors"], 3),
                "micro_f1": round(r["micro_f1"], 4)}
            for d, r in list(m["themes_by_document"].items())[:3]}
    return keep
