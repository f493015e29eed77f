"""``xxgk manage import_reports PATH… [--jobs N] [--background] [--resume]``"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.audit import services
from xxgk.audit.management.commands._progress import default_jobs, printer, summary_lines
from xxgk.audit.models import ImportRun


class Command(BaseCommand):
    help = (
        "把年度报告导入语料库：文件、文件夹（含子文件夹）、网址，或每行一个网址的清单文件。"
        "每份文件按内容只存一次；中断后用 --resume 接着导入。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="文件、文件夹、网址或网址清单")
        parser.add_argument(
            "--jobs", "-j", type=int, default=default_jobs(), help="并行进程数（默认：全部核心）"
        )
        parser.add_argument("--scope", help="这些报告所属的监督范围：本系统机关名录中的机关代码")
        parser.add_argument(
            "--agencies", help="机关对照表（CSV：机关名称、地区、层级、机关代码、应报起始年度）"
        )
        parser.add_argument(
            "--background", action="store_true", help="作为后台任务排队，由 xxgk manage db_worker 进程处理"
        )
        parser.add_argument(
            "--resume", nargs="?", const=0, type=int, metavar="RUN", help="接着完成中断的导入"
        )
        parser.add_argument("--no-corpus-check", action="store_true", help="导入后不做报告间核查")

    def handle(self, *args, **o) -> None:
        if o["jobs"] < 1:
            raise CommandError("--jobs 至少为 1")
        try:
            if o["agencies"]:
                n = services.load_mapping(_read_text(o["agencies"]), scope=o["scope"])
                self.stderr.write(f"已按对照表设置 {n} 个机关")
            run = self._run(o)
        except services.ImportRefused as e:
            raise CommandError(str(e)) from None
        if run is None:
            return
        if o["background"]:
            from xxgk.audit.tasks import enqueue_import

            tasks = enqueue_import(run)
            self.stdout.write(
                f"导入 #{run.pk} 已排队：{run.items.count()} 份文件分为 {tasks} 个任务。"
                "请运行 xxgk manage db_worker（可在多台机器上同时运行）处理；全部完成后自动做报告间核查。"
            )
            return
        try:
            summary = services.run_import(run, jobs=o["jobs"], progress=printer(self.stderr))
        except KeyboardInterrupt:
            done = services.summary_of(run)
            self.stderr.write("")
            raise CommandError(
                f"导入已中断（已完成 {done.done}/{done.total}）。"
                f"运行 xxgk manage import_reports --resume {run.pk} 接着导入。"
            ) from None
        self.stderr.write("")
        for line in summary_lines(summary):
            self.stdout.write(line)
        if not o["no_corpus_check"]:
            check = services.check_corpus()
            self.stdout.write(
                f"报告间核查：{check.reports} 份报告，由相邻年度报告确定单元格 {check.settled} 个，"
                f"跨年度问题 {check.cross_year} 条，"
                f"内容雷同 {check.copied} 对，重复本机关以前年度 {check.repeated} 份，"
                f"未见报告 {check.missing} 个年度"
            )

    def _run(self, o) -> ImportRun | None:
        if o["resume"] is not None:
            if o["paths"]:
                raise CommandError("--resume 与文件路径不能同时给出")
            run = (
                ImportRun.objects.filter(pk=o["resume"]).first() if o["resume"] else services.unfinished_run()
            )
            if run is None:
                raise CommandError("没有需要接着完成的导入")
            return run
        if not o["paths"]:
            if o["agencies"]:
                return None
            raise CommandError("请给出要导入的文件、文件夹或网址")
        return services.start_import(o["paths"], scope=o["scope"], background=o["background"])


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"找不到对照表“{path}”") from None
    except UnicodeDecodeError:
        raise CommandError(f"对照表“{path}”不是 UTF-8 编码的 CSV 文件") from None
