from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xxgk.portal.applications import unconfirmed


class Command(BaseCommand):
    help = "列出超过确认时限仍未确认接收的在线申请（每日运行；不删除任何记录）"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按此日期核查（YYYY-MM-DD），默认今天")

    def handle(self, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as e:
            raise CommandError(f"日期“{today}”无效，请写作 2026-03-05") from e
        late = unconfirmed(day)
        for sub in late:
            submitted = timezone.localtime(sub.submitted_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{sub.agency.name}：在线申请 {sub.number}（{submitted}提交）尚未确认接收")
        self.stdout.write(f"共 {len(late)} 件在线申请超过确认时限")
