"""``xxgk manage reparse [--all] [--jobs N]``"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.audit import services
from xxgk.audit.management.commands._progress import default_jobs, printer, summary_lines
from xxgk.ingest.version import parser_version


class Command(BaseCommand):
    help = "用当前解析器重新读取由旧版本解析器读取的报告（从语料库保存的原始文件读取）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="重新读取全部报告，而不只是旧版本读取的")
        parser.add_argument(
            "--jobs", "-j", type=int, default=default_jobs(), help="并行进程数（默认：全部核心）"
        )
        parser.add_argument("--no-corpus-check", action="store_true", help="之后不做报告间核查")

    def handle(self, *args, **o) -> None:
        if o["jobs"] < 1:
            raise CommandError("--jobs 至少为 1")
        pending = services.outdated_reports(every=o["all"]).count()
        if not pending:
            self.stdout.write(f"全部报告都已由当前解析器（{parser_version()}）读取，无需重新读取")
            return
        summary = services.reparse(
            every=o["all"], jobs=o["jobs"], progress=printer(self.stderr, "已重新读取")
        )
        self.stderr.write("")
        for line in summary_lines(summary, "重新读取"):
            self.stdout.write(line)
        if not o["no_corpus_check"]:
            check = services.check_corpus()
            self.stdout.write(f"报告间核查：{check.reports} 份报告，内容雷同 {check.copied} 对")
