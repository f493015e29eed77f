"""Commands: render — a report as the official document (DOCX, HTML, PDF) or as data
(XLSX, CSV, JSON, Markdown)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from xxgk.cli.app import app
from xxgk.report.model import AnnualReport

TEXT_FORMATS = {"html": ".html", "csv": ".csv", "json": ".json", "md": ".md"}
BINARY_FORMATS = {"docx": ".docx", "pdf": ".pdf", "xlsx": ".xlsx"}
FORMATS = {**TEXT_FORMATS, **BINARY_FORMATS}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
MAX_JSON_BYTES = 200 * 1024 * 1024

err = Console(stderr=True, soft_wrap=True)


class InputError(Exception):
    """A source that yields no report; the message is for a person, in Chinese."""


def read_reports(source: str) -> list[AnnualReport]:
    """The reports in ``source``: a document ``parse`` reads, or JSON — one report,
    a list of them, or JSON Lines as ``xxgk parse --json`` prints."""
    from xxgk.ingest import ReadError, parse_bytes, parse_path

    try:
        if source.startswith(("http://", "https://")):
            return [parse_path(source)]
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            path = Path(source)
            if path.is_dir():
                raise InputError(f"“{source}”是文件夹，不是文件")
            if path.suffix.lower() in JSON_SUFFIXES and path.stat().st_size > MAX_JSON_BYTES:
                raise InputError(f"JSON 文件过大（上限 {MAX_JSON_BYTES // (1024 * 1024)} MB）")
            data = path.read_bytes()
        if _is_json(source, data):
            return _reports_from_json(source, data)
        return [parse_bytes(data, source)]
    except ReadError as e:
        raise InputError(str(e)) from None
    except FileNotFoundError:
        raise InputError(f"找不到文件“{source}”") from None
    except PermissionError:
        raise InputError(f"没有权限读取文件“{source}”") from None
    except OSError as e:
        raise InputError(f"无法读取“{source}”：{e.strerror or e}") from None


def _is_json(source: str, data: bytes) -> bool:
    return Path(source).suffix.lower() in JSON_SUFFIXES or data.lstrip()[:1] in (b"{", b"[")


def _reports_from_json(source: str, data: bytes) -> list[AnnualReport]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("JSON 文件不是 UTF-8 编码") from None
    try:
        loaded = json.loads(text)
        records = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError:
        records = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"第 {n} 行不是有效的 JSON（{e.msg}，第 {e.colno} 列）") from None
    reports = []
    for n, record in enumerate(records, start=1):
        where = f"第 {n} 份记录" if len(records) > 1 else "JSON"
        if not isinstance(record, dict):
            raise InputError(f"{where}不是年度报告对象")
        if "error" in record and "cells" not in record:
            raise InputError(f"{where}是一条读取失败的记录：{record['error']}")
        try:
            report = AnnualReport.from_json(record)
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"{where}不是有效的年度报告数据：{e}") from None
        report.source = report.source or (source if source != "-" else None)
        reports.append(report)
    if not reports:
        raise InputError("JSON 中没有年度报告")
    return reports


def render_one(report: AnnualReport, fmt: str) -> bytes:
    """``report`` in format ``fmt`` (one of :data:`FORMATS` but ``csv``), as bytes."""
    if fmt == "docx":
        from xxgk.render.docx import render_docx

        return render_docx(report)
    if fmt == "pdf":
        from xxgk.render.pdf import render_pdf

        return render_pdf(report)
    if fmt == "xlsx":
        from xxgk.render.xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == "html":
        from xxgk.render.html import render_html

        text = render_html(report)
    elif fmt == "json":
        from xxgk.render.json import render_json

        text = render_json(report)
    elif fmt == "md":
        from xxgk.render.markdown import render_markdown

        text = render_markdown(report)
    else:
        raise ValueError(fmt)
    return text.encode("utf-8")


def default_output(source: str, fmt: str) -> Path:
    """``<stem>.<ext>`` in the current folder, for a binary format given no ``-o``."""
    stem = "report" if source == "-" or source.startswith(("http://", "https://")) else Path(source).stem
    return Path(stem + FORMATS[fmt])


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]错误[/bold red]：{message}", highlight=False)
    return typer.Exit(code)


def _write(data: bytes, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    try:
        if target.parent and not target.parent.exists():
            target.parent.mkdir(parents=True)
        target.write_bytes(data)
    except OSError as e:
        raise _fail(f"无法写入“{output}”：{e.strerror or e}") from None
    err.print(f"已写入 {output}", highlight=False)


@app.command()
def render(
    files: Annotated[
        list[str],
        typer.Argument(
            help="报告：parse 能读的文档、其 JSON 输出，或 - 表示标准输入；csv 可给多份", show_default=False
        ),
    ],
    to: Annotated[str, typer.Option("--to", "-t", help="输出格式：docx、html、pdf、xlsx、csv、json、md")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="输出文件（- 为标准输出）。未给出时：html/csv/json/md 输出到标准输出，"
            "docx/pdf/xlsx 写入当前文件夹的“<原文件名>.<格式>”",
        ),
    ] = None,
) -> None:
    """按国务院统一格式生成年度报告文档（DOCX/HTML/PDF），或导出数据（XLSX/CSV/JSON/Markdown）。"""
    fmt = to.lower().lstrip(".")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise _fail(f"不支持的输出格式“{to}”，可选：{'、'.join(FORMATS)}", 2)
    if fmt == "csv":
        _render_csv(files, output)
        return
    if len(files) != 1:
        raise _fail(
            f"{fmt} 格式一次只能生成一份报告，却给出了 {len(files)} 个文件（多份报告请用 --to csv）", 2
        )
    source = files[0]
    try:
        reports = read_reports(source)
    except InputError as e:
        raise _fail(f"无法读取 {source}：{e}") from None
    if len(reports) != 1:
        raise _fail(f"{source} 中有 {len(reports)} 份报告，{fmt} 格式一次只能生成一份", 2)
    report = reports[0]
    if output is None and fmt in BINARY_FORMATS:
        target = default_output(source, fmt)
        if source != "-" and target.resolve() == Path(source).resolve():
            raise _fail(f"输出文件会覆盖原文件“{source}”，请用 -o 指定输出文件", 2)
        output = str(target)
    try:
        data = render_one(report, fmt)
    except Exception as e:
        from xxgk.render.pdf import RenderError

        if isinstance(e, RenderError):
            raise _fail(str(e)) from None
        raise _fail(f"生成 {fmt} 时出现内部错误（请报告此问题）：{type(e).__name__}: {e}") from None
    _write(data, output)


def _render_csv(files: list[str], output: str | None) -> None:
    from xxgk.cli.reports import expand
    from xxgk.render.csv import render_csv

    rows: list[tuple[str, AnnualReport]] = []
    failed = 0
    for source in expand(files):
        try:
            found = read_reports(source)
        except InputError as e:
            failed += 1
            err.print(f"[red]无法读取 {source}[/red]：{e}", highlight=False)
            continue
        except Exception as e:  # a bug of ours must not stop a dataset of thousands of reports
            failed += 1
            err.print(f"[red]无法读取 {source}[/red]：内部错误 {type(e).__name__}: {e}", highlight=False)
            continue
        rows += [(r.source or source, r) for r in found]
    _write(render_csv(rows).encode("utf-8"), output)
    if failed:
        err.print(f"{failed} 个文件无法读取，未列入数据集", highlight=False)
        raise typer.Exit(1)
