"""Command: manage — any Django management command of the web system, with its settings."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from xxgk.cli.app import app


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
def manage(
    ctx: typer.Context,
    command: Annotated[
        str | None, typer.Argument(help="管理命令，例如 migrate、demo_data、create_user")
    ] = None,
) -> None:
    """运行网络系统的管理命令（migrate、createsuperuser、create_agency、create_user、demo_data 等）。

    不给命令时列出全部管理命令；``xxgk manage 命令 --help`` 显示该命令的用法。
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.site.settings")
    from django.core.management import execute_from_command_line

    argv = ["xxgk manage"] + ([command] if command else ["help"]) + list(ctx.args)
    execute_from_command_line(argv)
