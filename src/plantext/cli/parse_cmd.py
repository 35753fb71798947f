"""``plantext parse FILE [--tree|--json|--csv]``."""

from __future__ import annotations

import json
import sys
import warnings

import click

from . import run


@click.command("parse")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--tree", "fmt", flag_value="tree", default=True, help="树形提纲（默认）。")
@click.option("--json", "fmt", flag_value="json", help="以 JSON 输出整份计划。")
@click.option("--csv", "fmt", flag_value="csv", help="每个句子一行，输出 CSV（带 BOM，Excel 可直接打开）。")
@click.option("--many", is_flag=True, help="一页里有几份计划时逐份分开。")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="部分和主题的标注模型（默认 sm；trf 更准但更慢；none 不标注）。")
@click.option("--raw", is_flag=True, help="不清理文本（位置按原文件计算）。")
def parse_cmd(source: str, fmt: str, many: bool, model: str | None, raw: bool) -> None:
    """读出 SOURCE（.txt .md .html .docx .pdf）的提纲，标注各部分的角色和主题。"""
    import plantext as pt

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plans = run(pt.parse_many if many else pt.parse, source, clean=not raw, model=model)
    plans = plans if isinstance(plans, list) else [plans]
    if fmt == "json":
        data = [p.to_dict() for p in plans]
        click.echo(json.dumps(data if many else data[0], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import pandas as pd

        from ..corpus.frames import csv_ready
        from ..labels.names import role_zh, themes_zh

        frame = pd.concat([p.to_frame() for p in plans], ignore_index=True).drop(columns=["theme_scores"])
        at = list(frame.columns).index("themes") + 1
        frame.insert(at, "themes_zh", [themes_zh(t) for t in frame["themes"]])   # for people reading it
        frame.insert(list(frame.columns).index("role") + 1, "role_zh", [role_zh(r) for r in frame["role"]])
        if "source_line" in frame:   # 0-based as in the API; line is 1-based, as the reports say 第N行
            frame.insert(list(frame.columns).index("source_line") + 1, "line", frame["source_line"] + 1)
        text = csv_ready(frame).to_csv(index=False)
        click.echo("\ufeff" + text, nl=False)   # a BOM: Excel opens it as UTF-8
    else:
        for p in plans:
            _print_tree(p)


def _print_tree(plan) -> None:
    from rich.console import Console
    from rich.tree import Tree

    from rich.markup import escape

    from ..labels.names import doc_type_zh, role_zh
    from . import zh_only

    console = Console()
    root = Tree(f"[bold]{escape(plan.title or '（无标题）')}[/bold]  [dim]{doc_type_zh(plan.doc_type)}[/dim]")

    def add(node, sections):
        for s in sections:
            label = f"{escape(s.marker + s.title)}  [cyan]{role_zh(s.role)}[/cyan]"
            add(node.add(label), s.children)

    add(root, plan.sections)
    console.print(root)
    roles = {}
    for seg in plan.segments:
        roles[seg.role] = roles.get(seg.role, 0) + 1
    console.print("[dim]各部分的句子数：" + "，".join(f"{role_zh(k)} {v}" for k, v in sorted(roles.items()))
                  + "[/dim]")
    for w in plan.warnings:
        w = zh_only(w).replace("用 parse_many() 可逐份分开分析", "加 --many 可逐份分开分析")
        console.print(f"[yellow]! {escape(w)}[/yellow]")
    for issue in plan.numbering_issues:
        console.print(f"[yellow]编号：{issue.message}[/yellow]")
