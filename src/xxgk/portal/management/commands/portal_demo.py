"""``xxgk manage portal_demo``: catalogue entries for the demo agencies (run after ``demo_data``), so the
portal at /zfxxgk/ shows a column with a guide, rules, a searchable catalogue (valid, repealed and
withdrawn entries) and the online application. Idempotent: an agency that has entries is left alone."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Agency
from xxgk.portal import services
from xxgk.portal.catalogue import Validity
from xxgk.portal.models import CatalogueEntry

ENTRIES = (
    ("{name}政府信息公开保密审查制度", "zd", Validity.VALID),
    ("{name}依申请公开政府信息办理规程", "zd", Validity.VALID),
    ("{name}2025年财政预算执行情况", "a07", Validity.NOT_APPLICABLE),
    ("{name}行政事业性收费项目目录", "a08", Validity.VALID),
    ("{name}2025年突发事件应急预案", "a12", Validity.VALID),
    ("{name}2024年公务员招考职位表", "a14", Validity.NOT_APPLICABLE),
)
SETTINGS = {
    "office_address": "演示县城关镇人民路1号",
    "office_postcode": "000000",
    "office_phone": "0000-1234567",
}


class Command(BaseCommand):
    help = "为演示机关生成政府信息公开目录条目（在 demo_data 之后运行）"

    @transaction.atomic
    def handle(self, **options):
        made = 0
        for agency in Agency.objects.filter(code__startswith="demo"):
            if CatalogueEntry.objects.filter(agency=agency).exists():
                continue
            missing = {k: v for k, v in SETTINGS.items() if not (agency.settings or {}).get(k)}
            if missing:
                agency = agencies.update_settings(agency, missing)
            for i, (title, column, validity) in enumerate(ENTRIES):
                entry = services.create_entry(
                    agency,
                    title=title.format(name=agency.name),
                    column=column,
                    validity=validity,
                    summary=f"{agency.name}依法主动公开的信息。",
                    generated_on=date(2026, 1, 2 + i),
                )
                services.publish(entry, on=date(2026, 1, 5 + i))
                made += 1
            old = services.publish(
                services.create_entry(
                    agency, title=f"{agency.name}收费管理暂行办法", column="a01", validity=Validity.VALID
                ),
                on=date(2020, 3, 2),
            )
            new = services.publish(
                services.create_entry(
                    agency,
                    title=f"{agency.name}收费管理办法",
                    column="a01",
                    validity=Validity.VALID,
                    effective_on=date(2026, 2, 1),
                ),
                on=date(2026, 1, 20),
            )
            services.repeal(old, date(2026, 2, 1), by=new)
            gone = services.publish(
                services.create_entry(agency, title=f"{agency.name}临时通告"), on=date(2026, 1, 21)
            )
            services.withdraw(gone, "通告内容有误，已更正后重新发布", on=date(2026, 1, 22))
            made += 3
        self.stdout.write(f"政府信息公开目录：新增 {made} 条")
