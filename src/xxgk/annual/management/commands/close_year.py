"""``xxgk manage close_year --agency CODE --year Y``: snapshot the year's report and freeze its numbers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.annual import services
from xxgk.annual.management.commands._common import add_report_arguments, agency


class Command(BaseCommand):
    help = "年度关账：保存该年度报告的定稿，此后不得再作会改变其数字的修改。"

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_arguments(parser)

    def handle(self, *args, **o) -> None:
        found = agency(o["agency"])
        try:
            snap = services.close_year(found, o["year"], edition=o["edition"], consolidated=o["consolidated"])
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        errors = [f for f in snap.report["findings"] if f["severity"] == "error"]
        self.stdout.write(
            f"已关账：{found.name} {snap.year}年度（{snap.edition}版），"
            f"本年新收 {snap.report['cells']['s3.received.total']} 件，"
            f"结转下年度 {snap.report['cells']['s3.carried_forward.total']} 件"
            + (f"；有 {len(errors)} 项错误，请核实" if errors else "")
        )
