"""click's own words in Chinese: usage lines, option headings and error messages.

click asks ``gettext`` for every text it shows (``Usage:``, ``Options``,
``Missing argument 'SOURCE'.``, ``Invalid value for '--model'``). While a
``plantext`` command runs, :func:`chinese_click` points those lookups at the
catalogue below; the English text is kept for anything it does not list.
The swap is undone when the command returns, so other click programs in the
same process keep their own language.
"""

from __future__ import annotations

import contextlib
import importlib
from typing import Iterator

import click

CLICK_MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui")

ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Aborted!": "已中止。",
    "deprecated": "已停用",
    "Missing command.": "缺少命令。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看说明。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "unknown error": "未知错误",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的是/否值。可用：{states}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，这里要一个文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，这里要一个文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Show this message and exit.": "显示本说明并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Do you want to continue?": "是否继续？",
    "Error: invalid input": "错误：输入无效",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Press any key to continue...": "按任意键继续……",
}

ZH_PLURAL: dict[str, str] = {   # keyed by the singular msgid; one Chinese form serves both
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 {len} 个。",
    "Did you mean {possibility}?": "（是不是要用：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是可选值。可选：{choices}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {formats}。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要 {nargs} 个值。",
    "{len_type} values are required, but {len_value} was given.":
        "需要 {len_type} 个值，给了 {len_value} 个。",
}


def gettext_zh(message: str) -> str:
    """The Chinese of one of click's texts, or the text itself."""
    return ZH.get(message, message)


def ngettext_zh(singular: str, plural: str, n: int) -> str:
    """The Chinese of one of click's counted texts (Chinese has one form)."""
    zh = ZH_PLURAL.get(singular)
    if zh is None:
        return singular if n == 1 else plural
    if singular == "Did you mean {possibility}?" and n == 1:
        return zh.replace("{possibilities}", "{possibility}")
    if singular == "{value!r} is not {choice}." and n == 1:
        return zh.replace("{choices}", "{choice}")
    if singular == "{value!r} does not match the format {format}." and n == 1:
        return zh.replace("{formats}", "{format}")
    return zh


METAVARS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."),
            ("INTEGER RANGE", "整数"), ("INTEGER", "整数"), ("FLOAT", "数字"),
            ("FILENAME", "文件"), ("DIRECTORY", "文件夹"), ("TEXT", "文字"))


def _metavars_zh(text: str) -> str:
    import re

    for en, zh in METAVARS:
        text = re.sub(rf"(?<![A-Za-z_]){re.escape(en)}(?![A-Za-z_])", zh, text)
    return text


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, cols: int) -> list[str]:
    """Lines of at most ``cols`` columns, broken between characters (Chinese has no spaces)
    or at a space, never inside a Latin word that fits on a line."""
    import re

    lines, line = [], ""
    for token in re.findall(r"[A-Za-z0-9_.,:;'\-\[\]<=>/|]+|\s+|.", text):
        if width(line) + width(token) > cols and line.strip():
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class ZhHelpFormatter(click.HelpFormatter):
    """click's help layout for Chinese: metavars in Chinese (文字, 整数, [选项]), full-width
    colons, and columns measured in terminal cells so that Chinese lines align and wrap."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for para in text.split("\n\n"):
            for line in wrap(" ".join(para.split()), max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")
            self.write("\n")
        self.buffer[-1] = ""   # no blank line after the last paragraph

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_metavars_zh(a), b) for a, b in rows]
        first = min(max((width(a) for a, _ in rows), default=0), col_max)
        indent = self.current_indent
        for a, b in rows:
            self.write(" " * indent + a)
            if not b:
                self.write("\n")
                continue
            if width(a) <= first:
                self.write(" " * (first - width(a) + col_spacing))
            else:
                self.write("\n" + " " * (indent + first + col_spacing))
            lines = wrap(b, max(self.width - indent - first - col_spacing, 20))
            pad = " " * (indent + first + col_spacing)
            self.write(lines[0] + "\n" + "".join(f"{pad}{line}\n" for line in lines[1:]))


@contextlib.contextmanager
def chinese_click() -> Iterator[None]:
    """While inside, click speaks Chinese (its module-level ``_``/``ngettext``, its help layout)."""
    saved = [(click.Context, "formatter_class", click.Context.formatter_class),
             (click.Command, "get_help_option", click.Command.get_help_option)]
    click.Context.formatter_class = ZhHelpFormatter
    english_help_option = click.Command.get_help_option

    def get_help_option(self, ctx):   # the option is cached per command, maybe made in English
        option = english_help_option(self, ctx)
        if option is not None:
            option.help = ZH["Show this message and exit."]
        return option

    click.Command.get_help_option = get_help_option
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        for attr, fn in (("_", gettext_zh), ("ngettext", ngettext_zh)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, fn)
    try:
        yield
    finally:
        for module, attr, fn in reversed(saved):
            setattr(module, attr, fn)


def english_runs(text: str, min_words: int = 3) -> list[str]:
    """Runs of ``min_words`` or more English words in a row: prose that staff would have to
    read in English. Option names (--theme), bracketed choices ([sm|trf]) and the program's
    name are not prose and are left out first."""
    import re

    text = re.sub(r"(?<![\w])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"\[[^\]\n]*\|[^\]\n]*\]", " ", text)
    text = re.sub(r"\bplantext\b", " ", text)
    word = r"[A-Za-z][A-Za-z'’]+"
    return [m.group() for m in re.finditer(rf"{word}(?:[ ,;:]+{word}){{{min_words - 1},}}", text)]
