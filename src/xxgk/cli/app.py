"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="xxgk",
    help="政府信息公开工作：年度报告的解析、核查、生成，依申请公开的法定期限与收费。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
