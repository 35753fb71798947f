"""``plantext parse FILE [--tree|--json|--csv]``."""

from __future__ import annotations

import json
import sys
import warnings

import click

from . import run


@click.command("parse")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--tree", "fmt", flag_value="tree", default=True, help="Readable outline tree (default).")
@click.option("--json", "fmt", flag_value="json", help="The plan as JSON.")
@click.option("--csv", "fmt", flag_value="csv", help="One row per segment, as CSV.")
@click.option("--many", is_flag=True, help="Split a page holding several plans.")
@click.option("--model", type=click.Choice(["sm", "trf", "none"]), default=None,
              help="Role/theme model (default sm).")
@click.option("--raw", is_flag=True, help="Do not clean the text (offsets index the file as read).")
def parse_cmd(source: str, fmt: str, many: bool, model: str | None, raw: bool) -> None:
    """Outline and label SOURCE (.txt .md .html .docx .pdf)."""
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

        frame = pd.concat([p.to_frame() for p in plans], ignore_index=True)
        frame.drop(columns=["theme_scores"]).to_csv(sys.stdout, index=False)
    else:
        for p in plans:
            _print_tree(p)


def _print_tree(plan) -> None:
    from rich.console import Console
    from rich.tree import Tree

    console = Console()
    root = Tree(f"[bold]{plan.title or '（无标题）'}[/bold]  [dim]{plan.doc_type}[/dim]")

    def add(node, sections):
        for s in sections:
            label = f"{s.marker}{s.title}  [cyan]{s.role}[/cyan]"
            add(node.add(label), s.children)

    add(root, plan.sections)
    console.print(root)
    roles = {}
    for seg in plan.segments:
        roles[seg.role] = roles.get(seg.role, 0) + 1
    console.print("[dim]segments by role: " + ", ".join(f"{k} {v}" for k, v in sorted(roles.items())) + "[/dim]")
    for w in plan.warnings:
        console.print(f"[yellow]! {w}[/yellow]")
    for issue in plan.numbering_issues:
        console.print(f"[yellow]编号: {issue.message}[/yellow]")
