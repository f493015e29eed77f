"""``xxgk manage sweep_deadlines [--on DATE] [--agency CODE]``: the daily sweep of open requests."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xxgk.agencies.models import Agency
from xxgk.ledger.services import today
from xxgk.ledger.sweep import sweep


class Command(BaseCommand):
    help = "每日核查：重新计算办理中申请的期限，标记已逾期和即将到期的申请，按承办人汇总"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--on", help="按该日核查（默认今天），如 2026-03-05")
        parser.add_argument("--agency", help="只核查该机关及其下级机关（机关代码）")
        parser.add_argument("--quiet", action="store_true", help="不列出每位承办人的提醒")

    def handle(self, *args, **opts) -> None:
        try:
            on = date.fromisoformat(opts["on"]) if opts["on"] else today()
        except ValueError:
            raise CommandError(f"日期“{opts['on']}”无效，请写作 2026-03-05") from None
        ids = None
        if opts["agency"]:
            agency = Agency.objects.filter(code=opts["agency"]).first()
            if agency is None:
                raise CommandError(f"找不到机关“{opts['agency']}”")
            ids = list(agency.subtree().values_list("pk", flat=True))
        r = sweep(on, agencies=ids)
        self.stdout.write(
            f"{on} 核查办理中申请 {r.checked} 件：更新 {r.changed} 件，"
            f"已逾期 {r.overdue} 件，即将到期 {r.due_soon} 件"
        )
        if not opts["quiet"]:
            for who, lines in sorted(r.digests.items()):
                self.stdout.write(f"\n致 {who}（{len(lines)} 件）：")
                for line in lines:
                    self.stdout.write(f"  {line}")
