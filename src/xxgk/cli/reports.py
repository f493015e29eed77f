"""Commands on annual reports: parse, check, show.

Data (JSON Lines, tables) goes to standard output; progress and messages to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xxgk.cli.app import console, escape, fail
from xxgk.cli.batch import Result, cores, expand, read_many
from xxgk.cli.tables import print_findings, print_report_tables
from xxgk.report import AnnualReport

SOURCES_HELP = "文件、文件夹、网址，或 - 表示标准输入；也可以是 xxgk 输出的 JSON、JSON Lines、CSV、XLSX"


def register(commands: argparse._SubParsersAction) -> None:
    _register_parse(commands)
    _register_check(commands)
    _register_show(commands)


def jobs_count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"“{text}”不是非负整数")
    n = int(text)
    return n or cores()


def _jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-j",
        "--jobs",
        type=jobs_count,
        default=cores(),
        metavar="N",
        help=f"同时使用的进程数（默认为全部 {cores()} 个处理器核心；0 同默认）；输出与单进程完全相同",
    )


def _register_parse(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "parse",
        help="解析年度报告，读出三张统计表的每个单元格、元数据和正文",
        description="解析年度报告，读出三张统计表的每个单元格、报告元数据和六部分正文。\n"
        "任一文件无法读取时退出码为 1。",
        usage="xxgk parse 文件 [文件 ...] [--json] [--no-check] [--jobs N]",
        epilog="示例：\n  xxgk parse examples/\n  xxgk parse --json examples/偏关县-2020.txt > 偏关县.jsonl\n"
        "  xxgk parse 偏关县.jsonl",
    )
    p.add_argument("files", nargs="+", metavar="文件", help=SOURCES_HELP)
    p.add_argument("--json", action="store_true", dest="as_json", help="每份报告输出一行 JSON（JSON Lines）")
    p.add_argument("--no-check", action="store_true", help="只解析，不做核查")
    _jobs_option(p)
    p.set_defaults(handler=parse)


def _register_check(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "check",
        help="核查年度报告：勾稽关系、合理性、完整性、时效、正文与表格一致、跨年度衔接",
        description="核查年度报告：勾稽关系、合理性、完整性、时效、正文与表格一致、跨年度衔接。\n"
        "任一报告有错误级问题或无法读取时，退出码为 1。",
        usage="xxgk check 文件 [文件 ...] [-p 上年报告] [--json] [--no-info] [-j N]",
        epilog="示例：\n  xxgk check examples/稷山县-2021.txt\n  xxgk check examples/ --no-info",
    )
    p.add_argument("files", nargs="+", metavar="文件", help=SOURCES_HELP)
    p.add_argument(
        "-p",
        "--previous",
        action="append",
        default=[],
        metavar="上年报告",
        help="同一机关上一年度的报告（用于结转等跨年度核对），可多次给出；无法读取时报错",
    )
    p.add_argument("--json", action="store_true", dest="as_json", help="以 JSON Lines 输出每份报告的问题")
    p.add_argument("--no-info", action="store_true", help="不显示提示级问题")
    _jobs_option(p)
    p.set_defaults(handler=check)


def _register_show(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "show",
        help="在终端中按国务院统一格式显示一份报告的三张统计表",
        description="按国务院统一格式在终端中显示报告的三张统计表，便于与原文逐格对照。\n"
        "表格按终端宽度（或环境变量 COLUMNS）排版，列名过长时用简称并附图例。",
        usage="xxgk show 文件",
        epilog="示例：\n  xxgk show examples/稷山县-2021.txt\n"
        "  COLUMNS=80 xxgk show examples/偏关县-2020.txt",
    )
    p.add_argument("file", metavar="文件", help="一份报告：文件、网址、xxgk 输出的数据，或 - 表示标准输入")
    p.set_defaults(handler=show)


def _expand_or_fail(files: list[str]) -> list[str] | int:
    try:
        return expand(files)
    except ValueError as e:
        return fail(str(e))


def parse(ns: argparse.Namespace) -> int:
    from xxgk.check.neighbours import settle_records

    sources = _expand_or_fail(ns.files)
    if isinstance(sources, int):
        return sources
    failed = False
    summary: list[dict[str, Any]] = []
    for source, result in settle_records(read_many(sources, checked=not ns.no_check, jobs=ns.jobs)):
        for record in _records(source, result):
            failed = failed or "error" in record
            if ns.as_json:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                summary.append(record)
    if not ns.as_json:
        print_parse_summary(summary)
    return 1 if failed else 0


def _records(source: str, result: Result) -> list[dict[str, Any]]:
    if isinstance(result, str):
        return [{"source": source, "error": result}]
    for record in result:
        record["source"] = record.get("source") or source
    return result


def print_parse_summary(records: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title="解析结果")
    table.add_column("文件", overflow="fold", ratio=1)
    table.add_column("机关", overflow="fold", min_width=16)
    for name in ("年度", "统计表格式", "已读单元格", "错误", "警告", "提示"):
        table.add_column(name, no_wrap=True)
    for r in records:
        if "error" in r:
            table.add_row(escape(r["source"]), f"[red]无法读取：{escape(r['error'])}[/red]", *[""] * 6)
            continue
        cells = r["cells"]
        read = sum(v is not None for v in cells.values())
        counts = {s: sum(f["severity"] == s for f in r["findings"]) for s in ("error", "warning", "info")}
        table.add_row(
            escape(r["source"]),
            escape(r["agency"] or "—"),
            str(r["year"] or "—"),
            f"{r['edition']} 版" if r["edition"] else "—",
            f"{read}/{len(cells)}",
            f"[red]{counts['error']}[/red]" if counts["error"] else "0",
            str(counts["warning"]),
            str(counts["info"]),
        )
    console().print(table)


def _reports(source: str, result: Result) -> list[AnnualReport] | str:
    if isinstance(result, str):
        return result
    return [AnnualReport.from_json(r) for r in result]


def check(ns: argparse.Namespace) -> int:
    from xxgk.check import check_pair
    from xxgk.check.neighbours import settle_records
    from xxgk.cli.previous import match_previous

    sources = _expand_or_fail(ns.files)
    previous = _expand_or_fail(ns.previous) if ns.previous else []
    if isinstance(sources, int) or isinstance(previous, int):
        return 1
    last_year: list[AnnualReport] = []
    for source, result in read_many(previous, checked=False, jobs=ns.jobs):
        loaded = _reports(source, result)
        if isinstance(loaded, str):
            return fail(f"无法读取上一年度报告 {source}：{loaded}")
        last_year.extend(loaded)
    loaded_all = [
        (s, _reports(s, r))
        for s, r in settle_records(read_many(sources, checked=True, jobs=ns.jobs), last_year)
    ]
    reports = [r for _, rs in loaded_all if not isinstance(rs, str) for r in rs]
    pairs, notes = match_previous(last_year, reports)
    for last, this in pairs:
        this.findings.extend(check_pair(last, this))
    err = console(stderr=True)
    for note in notes:
        err.print(f"[yellow]注意[/yellow]：{escape(note)}")
    bad = False
    out = console()
    for source, rs in loaded_all:
        if isinstance(rs, str):
            bad = True
            _print_unreadable(ns.as_json, source, rs)
            continue
        for report in rs:
            bad = bad or any(f.severity == "error" for f in report.findings)
            findings = [f for f in report.findings if not (ns.no_info and f.severity == "info")]
            if ns.as_json:
                record = {k: report.to_json()[k] for k in ("source", "agency", "year", "edition")}
                record["findings"] = [f.to_json() for f in findings]
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                print_findings(out, report.source or source, report, findings)
    return 1 if bad else 0


def _print_unreadable(as_json: bool, source: str, message: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"source": source, "error": message}, ensure_ascii=False) + "\n")
    else:
        console().print(f"[bold red]✗ {escape(source)}[/bold red]：无法读取 —— {escape(message)}")


def show(ns: argparse.Namespace) -> int:
    [(source, result)] = list(read_many([ns.file], checked=True, jobs=1))
    reports = _reports(source, result)
    if isinstance(reports, str):
        return fail(f"无法读取 {source}：{reports}")
    out = console()
    for report in reports:
        print_report_tables(out, report)
        if report.findings:
            print_findings(out, report.source or source, report, report.findings)
    return 0
