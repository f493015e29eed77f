"""Command: manage — any Django management command of the web system, with its settings."""

from __future__ import annotations

import argparse
import os

HELP = "运行网络系统的管理命令（migrate、createsuperuser、create_agency、create_user、demo_data 等）"
DESCRIPTION = (
    HELP + "。\n不给命令时列出全部管理命令；xxgk manage 命令 --help 显示该命令的用法。\n"
    "其后的全部参数原样交给 Django（设置模块 xxgk.site.settings）。"
)


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "manage",
        help=HELP,
        description=DESCRIPTION,
        usage="xxgk manage [管理命令] [参数 ...]",
        epilog="示例：\n  xxgk manage migrate\n  xxgk manage help import_reports",
    )
    p.add_argument("rest", nargs=argparse.REMAINDER, metavar="管理命令 参数", help="管理命令及其参数")
    p.set_defaults(handler=lambda ns: run(ns.rest))


def run(args: list[str]) -> int:
    """Django's ``manage.py`` with ``args`` (``help`` when none are given)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xxgk manage", *(args or ["help"])])
    return 0
