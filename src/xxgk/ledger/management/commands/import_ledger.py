"""``xxgk manage import_ledger FILE.xlsx --agency CODE [--dry-run]``: exit status 0 only when the
workbook was imported (or, with ``--dry-run``, could be)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk.agencies.models import Agency
from xxgk.ledger.workbook import import_workbook


class Command(BaseCommand):
    help = "导入依申请公开台账（Excel）：有任何错误行则全部不导入，并逐行列出错误"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="台账文件（.xlsx）")
        parser.add_argument("--agency", required=True, help="机关代码")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, **opts) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件“{path}”")
        agency = Agency.objects.filter(code=opts["agency"]).first()
        if agency is None:
            raise CommandError(f"找不到机关“{opts['agency']}”")
        result = import_workbook(path, agency, dry_run=opts["dry_run"])
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"台账有 {len(result.problems)} 处错误，未导入任何一行")
        if opts["dry_run"]:
            self.stdout.write(f"检查通过：{result.rows} 行均可导入（未写入）")
        else:
            self.stdout.write(f"已导入 {result.created} 件申请到{agency.name}")
