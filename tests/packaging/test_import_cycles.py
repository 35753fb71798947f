"""No import cycle among plantext's modules, counting imports inside functions.

The graph has an edge for every ``import``/``from … import`` in a module's
source (at module level or in a function; ``if TYPE_CHECKING:`` blocks never
run and are left out); ``from pkg import sub`` of a submodule is an edge to
``pkg.sub`` alone. Downstream packages receive a Plan or the pipeline
(``plantext.defaults.pipeline_for``) instead of importing the pipeline back.
"""

from __future__ import annotations

import ast
import pathlib
import sys

SRC = pathlib.Path(__file__).resolve().parents[2] / "src"


def _modules() -> dict[str, tuple[pathlib.Path, bool]]:
    out = {}
    for path in (SRC / "plantext").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _targets(node: ast.AST, package: str, mods) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = package.split(".")[:len(package.split(".")) - node.level + 1]
        mod = ".".join(base + ([node.module] if node.module else []))
    else:
        mod = node.module or ""
    subs = [f"{mod}.{a.name}" for a in node.names]
    return subs if all(s in mods for s in subs) else [mod] + subs


def import_graph() -> dict[str, set[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, (path, is_pkg) in mods.items():
        package = name if is_pkg else name.rpartition(".")[0]
        tree = ast.parse(path.read_text("utf-8"))
        skip = {id(n) for block in ast.walk(tree)
                if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                for stmt in block.body for n in ast.walk(stmt)}
        for node in ast.walk(tree):
            if id(node) not in skip:
                graph[name] |= {t for t in _targets(node, package, mods) if t in mods and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_walker_finds_a_cycle_hidden_in_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from .. import parse\n")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert _targets(node, "plantext.audit", {"plantext": 0}) == ["plantext", "plantext.parse"]


def test_no_import_cycle_between_plantext_modules():
    assert cycles(import_graph()) == []


def test_only_the_top_layers_import_the_pipeline():
    """audit, suggest, draft, corpus, learn … take a Plan or a pipeline; they never import it."""
    graph = import_graph()
    top = {"plantext", "plantext.pipeline"}
    users = sorted(m for m, deps in graph.items()
                   if deps & {"plantext", "plantext.pipeline"} and m not in top
                   and not m.startswith("plantext.cli"))
    assert users == []


def test_plan_writers_work_without_the_document_importing_draft(tmp_path):
    import plantext as pt

    plan = pt.parse("社区工作计划\n一、工作目标\n到年底，探访覆盖率达到100%。\n", model="none")
    assert "一、工作目标" in plan.to_markdown()
    plan.to_docx(tmp_path / "plan.docx")
    assert (tmp_path / "plan.docx").stat().st_size > 0
