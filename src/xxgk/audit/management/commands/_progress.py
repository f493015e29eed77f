"""Progress of long corpus commands, on standard error, in Chinese."""

from __future__ import annotations

import os
import sys

from xxgk.audit.services import ImportSummary


def default_jobs() -> int:
    """Every core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def printer(stream, verb: str = "已处理"):
    """A progress callback: one line, rewritten in place on a terminal, appended otherwise."""
    tty = sys.stderr.isatty()

    def show(s: ImportSummary) -> None:
        rate = s.done / s.seconds if s.seconds else 0.0
        left = (s.total - s.done) / rate if rate else 0.0
        line = (
            f"{verb} {s.done}/{s.total}（新 {s.new}，已有 {s.duplicate}，失败 {s.failed}），"
            f"每秒 {rate:.1f} 份，约剩 {left:.0f} 秒"
        )
        stream.write(("\r" + line) if tty else line, ending="" if tty else "\n")
        stream.flush()

    return show


def summary_lines(s: ImportSummary, verb: str = "导入") -> list[str]:
    rate = s.done / s.seconds if s.seconds else 0.0
    lines = [
        f"{verb}完成：共 {s.total} 份，新{verb} {s.new}，已在语料库中 {s.duplicate}，失败 {s.failed}"
        f"（{s.seconds:.1f} 秒，每秒 {rate:.1f} 份）"
    ]
    lines += [f"  失败：{source} —— {error}" for source, error in s.failures[:50]]
    if len(s.failures) > 50:
        lines.append(f"  ……另有 {len(s.failures) - 50} 个失败")
    return lines
