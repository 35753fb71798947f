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
    "parse": "读出计划的提纲，标注各部分和主题：树形、JSON 或 CSV。",
    "evaluate": "用人工标注检验提纲、部分（角色）和主题的准确度。",
    "train": "训练部分（角色）或主题模型（sm 或 trf）。",
    "audit": "审读计划草稿：缺少的部分、目标不具体、占位符、错别字、编号。",
    "suggest": "按部分和主题从范文中推荐表述，注明出处。",
    "corpus": "把一批计划建成表格或检索索引，并做统计。",
    "draft": "按标准结构起草一份新计划。",
    "complete": "给草稿补上缺少的部分。",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, and which speaks Chinese."""

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
        with formatter.section("命令"):
            formatter.write_dl(rows)

    def main(self, *args, **kwargs):
        """Run the command with click's own messages (usage, errors) in Chinese."""
        from ..progress import set_enabled, watchdog
        from .zh import chinese_click

        set_enabled(True)        # notices, bars and the watchdog go to stderr: the command line shows them
        with chinese_click(), watchdog():
            return super().main(*args, **kwargs)


VERBOSE = {"level": 0}


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plantext", message="%(prog)s，版本 %(version)s",
                      help="显示版本并退出。")
@click.option("-v", "--verbose", count=True, help="显示更多运行记录（-vv 显示调试信息），出错时附英文原文。")
def main(verbose: int) -> None:
    """plantext：读取、审读和起草中文工作计划（工作计划、实施方案、工作要点等）。

    每个命令的说明：plantext 命令 --help，例如 plantext audit --help。
    """
    from ..progress import set_enabled

    VERBOSE["level"] = verbose
    set_enabled(True)        # notices and progress bars on stderr: the command line always shows them
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def run(fn, *args, **kwargs):
    """Call a library function, turning PlanTextError into a clean CLI error in Chinese
    (the English original follows with -v)."""
    from ..errors import PlanTextError, chinese_message

    try:
        return fn(*args, **kwargs)
    except PlanTextError as exc:
        zh = chinese_message(exc)
        if zh is None:
            raise click.ClickException(str(exc)) from None
        code = f" [{exc.code}]" if exc.code else ""
        english = f"\n  ({exc})" if VERBOSE["level"] else ""
        raise click.ClickException(f"{zh}{code}{english}") from None


def zh_only(text: str) -> str:
    """A library message without its English gloss: ``中文。 (English.)`` → ``中文。``."""
    import re

    return re.sub(r"\s*[(（][A-Za-z][^()（）]*[)）]\s*$", "", text)


def output_path(out: str, *, source: str | None = None) -> pathlib.Path:
    """``out`` ready to write: its folder created, and never the input file itself."""
    path = pathlib.Path(out).expanduser()
    if source is not None and path.exists() and path.resolve() == pathlib.Path(source).resolve():
        raise click.ClickException(f"不会覆盖原文件 {out}：请用 -o 另给一个文件名。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"无法创建文件夹 {path.parent}：{exc.strerror or exc}。") from None
    return path


def write_output(out: str, content: str, *, source: str | None = None) -> pathlib.Path:
    """Write ``content`` to ``out`` (see :func:`output_path`); a clean error if that fails."""
    path = output_path(out, source=source)
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"无法写入 {out}：{exc.strerror or exc}。") from None
    return path
