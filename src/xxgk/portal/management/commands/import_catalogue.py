from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xxgk.portal import services
from xxgk.portal.pages import Agency


class Command(BaseCommand):
    help = "导入机关已有的政府信息公开目录（CSV，首行为表头；保留原索引号）"

    def add_arguments(self, parser):
        parser.add_argument("agency", help="机关代码")
        parser.add_argument("file", help="CSV 文件（UTF-8）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, agency, file, dry_run, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"找不到机关“{agency}”")
        result = services.import_catalogue(found, Path(file).read_text(encoding="utf-8-sig"), dry_run=dry_run)
        if result.problems:
            raise CommandError("未导入任何条目：\n" + "\n".join(result.problems))
        self.stdout.write(f"导入 {result.created} 条" if not dry_run else "检查通过")
