"""Parse and check throughput over generated plain-text reports, and parse accuracy.

Generates ``--count`` valid reports with :func:`xxgk.report.generate.random_report`
(seeded), writes each in one of the plain-text layouts (in memory; ``--write DIR``
also saves them with their truth), then times, in one process, ``parse_bytes`` over
all of them and ``check_report`` over the parsed reports. Prints reports per second
and the cell accuracy of the parse against the generated truth (blank = 0, as the
scorer counts).

    .venv/bin/python bench/bench_parse.py [--count 10000] [--seed 1] [--write DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from xxgk.ingest import parse_bytes
from xxgk.render.plaintext import LAYOUTS, render_text
from xxgk.report.form import edition
from xxgk.report.generate import random_report
from xxgk.report.model import AnnualReport

console = Console()


def same(truth: object, got: object) -> bool:
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
    )


Item = tuple[str, tuple[object, ...], str, bytes]
"""(edition, the true cells in the edition's key order, layout, document): compact, so that
the timed loop does not run beside a heap of ten thousand report objects no real run holds."""


def generate(count: int, seed: int, layouts: list[str], folder: Path | None) -> list[Item]:
    rng = random.Random(seed)
    out: list[Item] = []
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    with progress() as bar:
        task = bar.add_task("生成报告", total=count)
        for i in range(count):
            report = random_report(rng)
            layout = layouts[i % len(layouts)]
            data = render_text(report, layout, rng=rng).encode("utf-8")
            if folder:
                write(report, f"{i:05d}-{layout}", data, folder)
            out.append((report.edition, tuple(report.cells[k] for k in report.keys()), layout, data))
            bar.advance(task)
    if folder:
        console.print(f"已写出 {count} 份报告及其标注到 {folder}")
    return out


def write(report: AnnualReport, stem: str, data: bytes, folder: Path) -> None:
    (folder / f"{stem}.txt").write_bytes(data)
    truth = report.to_json()
    truth["id"] = stem
    (folder / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--layouts", default=",".join(LAYOUTS), help="comma-separated, from: " + ", ".join(LAYOUTS)
    )
    ap.add_argument("--write", type=Path, metavar="DIR", help="also save the documents and their truth here")
    args = ap.parse_args()
    layouts = [name.strip() for name in args.layouts.split(",") if name.strip()]

    items = generate(args.count, args.seed, layouts, args.write)
    megabytes = sum(len(d) for *_, d in items) / 1e6
    gc.freeze()  # the inputs live throughout: keep the collector from rescanning them

    try:
        from xxgk.check import check_report
    except ImportError:
        check_report = None
        console.print("[yellow]xxgk.check.check_report 尚不存在，跳过核查计时[/yellow]")
    parse_seconds = check_seconds = 0.0
    checked = findings = 0
    failures: Counter[str] = Counter()
    cells = Counter()
    exact = Counter()
    with progress() as bar:
        task = bar.add_task("解析并核查", total=len(items))
        for ed, truth, layout, data in items:
            start = time.perf_counter()
            try:
                report: AnnualReport | None = parse_bytes(data, f"bench.{layout}.txt")
            except Exception as e:  # a failure is a figure of the benchmark, not its end
                report = None
                failures[f"{layout}: {type(e).__name__}: {e}"[:120]] += 1
            parse_seconds += time.perf_counter() - start
            keys = edition(ed).keys()
            right = (
                0
                if report is None
                else sum(same(t, report.cells.get(k)) for k, t in zip(keys, truth, strict=True))
            )
            cells[(layout, "right")] += right
            cells[(layout, "all")] += len(keys)
            exact[layout] += right == len(keys)
            if check_report is not None and report is not None:
                start = time.perf_counter()
                findings += len(check_report(report))
                check_seconds += time.perf_counter() - start
                checked += 1
            bar.advance(task)

    table = Table(title=f"{len(items)} 份生成的报告（{megabytes:.1f} MB 文本，种子 {args.seed}）")
    for col in ("版式", "报告数", "单元格准确率", "完全正确的报告"):
        table.add_column(col, justify="right")
    per_layout = Counter(layout for _, _, layout, _ in items)
    for layout in layouts:
        n = per_layout[layout]
        acc = cells[(layout, "right")] / max(1, cells[(layout, "all")])
        table.add_row(layout, str(n), f"{acc:.5f}", f"{exact[layout]}/{n}")
    right = sum(v for (_, kind), v in cells.items() if kind == "right")
    total = sum(v for (_, kind), v in cells.items() if kind == "all")
    table.add_row(
        "合计", str(len(items)), f"{right / max(1, total):.5f}", f"{sum(exact.values())}/{len(items)}"
    )
    console.print(table)
    console.print(
        f"parse: {len(items) / parse_seconds:.1f} reports/s ({parse_seconds:.1f} s, "
        f"{megabytes / parse_seconds:.2f} MB/s), failures {sum(failures.values())}"
    )
    if check_report is not None and check_seconds:
        console.print(
            f"check: {checked / check_seconds:.1f} reports/s ({check_seconds:.1f} s, {findings} findings)"
        )
    for message, n in failures.most_common(5):
        console.print(f"  {n} × {message}")


if __name__ == "__main__":
    main()
