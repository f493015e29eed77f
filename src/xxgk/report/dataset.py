"""Reports as a dataset for analysts: one row per report, every cell a column.

Two header rows: the Chinese header a reader of the form recognises, and the key beneath
(the key row is what :func:`reports_from_rows` reads back). Columns are the particulars
of the report, then every key of every edition, so that reports of both editions share
one header; a key the report's edition lacks, like a blank cell, is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from xxgk.report.form import EDITIONS, all_keys
from xxgk.report.labels import label_paths
from xxgk.report.model import AnnualReport, Number

LABEL_SEPARATOR = " › "
SHEET = "数据"
"""The name of the dataset's sheet in a workbook."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    get: Callable[[AnnualReport], Any]


def _count(severity: str) -> Callable[[AnnualReport], int]:
    return lambda r: sum(f.severity == severity for f in r.findings)


META: tuple[Column, ...] = (
    Column("agency", "机关", lambda r: r.agency or ""),
    Column("year", "年度", lambda r: r.year),
    Column("edition", "统计表格式", lambda r: r.edition or ""),
    Column("published_on", "发布日期", lambda r: r.published_on.isoformat() if r.published_on else ""),
    Column("title", "标题", lambda r: r.title or ""),
    Column("source", "来源", lambda r: r.source or ""),
    Column("errors", "错误数", _count("error")),
    Column("warnings", "警告数", _count("warning")),
)
META_KEYS = tuple(c.key for c in META)


@cache
def cell_headers() -> dict[str, str]:
    """Every cell key → its printed labels from the section heading down, joined by ›
    (the latest edition's labels where the editions differ)."""
    out: dict[str, str] = {}
    for name in reversed(EDITIONS):
        for key, path in label_paths(name).items():
            out.setdefault(key, LABEL_SEPARATOR.join(path))
    return out


def keys() -> list[str]:
    return [*META_KEYS, *all_keys()]


def headers() -> list[str]:
    labels = cell_headers()
    return [*(c.header for c in META), *(labels.get(k, k) for k in all_keys())]


def values(report: AnnualReport) -> list[Any]:
    """The row of ``report``: particulars as text or numbers, cells as numbers or ``None``."""
    return [*(c.get(report) for c in META), *(report.cells.get(k) for k in all_keys())]


def report_from_record(record: dict[str, Any], where: str) -> AnnualReport:
    """The report of one dataset row (key → value, values as text or numbers).

    Raises ``ValueError`` with a Chinese message naming ``where`` on a value that is not
    what its column holds."""
    from xxgk.report.form import edition as get_edition

    ed = _text(record.get("edition")) or None
    if ed is not None:
        try:
            get_edition(ed)
        except (KeyError, ValueError):
            raise ValueError(f"{where}：统计表格式“{ed}”不是 2019 或 2021") from None
    cell_keys = get_edition(ed).keys() if ed else [k for k in all_keys() if k in record]
    cells = {k: _number(record.get(k), f"{where}“{cell_headers().get(k, k)}”（{k}）") for k in cell_keys}
    year = _text(record.get("year"))
    published = _text(record.get("published_on"))
    try:
        return AnnualReport(
            agency=_text(record.get("agency")) or None,
            year=int(float(year)) if year else None,
            edition=ed,
            published_on=dt.date.fromisoformat(published) if published else None,
            title=_text(record.get("title")) or None,
            cells=cells,
            source=_text(record.get("source")) or None,
        )
    except ValueError:
        raise ValueError(f"{where}：年度“{year}”或发布日期“{published}”无效") from None


def reports_from_rows(rows: Sequence[Sequence[Any]], source: str) -> list[AnnualReport]:
    """The reports of a table written by :func:`headers`/:func:`keys`/:func:`values`:
    the row whose cells are the keys is found, and every row below it is a report."""
    n = _key_row(rows)
    names = [_text(v) for v in rows[n]]
    reports = []
    for m, row in enumerate(rows[n + 1 :], start=n + 2):
        if not any(_text(v) for v in row):
            continue
        record = {name: v for name, v in zip(names, row, strict=False) if name}
        reports.append(report_from_record(record, f"第 {m} 行"))
    if not reports:
        raise ValueError("表中没有报告数据行")
    for r in reports:
        r.source = r.source or source
    return reports


def _key_row(rows: Sequence[Sequence[Any]]) -> int:
    for n, row in enumerate(rows):
        names = [_text(v) for v in row]
        if "edition" in names and any(k.startswith(("s2.", "s3.", "s4.")) for k in names):
            return n
    raise ValueError("表中没有键名行（edition、s2.…），不是 xxgk 导出的数据")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _number(value: Any, where: str) -> Number | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{where}的值“{value}”不是数字")
    if isinstance(value, int | float):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    try:
        number = float(str(value).strip().replace(",", ""))
    except ValueError:
        raise ValueError(f"{where}的值“{value}”不是数字") from None
    return int(number) if number.is_integer() else number
