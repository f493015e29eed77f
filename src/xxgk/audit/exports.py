"""The corpus as a dataset for analysts: one row per report, every cell a column.

Headers are in Chinese with the key beneath (two header rows in CSV and XLSX; in Parquet the key is
the column name and the Chinese header its field metadata ``label``). Every row carries the agency,
region, level, year, edition, source and findings count. CSV is UTF-8 with a byte-order mark so
that Excel on Chinese Windows opens it; XLSX and Parquet keep numbers as numbers.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from xxgk.agencies.models import AgencyKind, AgencyLevel
from xxgk.audit.models import Report
from xxgk.report.dataset import cell_headers
from xxgk.report.form import all_keys

BATCH = 2000


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    get: Callable[[Report], Any]
    numeric: bool = False


_LEVELS = dict(AgencyLevel.choices)
_KINDS = dict(AgencyKind.choices)


def columns() -> list[Column]:
    meta = [
        Column("agency", "机关", lambda r: r.agency.name if r.agency else r.agency_name),
        Column("region", "地区", lambda r: r.agency.region if r.agency else ""),
        Column("level", "层级", lambda r: _LEVELS.get(r.agency.level, "") if r.agency else ""),
        Column("kind", "机关类型", lambda r: _KINDS.get(r.agency.kind, "") if r.agency else ""),
        Column("year", "年度", lambda r: r.year, numeric=True),
        Column("edition", "表格版本", lambda r: r.edition),
        Column("published_on", "发布日期", lambda r: r.published_on.isoformat() if r.published_on else ""),
        Column("source", "来源", lambda r: r.document.source),
        Column("findings", "问题数", lambda r: r.n_errors + r.n_warnings + r.n_infos, numeric=True),
        Column("errors", "错误数", lambda r: r.n_errors, numeric=True),
        Column("warnings", "警告数", lambda r: r.n_warnings, numeric=True),
        Column("copied", "内容雷同", lambda r: "是" if r.copied else "否"),
        Column("on_time", "按时发布", lambda r: {True: "是", False: "否"}.get(r.on_time, "日期不明")),
        Column("parser_version", "解析器版本", lambda r: r.parser_version),
    ]
    labels = cell_headers()
    cells = [Column(k, labels.get(k, k), _cell_getter(k), numeric=True) for k in all_keys()]
    return meta + cells


def _cell_getter(key: str) -> Callable[[Report], Any]:
    return lambda r: r.cells.get(key)


def _rows(reports: QuerySet[Report], cols: list[Column]) -> Iterator[list[Any]]:
    qs = reports.select_related("agency", "document").defer("document__content", "sections", "provenance")
    for r in qs.order_by("agency__region", "agency__name", "year").iterator(chunk_size=BATCH):
        yield [c.get(r) for c in cols]


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def csv_chunks(reports: QuerySet[Report]) -> Iterator[str]:
    cols = columns()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write("\ufeff")
    writer.writerow([c.label for c in cols])
    writer.writerow([c.key for c in cols])
    for n, row in enumerate(_rows(reports, cols), start=1):
        writer.writerow([_text(v) for v in row])
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def write_xlsx(reports: QuerySet[Report], out: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = columns()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("年度报告")
    ws.freeze_panes = "B3"
    bold = Font(bold=True)

    def header(values: list[str]) -> list[WriteOnlyCell]:
        cells = []
        for v in values:
            c = WriteOnlyCell(ws, value=v)
            c.font = bold
            cells.append(c)
        return cells

    ws.append(header([c.label for c in cols]))
    ws.append(header([c.key for c in cols]))
    for row in _rows(reports, cols):
        ws.append(row)
    wb.save(out)


def write_parquet(reports: QuerySet[Report], out: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns()
    fields = [
        pa.field(c.key, pa.float64() if c.numeric else pa.string(), metadata={"label": c.label}) for c in cols
    ]
    schema = pa.schema(fields)
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[list[Any]] = []
        for row in _rows(reports, cols):
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(_table(batch, schema, cols))
                batch = []
        writer.write_table(_table(batch, schema, cols))


def _table(batch: list[list[Any]], schema: Any, cols: list[Column]) -> Any:
    import pyarrow as pa

    arrays = []
    for i, c in enumerate(cols):
        values = [row[i] for row in batch]
        if c.numeric:
            arrays.append(pa.array([None if v is None else float(v) for v in values], pa.float64()))
        else:
            arrays.append(pa.array([_text(v) for v in values], pa.string()))
    return pa.Table.from_arrays(arrays, schema=schema)


EXPORTERS = {"csv": "text/csv; charset=utf-8", "xlsx": None, "parquet": "application/vnd.apache.parquet"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write(reports: QuerySet[Report], fmt: str, out: Any) -> None:
    """Write the dataset of ``reports`` in ``fmt`` to the binary file ``out``."""
    if fmt == "csv":
        for chunk in csv_chunks(reports):
            out.write(chunk.encode("utf-8"))
    elif fmt == "xlsx":
        write_xlsx(reports, out)
    elif fmt == "parquet":
        write_parquet(reports, out)
    else:
        raise ValueError(f"未知的导出格式“{fmt}”，可选：{'、'.join(EXPORTERS)}")


def export(reports: QuerySet[Report], fmt: str) -> HttpResponse:
    filename = f"annual-reports.{fmt}"
    if fmt == "csv":
        response: HttpResponse = StreamingHttpResponse(csv_chunks(reports), content_type=EXPORTERS["csv"])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    tmp = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    write(reports, fmt, tmp)
    tmp.seek(0)
    return FileResponse(
        tmp,
        as_attachment=True,
        filename=filename,
        content_type=XLSX_TYPE if fmt == "xlsx" else EXPORTERS[fmt],
    )
