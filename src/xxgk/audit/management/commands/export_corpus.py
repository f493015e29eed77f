"""``xxgk manage export_corpus --format xlsx|csv|parquet -o FILE [filters]``"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.audit.exports import EXPORTERS, write
from xxgk.audit.models import Report
from xxgk.audit.queries import CorpusFilter


class Command(BaseCommand):
    help = "把语料库导出为数据集：每份报告一行，每个单元格一列，中文表头下附键名（与网页相同的筛选条件）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", "-f", choices=list(EXPORTERS), default="xlsx", help="导出格式")
        parser.add_argument("--output", "-o", required=True, help="输出文件")
        parser.add_argument("--year", help="年度")
        parser.add_argument("--region", help="地区（包含该文字）")
        parser.add_argument("--level", help="层级：province、city、county、township")
        parser.add_argument("--kind", help="机关类型：government、department、township、other")
        parser.add_argument("--q", help="机关名称（包含该文字）")

    def handle(self, *args, **o) -> None:
        data = {k: o[k] for k in ("year", "region", "level", "kind", "q") if o[k]}
        years = sorted({y for y in Report.objects.values_list("year", flat=True).distinct() if y})
        flt = CorpusFilter(data, years)
        if data and not flt.is_valid():
            problems = "；".join(f"{flt.fields[k].label}：{'、'.join(v)}" for k, v in flt.errors.items())
            raise CommandError(f"筛选条件有误：{problems}")
        reports = flt.apply(Report.objects.filter(primary=True))
        with open(o["output"], "wb") as out:
            write(reports, o["format"], out)
        self.stdout.write(f"已导出 {reports.count()} 份报告到 {o['output']}")
