"""Reports from wherever they are: one entry point for the command line and the web system.

A source is a path, an address, or ``-`` for standard input. What it holds is told by
its content: a published document (text, HTML, DOCX, .doc/.wps, PDF), or data that xxgk
wrote — JSON of one report or a list of them, JSON Lines as ``xxgk parse --json``
prints, and the CSV/XLSX dataset of ``xxgk render --to csv|xlsx``. Whatever xxgk writes
as data, it reads back.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

from xxgk.ingest import filetypes
from xxgk.ingest.document import ReadError
from xxgk.ingest.limits import MAX_INPUT_BYTES, MB
from xxgk.report import dataset
from xxgk.report.model import AnnualReport

MAX_BYTES = max(MAX_INPUT_BYTES.values())
"""Nothing larger is read from a path or stdin; each reader then applies its format's cap."""

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps", ".pdf"}
    | set(JSON_SUFFIXES)
    | {".csv", ".xlsx"}
)
"""The files a folder is searched for."""


def load(source: str) -> list[AnnualReport]:
    """The reports in ``source`` (one for a document; any number for data xxgk wrote).

    Raises :class:`ReadError` with a message for a person, in Chinese."""
    return load_bytes(read_source(source), source)


def load_one(source: str) -> AnnualReport:
    """The one report in ``source``; a source of several is an error."""
    reports = load(source)
    if len(reports) != 1:
        raise ReadError(f"其中有 {len(reports)} 份报告，此处只能给一份")
    return reports[0]


def read_source(source: str) -> bytes:
    """The bytes at a path, an address or standard input (``-``), within :data:`MAX_BYTES`."""
    if source.startswith(("http://", "https://")):
        from xxgk.ingest.url import fetch

        return fetch(source)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        _check_size(len(data))
        return data
    path = Path(source)
    try:
        if path.is_dir():
            raise ReadError(f"“{source}”是文件夹，不是文件")
        _check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"找不到文件“{source}”") from None
    except PermissionError:
        raise ReadError(f"没有权限读取文件“{source}”") from None
    except IsADirectoryError:
        raise ReadError(f"“{source}”是文件夹，不是文件") from None
    except OSError as e:
        raise ReadError(f"无法读取文件“{source}”（系统错误代码 {e.errno}）") from None


def load_bytes(data: bytes, source: str) -> list[AnnualReport]:
    """The reports in ``data``, which came from ``source`` (its name decides nothing but
    whether a JSON suffix makes malformed JSON an error rather than a text document)."""
    if not data or not data.strip():
        raise ReadError("文件是空的，没有可读取的内容")
    kind = filetypes.describe(data)
    if kind:
        raise ReadError(filetypes.unreadable_message(kind))
    if data.startswith(b"PK\x03\x04") and _is_workbook(data):
        return _from_workbook(data, source)
    text_head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if source.lower().endswith(JSON_SUFFIXES) or text_head[:1] in (b"{", b"["):
        reports = _from_json(data, strict=source.lower().endswith(JSON_SUFFIXES))
        if reports is not None:
            return _with_source(reports, source)
    if _is_dataset_csv(text_head):
        return _from_csv(data, source)
    from xxgk.ingest import parse_bytes

    return [parse_bytes(data, source)]


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size / MB:.1f} MB），超过 {MAX_BYTES // MB} MB 的上限，未读取")


def _with_source(reports: list[AnnualReport], source: str) -> list[AnnualReport]:
    for r in reports:
        r.source = r.source or source
    return reports


def _from_json(data: bytes, *, strict: bool) -> list[AnnualReport] | None:
    """The reports of JSON or JSON Lines; ``None`` when this is not JSON and not ``strict``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not strict:
            return None
        raise ReadError("JSON 文件不是 UTF-8 编码") from None
    try:
        loaded = json.loads(text)
        records = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError as e:
        if e.msg != "Extra data":
            if not strict:
                return None
            raise ReadError(f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{e.msg}）") from None
        records = _json_lines(text)
    return [_report_from_record(r, n, len(records)) for n, r in enumerate(records, start=1)] or _no_reports()


def _no_reports() -> list[AnnualReport]:
    raise ReadError("JSON 中没有年度报告")


def _json_lines(text: str) -> list[object]:
    records = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise ReadError(f"第 {n} 行不是有效的 JSON（第 {e.colno} 列：{e.msg}）") from None
    return records


def _report_from_record(record: object, n: int, total: int) -> AnnualReport:
    where = f"第 {n} 份记录" if total > 1 else "JSON 数据"
    if not isinstance(record, dict):
        raise ReadError(f"{where}不是年度报告对象")
    if "error" in record and "cells" not in record:
        raise ReadError(f"{where}是一条读取失败的记录：{record['error']}")
    if not record.get("edition") or not isinstance(record.get("cells"), dict) or not record["cells"]:
        raise ReadError(f"{where}不是年度报告数据：缺少统计表格式（edition）或单元格（cells）")
    try:
        return AnnualReport.from_json(record)
    except (ValueError, KeyError, TypeError) as e:
        raise ReadError(f"{where}不是有效的年度报告数据：{e}") from None


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "xl/workbook.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _from_workbook(data: bytes, source: str) -> list[AnnualReport]:
    from openpyxl import load_workbook

    sheet = dataset.SHEET

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on a damaged workbook
        raise ReadError(f"Excel 工作簿已损坏，无法打开（{type(e).__name__}）") from None
    if sheet not in wb.sheetnames:
        raise ReadError(f"Excel 工作簿中没有“{sheet}”工作表，不是 xxgk 导出的报告数据")
    rows = [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    try:
        return dataset.reports_from_rows(rows, source)
    except ValueError as e:
        raise ReadError(f"工作表“{sheet}”：{e}") from None


def _is_dataset_csv(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].decode("utf-8", "ignore")
    return first.startswith(dataset.META[0].header + ",") or first.startswith(dataset.META_KEYS[0] + ",")


def _from_csv(data: bytes, source: str) -> list[AnnualReport]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError("CSV 文件不是 UTF-8 编码") from None
    try:
        return dataset.reports_from_rows(list(csv.reader(io.StringIO(text))), source)
    except (ValueError, csv.Error) as e:
        raise ReadError(f"CSV 数据：{e}") from None
