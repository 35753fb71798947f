"""The ``plantext`` command: thin commands over the public API.

Each command lives in its own module and is imported only when invoked, so
``plantext --help`` stays fast. Library errors become clean CLI errors.
"""

from __future__ import annotations

import importlib
import logging
import pathlib

import click

COMMANDS = {
    "parse": "plantext.cli.parse_cmd:parse_cmd",
    "evaluate": "plantext.cli.evaluate_cmd:evaluate_cmd",
    "train": "plantext.cli.train_cmd:train_cmd",
    "audit": "plantext.cli.audit_cmd:audit_cmd",
    "suggest": "plantext.cli.suggest_cmd:suggest_cmd",
    "corpus": "plantext.cli.corpus_cmd:corpus_cmd",
    "draft": "plantext.cli.draft_cmd:draft_cmd",
    "complete": "plantext.cli.draft_cmd:complete_cmd",
}

HELP = {
    "parse": "Outline and label a plan: a tree, JSON or CSV.",
    "evaluate": "Measure outline, roles or themes against gold annotations.",
    "train": "Train the role or theme model (sm or trf).",
    "audit": "Audit a draft plan: missing sections, vague goals, placeholders, typos.",
    "suggest": "Suggest phrasings for a role and theme from a corpus.",
    "corpus": "Build, index and summarise a corpus of plans.",
    "draft": "Draft a new plan with standard sections.",
    "complete": "Fill the sections a draft is missing.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise

    def format_commands(self, ctx, formatter):
        rows = [(name, HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(package_name="plantext")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """plantext: read, audit and draft Chinese work plans (工作计划、实施方案、工作要点)."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def run(fn, *args, **kwargs):
    """Call a library function, turning PlanTextError into a clean CLI error (Chinese first)."""
    from ..errors import PlanTextError, chinese_message

    try:
        return fn(*args, **kwargs)
    except PlanTextError as exc:
        zh = chinese_message(exc)
        raise click.ClickException(f"{zh}\n  ({exc})" if zh else str(exc)) from None


def output_path(out: str, *, source: str | None = None) -> pathlib.Path:
    """``out`` ready to write: its folder created, and never the input file itself."""
    path = pathlib.Path(out).expanduser()
    if source is not None and path.exists() and path.resolve() == pathlib.Path(source).resolve():
        raise click.ClickException(f"不会覆盖原文件 {out}：请用 -o 另给一个文件名。"
                                   f" (Refusing to overwrite the input file {out}: give -o another name.)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"无法创建文件夹 {path.parent}：{exc.strerror or exc}。"
                                   f" (Cannot create the folder {path.parent}.)") from None
    return path


def write_output(out: str, content: str, *, source: str | None = None) -> pathlib.Path:
    """Write ``content`` to ``out`` (see :func:`output_path`); a clean error if that fails."""
    path = output_path(out, source=source)
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"无法写入 {out}：{exc.strerror or exc}。 (Cannot write {out}.)") from None
    return path
