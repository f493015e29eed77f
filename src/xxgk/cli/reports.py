"""Commands on annual reports: parse, check, show."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from xxgk.cli.app import app
from xxgk.cli.tables import print_findings, print_report_tables
from xxgk.report import AnnualReport, Finding

DOCUMENT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps", ".pdf", ".json"}

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)


def expand(sources: Iterable[str]) -> list[str]:
    """Sources as given, with folders replaced by the documents inside them (sorted)."""
    result: list[str] = []
    for s in sources:
        p = Path(s)
        if s != "-" and p.is_dir():
            result.extend(
                str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
            )
        else:
            result.append(s)
    return result


def load(source: str, *, checked: bool = True) -> AnnualReport:
    """A report from a document, an address, ``-`` or a JSON line of ``xxgk parse --json``.

    Raises :class:`ReadError` with a Chinese message when the source cannot be read.
    """
    from xxgk.ingest import parse_path
    from xxgk.ingest.document import ReadError

    if source.lower().endswith(".json") and Path(source).is_file():
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
            report = AnnualReport.from_json(data)
        except (ValueError, KeyError, TypeError) as e:
            raise ReadError(f"JSON 文件不是有效的年度报告数据：{e}") from None
        report.source = source
    else:
        report = parse_path(source)
    if checked:
        from xxgk.check import check_report

        report.findings.extend(check_report(report))
    return report


def read_all(sources: list[str], *, checked: bool = True) -> Iterator[tuple[str, AnnualReport | str]]:
    """(source, report or error message) for each source, with a progress bar when there are many."""
    from xxgk.ingest.document import ReadError

    def one(source: str) -> AnnualReport | str:
        try:
            return load(source, checked=checked)
        except ReadError as e:
            return str(e)
        except OSError as e:
            return f"无法打开文件：{e.strerror or e}"
        except Exception as e:  # a bug of ours must not stop a run over thousands of reports
            return f"内部错误（请报告此问题）：{type(e).__name__}: {e}"

    if len(sources) < 10:
        for s in sources:
            yield s, one(s)
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("解析报告", total=len(sources))
        for s in sources:
            yield s, one(s)
            progress.advance(task)


Sources = Annotated[
    list[str], typer.Argument(help="文件、文件夹、网址，或 - 表示标准输入", show_default=False)
]


@app.command()
def parse(
    files: Sources,
    as_json: Annotated[bool, typer.Option("--json", help="每个文档输出一行 JSON（JSON Lines）")] = False,
    no_check: Annotated[bool, typer.Option("--no-check", help="只解析，不做核查")] = False,
) -> None:
    """解析年度报告，读出三张统计表的每个单元格、报告元数据和六部分正文。"""
    from xxgk.check.neighbours import read_together

    sources = expand(files)
    failed = 0
    summary: list[dict[str, Any]] = []
    for source, result in read_together(read_all(sources, checked=False), checked=not no_check):
        if isinstance(result, str):
            failed += 1
            record: dict[str, Any] = {"source": source, "error": result}
        else:
            record = result.to_json()
            record["source"] = source
        if as_json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            summary.append(record)
    if not as_json:
        print_parse_summary(summary)
    raise typer.Exit(1 if failed else 0)


def print_parse_summary(records: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title="解析结果", show_lines=False)
    for name in ("文件", "机关", "年度", "版本", "已读单元格", "错误", "警告", "提示"):
        table.add_column(name)
    for r in records:
        if "error" in r:
            table.add_row(r["source"], f"[red]无法读取：{r['error']}[/red]", "", "", "", "", "", "")
            continue
        cells = r["cells"]
        read = sum(v is not None for v in cells.values())
        counts = {s: sum(f["severity"] == s for f in r["findings"]) for s in ("error", "warning", "info")}
        table.add_row(
            r["source"],
            r["agency"] or "—",
            str(r["year"] or "—"),
            r["edition"] or "—",
            f"{read}/{len(cells)}",
            f"[red]{counts['error']}[/red]" if counts["error"] else "0",
            str(counts["warning"]),
            str(counts["info"]),
        )
    out.print(table)


@app.command()
def check(
    files: Sources,
    previous: Annotated[
        list[str] | None,
        typer.Option("--previous", "-p", help="上一年度的报告（用于结转等跨年度核对），可多次给出"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON Lines 输出每份报告的问题")] = False,
    quiet_info: Annotated[bool, typer.Option("--no-info", help="不显示提示级（info）问题")] = False,
) -> None:
    """核查年度报告：勾稽关系、合理性、完整性、时效、正文与表格一致、跨年度衔接。

    任一报告有错误级问题或无法读取时，退出码为 1。
    """
    from xxgk.check import check_pair, pair_up
    from xxgk.check.neighbours import read_together

    sources = expand(files)
    prev_sources = expand(previous or [])
    loaded = read_together(read_all(prev_sources + sources, checked=False))
    reports = [r for _, r in loaded if isinstance(r, AnnualReport)]
    for last, this in pair_up(reports):
        this.findings.extend(check_pair(last, this))
    bad = False
    shown = loaded[len(prev_sources) :]
    for source, result in shown:
        if isinstance(result, str):
            bad = True
            if as_json:
                sys.stdout.write(json.dumps({"source": source, "error": result}, ensure_ascii=False) + "\n")
            else:
                out.print(f"[bold red]✗ {source}[/bold red]：无法读取 —— {result}")
            continue
        findings: list[Finding] = [f for f in result.findings if not (quiet_info and f.severity == "info")]
        bad = bad or any(f.severity == "error" for f in result.findings)
        if as_json:
            record = {
                "source": source,
                "agency": result.agency,
                "year": result.year,
                "edition": result.edition,
                "findings": [f.to_json() for f in findings],
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            print_findings(out, source, result, findings)
    raise typer.Exit(1 if bad else 0)


@app.command()
def show(
    file: Annotated[str, typer.Argument(help="一份报告：文件、网址、parse 输出的 JSON，或 - 表示标准输入")],
) -> None:
    """按国务院统一格式在终端中显示报告的三张统计表，便于与原文逐格对照。"""
    [(source, result)] = list(read_all([file]))
    if isinstance(result, str):
        err.print(f"[bold red]无法读取 {source}[/bold red]：{result}")
        raise typer.Exit(1)
    print_report_tables(out, result)
    if result.findings:
        print_findings(out, source, result, result.findings)
