"""``xxgk manage notice_templates --agency CODE``: write the default notice templates into the agency's
template folder, to be edited in Word (they are used from then on)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from xxgk.agencies.models import Agency
from xxgk.ledger.models import NoticeKind
from xxgk.ledger.notices import default_template, template_dir


class Command(BaseCommand):
    help = "导出默认告知书模板到机关的模板目录，供用 Word 修改"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agency", required=True, help="机关代码")
        parser.add_argument("--force", action="store_true", help="覆盖已有的模板")

    def handle(self, *args, **opts) -> None:
        agency = Agency.objects.filter(code=opts["agency"]).first()
        if agency is None:
            raise CommandError(f"找不到机关“{opts['agency']}”")
        folder = template_dir(agency)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in NoticeKind:
            path = folder / f"{kind.value}.docx"
            if path.exists() and not opts["force"]:
                self.stdout.write(f"保留已有模板 {path}")
                continue
            path.write_bytes(default_template(kind.value))
            self.stdout.write(f"{kind.label}：{path}")
