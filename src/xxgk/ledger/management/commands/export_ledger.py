"""``xxgk manage export_ledger --agency CODE [--year Y] -o FILE.xlsx``: the 台账 in the import's columns."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk.agencies.models import Agency
from xxgk.ledger.models import Request
from xxgk.ledger.workbook import export_workbook


class Command(BaseCommand):
    help = "导出依申请公开台账（Excel，列与导入相同）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agency", required=True, help="机关代码")
        parser.add_argument("--year", type=int, help="只导出该年收到的申请")
        parser.add_argument("-o", "--output", required=True, help="输出文件（.xlsx）")

    def handle(self, *args, **opts) -> None:
        agency = Agency.objects.filter(code=opts["agency"]).first()
        if agency is None:
            raise CommandError(f"找不到机关“{opts['agency']}”")
        qs = Request.objects.filter(agency=agency, received_on__isnull=False).order_by("received_on", "id")
        if opts["year"]:
            qs = qs.filter(received_on__year=opts["year"])
        # The command runs as the system: the file holds personal data in clear, like the database.
        Path(opts["output"]).write_bytes(export_workbook(qs))
        self.stdout.write(f"已导出 {qs.count()} 件申请到 {opts['output']}")
