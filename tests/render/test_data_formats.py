"""The report as data: XLSX read back by openpyxl, the CSV dataset, JSON and Markdown."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.ingest.load import load_bytes
from xxgk.render.csv import BOM, render_csv
from xxgk.render.grid import grids, label_paths
from xxgk.render.json import render_json
from xxgk.render.markdown import render_markdown
from xxgk.render.xlsx import CELLS_SHEET, FIRST_ROW, PATH_SEPARATOR, render_xlsx
from xxgk.report import EDITIONS, AnnualReport, all_keys, dataset, edition
from xxgk.report.form import S3_NOTE


def test_xlsx_reads_back_every_key(seed):
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed)))
    rows = list(wb[CELLS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == edition(seed.edition).keys()
    assert {r[0]: r[2] for r in rows} == seed.cells
    paths = label_paths(seed.edition)
    assert all(r[1] == PATH_SEPARATOR.join(paths[r[0]]) for r in rows)


def test_xlsx_table_sheets_are_laid_out_like_the_form(seed):
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed)))
    table_sheets = [ws for ws in wb.worksheets if ws.title not in (CELLS_SHEET, "报告信息", dataset.SHEET)]
    assert len(table_sheets) == 3
    for grid, ws in zip(grids(seed.edition), table_sheets, strict=True):
        merged = {str(r) for r in ws.merged_cells.ranges}
        want = set()
        for c in grid.cells:
            cell = ws.cell(FIRST_ROW + c.row, 1 + c.col)
            assert cell.value == (seed.cells[c.key] if c.key else c.text)
            if c.rowspan > 1 or c.colspan > 1:
                top_left = cell.coordinate
                bottom_right = ws.cell(FIRST_ROW + c.last_row, 1 + c.last_col).coordinate
                want.add(f"{top_left}:{bottom_right}")
        assert merged == want
    s3 = table_sheets[1]
    assert s3.cell(FIRST_ROW, 1).value == S3_NOTE
    assert f"A{FIRST_ROW}:C{FIRST_ROW + 2}" in {str(r) for r in s3.merged_cells.ranges}


def parse_number(text: str):
    if text == "":
        return None
    return float(text) if "." in text else int(text)


def csv_rows(text: str) -> list[list[str]]:
    """The rows of our CSV, which Excel on Chinese Windows must open: a BOM first."""
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def test_csv_is_a_row_per_report_and_a_column_per_key(seed):
    other = AnnualReport.blank("2021" if seed.edition == "2019" else "2019", agency="某局", year=2022)
    text = render_csv([("a.txt", seed), other])
    rows = csv_rows(text)
    assert rows[0][:3] == ["机关", "年度", "统计表格式"], "Chinese headers first"
    assert "一、本年新收政府信息公开申请数量" in rows[0][rows[1].index("s3.received.natural")]
    assert rows[1] == [*dataset.META_KEYS, *all_keys()], "the keys beneath"
    rows = rows[1:]
    assert len(rows) == 3
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["source"] == "a.txt"
    assert (record["agency"], record["year"], record["edition"]) == (
        seed.agency,
        str(seed.year),
        seed.edition,
    )
    assert {k: parse_number(record[k]) for k in seed.cells} == seed.cells
    assert all(record[k] == "" for k in all_keys() if k not in seed.cells)
    assert all(v == "" for v in rows[2][len(dataset.META_KEYS) :])
    back = load_bytes(text.encode("utf-8"), "x.csv")
    assert [r.cells for r in back] == [seed.cells, other.cells]
    assert back[0].source == "a.txt" and back[1].agency == "某局"


numbers = st.one_of(
    st.none(),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(min_value=0, max_value=1e7, allow_nan=False).map(lambda x: round(x, 4)),
)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(EDITIONS), st.data())
def test_csv_and_json_carry_any_report_exactly(name, data):
    cells = {k: data.draw(numbers, label=k) for k in edition(name).keys()}
    report = AnnualReport(agency="某县人民政府", year=2022, edition=name, cells=cells)
    _, header, row = csv_rows(render_csv([report]))
    record = dict(zip(header, row, strict=True))
    assert {k: parse_number(record[k]) for k in cells} == cells
    [from_csv] = load_bytes(render_csv([report]).encode("utf-8"), "x.csv")
    assert from_csv.cells == cells
    [from_xlsx] = load_bytes(render_xlsx([report, report])[:], "x.xlsx")[:1]
    assert from_xlsx.cells == cells
    back = AnnualReport.from_json(json.loads(render_json(report)))
    assert back.cells == cells


def test_json_is_the_parse_contract(seed):
    data = json.loads(render_json(seed))
    assert data == seed.to_json()
    assert AnnualReport.from_json(data).cells == seed.cells


def test_markdown_has_the_sections_and_every_printed_value(seed):
    text = render_markdown(seed)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    n_rows = len(edition(seed.edition).s2_rows) + len(edition(seed.edition).s3_rows) + 3
    n_heads = len(edition(seed.edition).s2_headers) + 2
    assert len(table_rows) == n_rows + 2 * n_heads  # each table: a header and a rule
    s3_received = next(line for line in table_rows if line.startswith("| 一、本年新收"))
    values = [c.strip() for c in s3_received.strip("|").split("|")[3:]]
    keys = [f"s3.received.{c.key}" for c in edition(seed.edition).s3_columns]
    assert [parse_number(v) for v in values] == [seed.cells[k] for k in keys]


def test_xlsx_drops_control_characters_in_the_agency_and_source():
    report = AnnualReport.blank("2019", agency="某\x00局", year=2020)
    report.source = "a\x1fb.docx"
    info = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))["报告信息"]
    values = {row[0]: row[1] for row in info.iter_rows(values_only=True)}
    assert values["机关"] == "某局" and values["来源"] == "ab.docx"


def test_many_reports_make_one_workbook_with_a_row_each(seed):
    other = AnnualReport.blank("2021" if seed.edition == "2019" else "2019", agency="某局", year=2022)
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx([seed, other])))
    assert wb.sheetnames == [dataset.SHEET]
    rows = list(wb[dataset.SHEET].iter_rows(values_only=True))
    assert rows[0][0] == "机关" and list(rows[1]) == dataset.keys()
    assert [(r[0], r[1]) for r in rows[2:]] == [(seed.agency, seed.year), ("某局", 2022)]
    back = load_bytes(render_xlsx([seed, other]), "x.xlsx")
    assert [r.cells for r in back] == [seed.cells, other.cells]
