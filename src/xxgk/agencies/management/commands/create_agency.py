"""``xxgk manage create_agency CODE NAME [--parent CODE]``"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.agencies import services
from xxgk.agencies.models import AgencyKind, AgencyLevel


class Command(BaseCommand):
    help = "新建机关。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="机关代码（用于网址和申请编号）")
        parser.add_argument("name", help="机关名称，例如 偏关县人民政府")
        parser.add_argument("--parent", help="上级机关的代码")
        parser.add_argument("--kind", choices=AgencyKind.values, help="机关类型（默认按名称判断）")
        parser.add_argument("--level", choices=AgencyLevel.values, default=AgencyLevel.COUNTY, help="层级")
        parser.add_argument("--uscc", default="", help="统一社会信用代码")
        parser.add_argument("--region", default="", help="行政区划代码")

    def handle(self, *args, **o) -> None:
        try:
            agency = services.create_agency(
                o["code"],
                o["name"],
                parent=o["parent"],
                kind=o["kind"],
                level=o["level"],
                uscc=o["uscc"],
                region=o["region"],
            )
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        self.stdout.write(f"已新建机关 {agency.code}：{agency.name}")
