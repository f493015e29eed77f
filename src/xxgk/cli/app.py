"""The argument parser every command module registers on, in Chinese throughout.

Built on :mod:`argparse` rather than Typer/Click: those print their own English words
(``Usage``, ``Options``, ``[required]``, ``Show this message and exit``) from inside the
library and cut help text at the terminal's edge, while argparse lets every word of the
help and of its errors be ours. Help is wrapped by display width, a Chinese character
counting two columns, so that it fits an 80-column terminal whole.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from typing import NoReturn

from rich.console import Console

from xxgk import __version__

PROG = "xxgk"
DESCRIPTION = "政府信息公开工作：年度报告的解析、核查、显示、生成，依申请公开的法定期限与收费。"
EXIT_USAGE = 2
DEFAULT_WIDTH = 120
"""The width of tables written to a pipe or a file when ``COLUMNS`` does not say."""

Handler = Callable[[argparse.Namespace], int]

_CLOSING = set("，。、；：！？）》」』】〕”’,.;:!?)")


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide and full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` columns: between Chinese characters
    anywhere, Latin words whole, never a closing mark at the start of a line."""
    tokens = re.findall(r"[A-Za-z0-9_\-./<>|=\[\]…]+|\s+|.", text)
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if tok.isspace():
            tok = " "
        if line and cell_width(line + tok) > width and tok != " " and tok not in _CLOSING:
            lines.append(line.rstrip())
            line = ""
        if not line and tok == " ":
            continue
        line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def terminal_width() -> int:
    """``COLUMNS`` when set (with or without a terminal), else the terminal's width."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def console(*, stderr: bool = False) -> Console:
    """A console for standard output (data) or standard error (progress and messages).

    Messages on standard error are never broken into lines (a terminal wraps them, and a
    log keeps them whole); tables on standard output are laid out for the width."""
    stream = sys.stderr if stderr else sys.stdout
    width = terminal_width() if (os.environ.get("COLUMNS") or stream.isatty()) else DEFAULT_WIDTH
    return Console(file=stream, width=width, soft_wrap=stderr, highlight=False)


class Formatter(argparse.HelpFormatter):
    """argparse's layout, measured in display columns, with ``用法：`` and paragraphs kept."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=min(terminal_width(), 100) - 2, max_help_position=30)

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        if action.help is not argparse.SUPPRESS:
            invocations = [self._format_action_invocation(action)]
            invocations += [self._format_action_invocation(a) for a in self._iter_indented_subactions(action)]
            length = max(map(cell_width, invocations)) + self._current_indent
            self._action_max_length = max(self._action_max_length, length)
            self._add_item(self._format_action, [action])

    class _Section(argparse.HelpFormatter._Section):  # type: ignore[name-defined]
        def format_help(self) -> str:
            return super().format_help().replace(":\n", "：\n", 1)

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 20)
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        parts: list[str] = []
        if action.help and cell_width(header) <= help_position - self._current_indent - 2:
            pad = " " * (help_position - self._current_indent - cell_width(header))
            first = indent + header + pad
        else:
            parts.append(indent + header + "\n")
            first = " " * help_position
        if action.help:
            lines = self._split_lines(self._expand_help(action), help_width)
            parts.append(first + lines[0] + "\n")
            parts += [" " * help_position + line + "\n" for line in lines[1:]]
        for sub in self._iter_indented_subactions(action):
            parts.append(self._format_action(sub))
        return "".join(parts)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [line for para in text.splitlines() for line in wrap(para, width)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Each line of a description or epilog wrapped on its own; an indented line
        (an example command) is kept as written."""
        out = []
        for line in text.splitlines():
            if line.startswith(" ") or not line.strip():
                out.append(line)
            else:
                out += [indent + part for part in wrap(line, width)]
        return "\n".join(out)


_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (.*?): expected one argument", r"选项 \1 后面需要一个值"),
    (r"argument (.*?): expected at least one argument", r"选项 \1 后面至少需要一个值"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"\1 不能是 \2，可选：\3"),
    (r"argument (.*?): invalid (\w+) value: (.*)", r"\1 的值 \3 无效"),
    (r"argument (.*?): not allowed with argument (.*)", r"\1 不能与 \2 同时使用"),
    (r"argument (.*?): ignored explicit argument (.*)", r"\1 不接受值 \2"),
    (r"ambiguous option: (.*?) could match (.*)", r"选项 \1 有歧义，可能是：\2"),
    (r"one of the arguments (.*) is required", r"须给出以下参数之一：\1"),
)


def chinese_error(message: str) -> str:
    """argparse's English error message in Chinese (unknown messages are kept)."""
    for pattern, replacement in _ERRORS:
        m = re.fullmatch(pattern, message)
        if m:
            return m.expand(replacement)
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser whose help and errors are in Chinese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = f"（用 {self.prog} --help 查看说明）"
        self.exit(EXIT_USAGE, f"{self.prog}：错误：{chinese_error(message)}{hint}\n")


def build() -> Parser:
    """The ``xxgk`` parser with every command registered."""
    from xxgk.cli import manage, render, reports, statute

    parser = Parser(prog=PROG, description=DESCRIPTION, epilog="用 xxgk 命令 --help 查看各命令的用法和示例。")
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}", help="显示版本号并退出")
    commands = parser.add_subparsers(title="命令", metavar="命令", dest="command", parser_class=Parser)
    for module in (reports, render, statute, manage):
        module.register(commands)
    return parser


def fail(message: str, code: int = 1) -> int:
    """Say what went wrong on standard error; the exit status to return."""
    console(stderr=True).print(f"[bold red]错误[/bold red]：{escape(message)}", soft_wrap=True)
    return code


def escape(text: str) -> str:
    """``text`` safe to print through rich markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)
