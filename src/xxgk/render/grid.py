"""The three statutory tables as printed: a grid of cells with row and column spans.

One definition of the printed form — header cells merged as in the State Council's
form (国办公开办函〔2019〕60号 / 〔2021〕30号) — built from :mod:`xxgk.report.form`
and shared by the DOCX, HTML and XLSX renderers, so that every format prints the
same table. A :class:`Grid` holds no values: a value cell names its key and the
renderer asks :func:`value_text` for what to print there.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from xxgk.report.form import (
    APPLICANT_COLUMNS,
    G_NOT_HANDLED,
    G_OTHER,
    G_RESULTS,
    G_UNAVAILABLE,
    G_WITHHELD,
    S3_APPLICANT_HEADER,
    S3_LEGAL_PERSONS,
    S3_NOTE,
    Edition,
    S3Row,
)
from xxgk.report.form import edition as get_edition
from xxgk.report.labels import label_paths  # noqa: F401  (re-exported: the renderers' name for it)
from xxgk.report.model import AnnualReport, Number

Kind = Literal["header", "label", "value"]
MONEY_UNIT = "万元"


@dataclass(frozen=True)
class GridCell:
    """A printed cell anchored at (``row``, ``col``), covering ``rowspan`` × ``colspan``."""

    row: int
    col: int
    text: str
    kind: Kind
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(frozen=True)
class Grid:
    """One statutory table. ``widths`` are relative column widths; the first
    ``header_rows`` rows repeat when the table breaks across pages."""

    name: str
    section: str
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    widths: tuple[float, ...]
    header_rows: int = 0

    def rows(self) -> list[list[GridCell]]:
        """The cells anchored on each row, left to right."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for line in out:
            line.sort(key=lambda c: c.col)
        return out

    def covering(self) -> list[list[GridCell]]:
        """For every position of the grid, the cell that covers it."""
        table: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.last_row + 1):
                for k in range(c.col, c.last_col + 1):
                    table[r][k] = c
        return table  # type: ignore[return-value]

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.key is not None]


class _Builder:
    def __init__(self, n_cols: int) -> None:
        self.n_cols = n_cols
        self.cells: list[GridCell] = []
        self.n_rows = 0

    def add(
        self,
        row: int,
        col: int,
        text: str,
        kind: Kind,
        rowspan: int = 1,
        colspan: int = 1,
        key: str | None = None,
    ) -> None:
        self.cells.append(GridCell(row, col, text, kind, rowspan, colspan, key))
        self.n_rows = max(self.n_rows, row + rowspan)

    def grid(self, name: str, section_key: str, widths: tuple[float, ...], header_rows: int = 0) -> Grid:
        assert len(widths) == self.n_cols
        return Grid(name, section_key, self.n_rows, self.n_cols, tuple(self.cells), widths, header_rows)


def s2_grid(ed: Edition) -> Grid:
    """Section 二: for each item of Art. 20, a row naming it, a row of column headers
    (信息内容 …) and its data rows; a narrower item's last column spans the rest."""
    width = max(len(r.columns) for r in ed.s2_rows)
    b = _Builder(1 + width)
    row = 0
    for article, row_keys in ed.s2_headers:
        rows = [r for r in ed.s2_rows if r.key in row_keys]
        b.add(row, 0, article, "header", colspan=1 + width)
        row += 1
        b.add(row, 0, "信息内容", "header")
        for i, c in enumerate(rows[0].columns):
            span = width - i if i == len(rows[0].columns) - 1 else 1
            b.add(row, 1 + i, c.label, "header", colspan=span)
        row += 1
        for r in rows:
            b.add(row, 0, r.label, "label")
            for i, key in enumerate(r.keys()):
                span = width - i if i == len(r.columns) - 1 else 1
                b.add(row, 1 + i, "", "value", colspan=span, key=key)
            row += 1
    return b.grid("s2", "proactive", (2.2, *([1.0] * width)))


def s3_grid(ed: Edition) -> Grid:
    """Section 三: the note in the top-left corner, the two-level applicant header, and
    row labels on three levels (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密)."""
    n_data = len(ed.s3_columns)
    b = _Builder(3 + n_data)
    b.add(0, 0, S3_NOTE, "header", rowspan=3, colspan=3)
    b.add(0, 3, S3_APPLICANT_HEADER, "header", colspan=n_data)
    legal = [c for c in APPLICANT_COLUMNS if c.key != "natural"]
    col = 3
    for c in ed.s3_columns:
        if c.key in ("natural", "total"):
            b.add(1, col, c.label, "header", rowspan=2)
        else:
            if c.key == legal[0].key:
                b.add(1, col, S3_LEGAL_PERSONS, "header", colspan=len(legal))
            b.add(2, col, c.label, "header")
        col += 1
    first = 3
    rows = ed.s3_rows
    in_results = [i for i, r in enumerate(rows) if r.group is not None]
    if in_results:
        b.add(first + in_results[0], 0, G_RESULTS, "label", rowspan=len(in_results))
    for i, r in enumerate(rows):
        if r.group is None:
            b.add(first + i, 0, r.label, "label", colspan=3)
        elif r.group == G_RESULTS:
            b.add(first + i, 1, r.label, "label", colspan=2)
        else:
            if i == 0 or rows[i - 1].group != r.group:
                n = sum(1 for _ in _takewhile_group(rows, i))
                b.add(first + i, 1, r.group, "label", rowspan=n)
            b.add(first + i, 2, r.label, "label")
        for k, c in enumerate(ed.s3_columns):
            b.add(first + i, 3 + k, "", "value", key=f"s3.{r.key}.{c.key}")
    b.cells.sort(key=lambda c: (c.row, c.col))
    return b.grid("s3", "requests", (12.0, 15.0, 49.0, *([80.0 / n_data] * n_data)), header_rows=3)


