from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xxgk.portal import services
from xxgk.portal.pages import Agency


class Command(BaseCommand):
    help = "导入机关已发布的政府信息公开工作年度报告（txt、docx、pdf、html），在年报栏目中展示"

    def add_arguments(self, parser):
        parser.add_argument("agency", help="机关代码")
        parser.add_argument("files", nargs="+")

    def handle(self, agency, files, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"找不到机关“{agency}”")
        for f in files:
            try:
                row = services.import_published_report(found, Path(f).read_bytes(), f)
            except (ValidationError, ValueError) as e:
                raise CommandError(f"{f}：{e}") from e
            self.stdout.write(f"{f}：{row.year}年度")
