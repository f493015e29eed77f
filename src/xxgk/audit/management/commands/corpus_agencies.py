"""``xxgk manage corpus_agencies FILE [--scope CODE]``"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.audit import services
from xxgk.audit.management.commands.import_reports import _read_text


class Command(BaseCommand):
    help = (
        "按对照表（CSV，表头：机关名称、地区、层级、机关代码、应报起始年度）设置语料库中机关的地区、层级、"
        "对应的本系统机关，以及从哪一年起应有报告。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="对照表 CSV 文件（UTF-8）")
        parser.add_argument("--scope", help="新出现的机关所属的监督范围（机关代码）")

    def handle(self, *args, **o) -> None:
        try:
            n = services.load_mapping(_read_text(o["file"]), scope=o["scope"])
        except services.ImportRefused as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"已按对照表设置 {n} 个机关")
