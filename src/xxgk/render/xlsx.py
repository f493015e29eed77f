"""Reports as a workbook.

Always a sheet ``数据``: the dataset of :mod:`xxgk.report.dataset`, one row per report
(what ``xxgk parse`` reads back). For one report, before it, the three statutory tables
as sheets laid out like the form (merged headers and all), and after it a sheet
``cells`` of every cell by key and a sheet of the report's particulars."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xxgk.render.grid import MONEY_UNIT, Grid, label_paths, value_text
from xxgk.render.outline import date_text, printable, sections, title
from xxgk.report import dataset
from xxgk.report.form import edition as get_edition
from xxgk.report.model import AnnualReport

CELLS_SHEET = "cells"
INFO_SHEET = "报告信息"
PATH_SEPARATOR = " › "
FIRST_ROW = 3
COLUMN_UNITS = 90
"""Width of the printed text block in Excel's column-width units (characters)."""

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name="黑体", size=10)
_BODY_FONT = Font(name="宋体", size=10)
_TITLE_FONT = Font(name="黑体", size=14)


def render_xlsx(reports: AnnualReport | Sequence[AnnualReport]) -> bytes:
    """The report, or many reports, as the bytes of an .xlsx workbook."""
    many = [reports] if isinstance(reports, AnnualReport) else list(reports)
    wb = Workbook()
    wb.remove(wb.active)
    if len(many) == 1:
        for block in sections(many[0]):
            if block.table is not None:
                _table_sheet(wb.create_sheet(block.heading[:31]), block.heading, block.table, many[0])
    _data_sheet(wb.create_sheet(dataset.SHEET), many)
    if len(many) == 1:
        _cells_sheet(wb.create_sheet(CELLS_SHEET), many[0])
        _info_sheet(wb.create_sheet(INFO_SHEET), many[0])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _number_format(report: AnnualReport, key: str) -> str | None:
    text = value_text(report, key)
    return f'General"{MONEY_UNIT}"' if text.endswith(MONEY_UNIT) else None


def _table_sheet(ws: Worksheet, heading: str, grid: Grid, report: AnnualReport) -> None:
    ws.cell(1, 1, heading).font = _TITLE_FONT
    total = sum(grid.widths)
    for i, w in enumerate(grid.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, COLUMN_UNITS * w / total)
    for c in grid.cells:
        for r in range(c.row, c.last_row + 1):
            for k in range(c.col, c.last_col + 1):
                ws.cell(FIRST_ROW + r, 1 + k).border = _BORDER
        cell = ws.cell(FIRST_ROW + c.row, 1 + c.col)
        if c.key is not None:
            cell.value = report.get(c.key)
            fmt = _number_format(report, c.key)
            if fmt:
                cell.number_format = fmt
        else:
            cell.value = c.text
        cell.font = _HEADER_FONT if c.kind == "header" else _BODY_FONT
        left = grid.name == "s3" and c.kind == "label" and c.rowspan == 1
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(
                start_row=FIRST_ROW + c.row,
                start_column=1 + c.col,
                end_row=FIRST_ROW + c.last_row,
                end_column=1 + c.last_col,
            )
    ws.print_options.horizontalCentered = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    if grid.header_rows:
        ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW + grid.header_rows - 1}"


def _data_sheet(ws: Worksheet, reports: list[AnnualReport]) -> None:
    ws.append(dataset.headers())
    ws.append(dataset.keys())
    for cell in (*ws[1], *ws[2]):
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r in reports:
        ws.append([printable(v) if isinstance(v, str) else v for v in dataset.values(r)])
    for i in range(1, len(dataset.keys()) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 16
    ws.freeze_panes = "B3"


def _cells_sheet(ws: Worksheet, report: AnnualReport) -> None:
    ws.append(["key", "项目", "数值"])
    for cell in ws[1]:
        cell.font = _HEADER_FONT
    paths = label_paths(report.edition) if report.edition else {}
    keys = get_edition(report.edition).keys() if report.edition else list(report.cells)
    for key in keys:
        ws.append([key, PATH_SEPARATOR.join(paths.get(key, ())), report.get(key)])
        fmt = _number_format(report, key)
        if fmt:
            ws.cell(ws.max_row, 3).number_format = fmt
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 14
    ws.freeze_panes = "A2"


def _info_sheet(ws: Worksheet, report: AnnualReport) -> None:
    edition_text = f"{report.edition}版（{get_edition(report.edition).notice}）" if report.edition else ""
    rows = [
        ("标题", title(report)),
        ("机关", printable(report.agency or "")),
        ("年度", report.year),
        ("统计表格式", edition_text),
        ("发布日期", date_text(report)),
        ("来源", printable(report.source or "")),
    ]
    for row in rows:
        ws.append(list(row))
        ws.cell(ws.max_row, 1).font = _HEADER_FONT
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 80
