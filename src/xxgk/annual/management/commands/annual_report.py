"""``xxgk manage annual_report --agency CODE --year Y [--edition 2019|2021] --to FORMAT [-o FILE]``

``--to json`` prints one object of the ``xxgk parse --json`` contract (one line), with the checker's
findings; the other formats come from the core's renderers.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.annual import services
from xxgk.annual.management.commands._common import add_report_arguments, agency
from xxgk.check import check_report

FORMATS = ("json", "docx", "pdf", "html", "xlsx")
BINARY = ("docx", "pdf", "xlsx")


class Command(BaseCommand):
    help = "由台账统计生成年度报告（JSON、DOCX、PDF、HTML、XLSX）。"

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_arguments(parser)
        parser.add_argument("--to", required=True, choices=FORMATS, help="输出格式")
        parser.add_argument("-o", "--output", help="输出文件（默认：json/html 输出到标准输出）")

    def handle(self, *args, **o) -> None:
        fmt, output = o["to"], o["output"]
        if fmt in BINARY and output in (None, "-") and sys.stdout.isatty():
            raise CommandError(f"{fmt} 是二进制格式，请用 -o 指定输出文件")
        found = agency(o["agency"])
        try:
            report, _ = self._report(found, o)
        except ValidationError as e:
            raise CommandError("；".join(e.messages)) from None
        report.findings = check_report(report, today=dt.date.today())
        data = self._render(report, fmt)
        if output in (None, "-"):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        try:
            Path(output).write_bytes(data)
        except OSError as e:
            raise CommandError(f"无法写入“{output}”：{e.strerror or e}") from None
        self.stderr.write(f"已写入 {output}")

    def _report(self, found, o):
        if o["consolidated"]:
            return services.compute_report(
                found, o["year"], o["edition"], consolidated=True, drilldown=False
            ).report, False
        return services.report_for(found, o["year"], o["edition"])

    def _render(self, report, fmt: str) -> bytes:
        if fmt == "json":
            return (json.dumps(report.to_json(), ensure_ascii=False) + "\n").encode("utf-8")
        from xxgk.render import RenderError, render

        try:
            return render(report, fmt)
        except RenderError as e:
            raise CommandError(str(e)) from None
