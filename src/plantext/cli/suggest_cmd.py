"""``plantext suggest [TEXT] …`` and ``plantext corpus index DIR -o INDEX``."""

from __future__ import annotations

import json

import click

from . import run


MODE_ZH = {"hybrid": "混合检索", "sparse": "关键词检索", "dense": "语义检索"}


def reason_zh(reason: str) -> str:
    """Why semantic retrieval was not used, for staff (the details stay in --json)."""
    if "trf" in reason or "torch" in reason or "transformers" in reason or "encoder" in reason:
        return "未使用语义检索：没有安装或找不到语义模型（trf 组件），只按关键词检索"
    if "vector" in reason or "dense" in reason:
        return "未使用语义检索：这个索引没有语义向量，只按关键词检索"
    return "只按关键词检索"


def _codes(values: tuple[str, ...], resolve=lambda v: v) -> list[str] | None:
    out = [resolve(c.strip()) for v in values for c in v.replace("，", ",").split(",") if c.strip()]
    return out or None


@click.command("suggest")
@click.argument("text", required=False)
@click.option("--role", "-r", multiple=True,
              help="部分（角色）：主要任务、工作目标、保障措施……（中文名或代码，可重复或用逗号分隔）。")
@click.option("--theme", "-t", multiple=True, help="主题：养老、党建、平安……（中文名或代码，满足其一即可）。")
@click.option("-k", "k", type=click.IntRange(1, 100), default=5, show_default=True,
              help="推荐几条。")
@click.option("--corpus", "-c", type=click.Path(exists=True, file_okay=False),
              help="从哪里找表述：索引文件夹（plantext corpus index 建的）或一个放计划文件的文件夹"
                   "（第一次会建索引并缓存，文件不变时不再重建；默认用自带范文）。")
@click.option("--mode", type=click.Choice(["auto", "hybrid", "sparse", "dense"]), default="auto",
              show_default=True, help="检索方式：auto 自动（有语义模型时用 hybrid 混合检索）、sparse 关键词、dense 语义。")
@click.option("--under", "under", multiple=True,
              help="TEXT 所在的标题，从外到内（可重复）；不给 --role 时按标题判断部分。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def suggest_cmd(text, role, theme, k, corpus, mode, under, as_json) -> None:
    """为草稿文字 TEXT 或指定的 --role、--theme 推荐参考表述，并注明出处。"""
    from ..suggest import suggest

    if not text and not role and not theme:
        raise click.UsageError("请给出要参考的文字 TEXT，或 --role、--theme。")
    from .names import role_code, theme_code

    hits = run(suggest, text, role=_codes(role, role_code), theme=_codes(theme, theme_code), k=k,
               corpus=corpus, mode=mode,
               context=list(under) or None)
    guess = hits.role_guess
    if as_json:
        data = {"mode": hits.mode, "reason": hits.reason,
                "role_guess": None if guess is None else
                {"role": guess.role, "score": guess.score, "source": guess.source,
                 "applied": guess.filters},
                "suggestions": [h.to_dict() for h in hits]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from ..labels.names import role_zh, themes_zh

    if hits.reason:
        click.echo(f"（{MODE_ZH.get(hits.mode, hits.mode)}：{reason_zh(hits.reason)}）", err=True)
    if guess is not None:
        how = "按此部分筛选" if guess.filters else "把握不足，未筛选"
        click.echo(f"（推测这段文字属于：{role_zh(guess.role)}，把握 {guess.score:.2f}，"
                   f"依据{'标题' if guess.source == 'heading' else '模型'}；{how}）", err=True)
    if not hits:
        click.echo("没有找到合适的表述。", err=True)
    for n, h in enumerate(hits, 1):
        click.echo(f"{n}. {h.text}")
        click.echo(click.style(f"   {role_zh(h.role)}｜{themes_zh(h.themes) or '无主题'}｜"
                               f"出处：{h.describe_source()}｜相关度 {h.score:.3f}", dim=True))


@click.command("index")
@click.argument("folder", type=click.Path(exists=True))
@click.option("-o", "--out", "out", required=True, type=click.Path(),
              help="索引写到这个文件夹。")
@click.option("--dense/--no-dense", default=None,
              help="同时建语义索引（默认：装了 trf 组件时建）。")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="给未标注文档标注部分和主题的模型（默认 sm）。")
def corpus_index_cmd(folder, out, dense, model) -> None:
    """把 FOLDER 里的计划（.txt .md .html .docx .pdf）建成检索索引，供 plantext suggest --corpus 使用。"""
    from ..progress import notice
    from ..suggest import build_index

    notice(f"正在为 {folder} 建立检索索引：逐份读取和标注文档，再计算语义向量（每份文档约1–3秒）……")
    index = run(build_index, folder, out, dense="auto" if dense is None else dense, model=model)
    kind = "关键词 + 语义" if index.dense is not None else "仅关键词"
    click.echo(f"已为 {len(index.doc_index)} 份文档的 {len(index)} 句建立索引（{kind}），写入 {out}")
    for note in index.meta.get("skipped", []):
        click.echo(f"跳过：{note}", err=True)
    if index.meta.get("dense_skipped"):
        click.echo(index.meta["dense_skipped"], err=True)