def _takewhile_group(rows: tuple[S3Row, ...], start: int) -> Iterator[S3Row]:
    for r in rows[start:]:
        if r.group != rows[start].group:
            return
        yield r


def s4_grid(ed: Edition) -> Grid:
    """Section 四: 行政复议 over its result columns; 行政诉讼 over its two kinds of suit,
    each over the same result columns; then the one row of values."""
    n = len(ed.s4_columns)
    b = _Builder(n * len(ed.s4_groups))
    col = 0
    parents_done: set[str] = set()
    for g in ed.s4_groups:
        if g.parent is None:
            b.add(0, col, g.label, "header", colspan=n)
            for k, c in enumerate(ed.s4_columns):
                b.add(1, col + k, c.label, "header", rowspan=2)
        else:
            if g.parent not in parents_done:
                siblings = [s for s in ed.s4_groups if s.parent == g.parent]
                b.add(0, col, g.parent, "header", colspan=n * len(siblings))
                parents_done.add(g.parent)
            b.add(1, col, g.label, "header", colspan=n)
            for k, c in enumerate(ed.s4_columns):
                b.add(2, col + k, c.label, "header")
        for k, c in enumerate(ed.s4_columns):
            b.add(3, col + k, "", "value", key=f"s4.{g.key}.{c.key}")
        col += n
    return b.grid("s4", "reviews", tuple([1.0] * b.n_cols), header_rows=3)


LINE_BREAKS: dict[str, tuple[str, ...]] = {
    S3_NOTE: ("（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）"),
    "商业企业": ("商业", "企业"),
    "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会", "公益", "组织"),
    "法律服务机构": ("法律", "服务", "机构"),
    G_RESULTS: ("三、", "本年度", "办理", "结果"),
    **{g: (g[:3], g[3:]) for g in (G_WITHHELD, G_UNAVAILABLE, G_NOT_HANDLED, G_OTHER)},  # as groups
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (
        "（二）部分公开（区分处理的，",
        "只计这一情形，不计其他情形）",
    ),
    "5.要求行政机关确认或重新出具已获取信息": ("5.要求行政机关确认或", "重新出具已获取信息"),
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (
        "1.申请人无正当理由",
        "逾期不补正、行政机关",
        "不再处理其政府信息公开申请",
    ),
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": (
        "2.申请人逾期未按收费通知",
        "要求缴纳费用、行政机关",
        "不再处理其政府信息公开申请",
    ),
}
"""Where the labels of section 三 break in their narrow cells, fitted to the widths of
:func:`s3_grid`: between words (商业/企业, （三）/不予公开), never one character
left alone on a line as the column's edge would leave it (商业企/业)."""


_GROUPS = frozenset((G_WITHHELD, G_UNAVAILABLE, G_NOT_HANDLED, G_OTHER))


def printed_lines(cell: GridCell, text: str) -> tuple[str, ...]:
    """The lines ``text`` is printed on in ``cell``: a header or label where the form
    breaks it (a group label only where it heads its group in the narrow column, not
    as edition 2019's one-row （六）其他处理), a value unbroken."""
    lines = LINE_BREAKS.get(text) if cell.key is None else None
    if lines is None or (text in _GROUPS and cell.rowspan == 1):
        return (text,)
    return lines


@cache
def grids(edition_name: str) -> tuple[Grid, Grid, Grid]:
    """The tables of sections 二, 三 and 四 of ``edition_name`` ("2019" or "2021")."""
    ed = get_edition(edition_name)
    return s2_grid(ed), s3_grid(ed), s4_grid(ed)


def format_number(value: Number | None) -> str:
    """A value as printed: blank for ``None``, ``0`` for zero, no float noise
    (``15636.844``, not ``15636.844000000001`` or ``1.5e-05``)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer():
            return str(int(value))
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


@cache
def _money_keys_without_unit(edition_name: str) -> frozenset[str]:
    ed = get_edition(edition_name)
    return frozenset(
        f"s2.{row.key}.{c.key}"
        for row in ed.s2_rows
        for c in row.columns
        if c.money and MONEY_UNIT not in c.label
    )


def value_text(report: AnnualReport, key: str) -> str:
    """What to print in the cell ``key`` of ``report``: money under a header that names
    no unit carries ``万元`` so that a reader of the page knows the amount."""
    text = format_number(report.get(key))
    if text and report.edition and key in _money_keys_without_unit(report.edition):
        return text + MONEY_UNIT
    return text
