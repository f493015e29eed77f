"""``xxgk manage check_corpus``"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from xxgk.audit import services


class Command(BaseCommand):
    help = "对整个语料库做报告间核查：跨年度勾稽、内容雷同、未见报告。"

    def handle(self, *args, **o) -> None:
        c = services.check_corpus()
        self.stdout.write(
            f"{c.reports} 份报告：由相邻年度报告确定单元格 {c.settled} 个，"
            f"跨年度问题 {c.cross_year} 条，内容雷同 {c.copied} 对，"
            f"重复本机关以前年度 {c.repeated} 份，未见报告 {c.missing} 个年度"
        )
        self.stdout.write("用时：" + "，".join(f"{k} {v:.1f} 秒" for k, v in c.seconds.items()))
