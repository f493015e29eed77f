"""What the annual report commands share: finding the agency, saying what is wrong in Chinese."""

from __future__ import annotations

from django.core.management.base import CommandError

from xxgk.agencies.models import Agency
from xxgk.report.form import EDITIONS


def agency(code: str) -> Agency:
    found = Agency.objects.filter(code=code).first()
    if found is None:
        raise CommandError(f"找不到机关“{code}”")
    return found


def add_report_arguments(parser) -> None:
    parser.add_argument("--agency", required=True, help="机关代码")
    parser.add_argument("--year", required=True, type=int, help="报告年度")
    parser.add_argument("--edition", choices=EDITIONS, help="表格版本（默认按年度：2020年度及以前为2019版）")
    parser.add_argument("--consolidated", action="store_true", help="汇总本机关及全部下级机关的台账")
