"""The ruled-table finder: the cells it finds are pdfplumber's on the same rules, and the
page frame and page-break caps are handled before it."""

from __future__ import annotations

import io
from itertools import pairwise

import pdfplumber
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_by_hand import Page, pdf

from xxgk.ingest.pdf_grid import Box, caps, find_tables, ruled_tables, without_frame
from xxgk.ingest.pdf_page import Rule
from xxgk.ingest.pdf_settings import DEFAULT

HEIGHT = 842.0
BLANK_PAGE = pdf([Page()])


def pdfplumber_tables(vertical: list[Rule], horizontal: list[Rule]) -> list[list[list[Box | None]]]:
    """pdfplumber's tables on exactly these rules, with the reader's tolerances."""
    lines = [
        {"x0": r.x0, "x1": r.x1, "top": r.top, "bottom": r.bottom, "width": r.x1 - r.x0,
         "height": r.bottom - r.top, "object_type": "line"}
        for r in (*vertical, *horizontal)
    ]  # fmt: skip
    with pdfplumber.open(io.BytesIO(BLANK_PAGE)) as doc:
        found = doc.pages[0].find_tables(
            {
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": [e for e in lines if e["x0"] == e["x1"]],
                "explicit_horizontal_lines": [e for e in lines if e["top"] == e["bottom"]],
                "snap_tolerance": DEFAULT.snap_tolerance,
                "join_tolerance": DEFAULT.join_tolerance,
                "intersection_tolerance": DEFAULT.intersection_tolerance,
                "edge_min_length": DEFAULT.min_rule_length,
            }
        )
        return [[[Box(*c) if c else None for c in row.cells] for row in t.rows] for t in found]


def ours(vertical: list[Rule], horizontal: list[Rule]) -> list[list[list[Box | None]]]:
    return [t.rows for t in find_tables(vertical, horizontal, DEFAULT)]


QUARTER = st.integers(-2, 2).map(lambda n: n * 0.25)
"""A jitter within the snap tolerance, in quarter points: exact in binary, so that the
mean position of a snapped cluster is exact for pdfplumber and for us alike."""


@st.composite
def ruled_grids(draw: st.DrawFn) -> tuple[list[Rule], list[Rule]]:
    """The rules of a table as office suites draw them: each cell's borders on their own
    (ends a little over or short), a rule a little off the grid, some rules doubled half
    a point apart, some cells merged (their inner rules left out)."""
    widths = draw(st.lists(st.integers(4, 30), min_size=1, max_size=6))
    heights = draw(st.lists(st.integers(4, 12), min_size=1, max_size=8))
    xs = [60.0 + 5 * sum(widths[:i]) + draw(QUARTER) for i in range(len(widths) + 1)]
    ys = [80.0 + 5 * sum(heights[:i]) + draw(QUARTER) for i in range(len(heights) + 1)]
    xs += [x + 0.5 for x in draw(st.sets(st.sampled_from(xs), max_size=2))]
    ys += [y + 0.5 for y in draw(st.sets(st.sampled_from(ys), max_size=2))]
    columns, rows = sorted(xs), sorted(ys)
    inner = [("v", x) for x in columns[1:-1]] + [("h", y) for y in rows[1:-1]]
    merged = (
        draw(st.sets(st.tuples(st.sampled_from(inner), st.integers(0, 7)), max_size=6)) if inner else set()
    )
    vertical = [
        Rule(x, top + draw(QUARTER), x, bottom + draw(QUARTER))
        for x in columns
        for k, (top, bottom) in enumerate(pairwise(rows))
        if (("v", x), k) not in merged
    ]
    horizontal = [
        Rule(left + draw(QUARTER), y, right + draw(QUARTER), y)
        for y in rows
        for k, (left, right) in enumerate(pairwise(columns))
        if (("h", y), k) not in merged
    ]
    return [r for r in vertical if r.bottom > r.top], [r for r in horizontal if r.x1 > r.x0]


@settings(max_examples=150, deadline=None)
@given(grid=ruled_grids())
def test_cells_are_pdfplumbers_on_the_same_rules(grid: tuple[list[Rule], list[Rule]]) -> None:
    vertical, horizontal = grid
    assert ours(vertical, horizontal) == pdfplumber_tables(vertical, horizontal)


def test_merged_cell_leaves_none_where_it_spans() -> None:
    xs, ys = [60.0, 160.0, 260.0, 360.0], [80.0, 100.0, 120.0]
    vertical = [Rule(x, ys[0], x, ys[-1]) for x in xs if x != 160.0] + [Rule(160.0, 100.0, 160.0, 120.0)]
    horizontal = [Rule(xs[0], y, xs[-1], y) for y in ys]
    (table,) = ruled_tables(vertical, horizontal, HEIGHT, DEFAULT)
    assert table.rows == [
        [Box(60.0, 80.0, 260.0, 100.0), None, Box(260.0, 80.0, 360.0, 100.0)],
        [Box(60.0, 100.0, 160.0, 120.0), Box(160.0, 100.0, 260.0, 120.0), Box(260.0, 100.0, 360.0, 120.0)],
    ]


def test_page_frame_doubling_a_tables_border_is_dropped() -> None:
    """An HTML layout table typeset by an office suite: a box round the page, a point
    inside which the real table's own border runs."""
    frame_v = [Rule(30.0, 30.0, 30.0, 810.0), Rule(565.0, 30.0, 565.0, 810.0)]
    frame_h = [Rule(30.0, 30.0, 565.0, 30.0), Rule(30.0, 810.0, 565.0, 810.0)]
    table_v = [
        Rule(32.0, 100.0, 32.0, 200.0),
        Rule(300.0, 100.0, 300.0, 200.0),
        Rule(563.0, 100.0, 563.0, 200.0),
    ]
    table_h = [Rule(32.0, y, 563.0, y) for y in (100.0, 150.0, 200.0)]
    vertical, horizontal = without_frame(frame_v + table_v, frame_h + table_h, HEIGHT, DEFAULT)
    assert (vertical, horizontal) == (table_v, table_h)
    (table,) = ruled_tables(frame_v + table_v, frame_h + table_h, HEIGHT, DEFAULT)
    assert table.bbox == Box(32.0, 100.0, 563.0, 200.0)


def test_table_filling_the_page_keeps_its_borders() -> None:
    vertical = [Rule(x, 30.0, x, 810.0) for x in (30.0, 300.0, 565.0)]
    horizontal = [Rule(30.0, y, 565.0, y) for y in (30.0, 400.0, 810.0)]
    assert without_frame(vertical, horizontal, HEIGHT, DEFAULT) == (vertical, horizontal)
    (table,) = ruled_tables(vertical, horizontal, HEIGHT, DEFAULT)
    assert len(table.rows) == 2


def test_rows_cut_open_by_a_page_break_are_closed() -> None:
    """A table going on over a page break has no rule where the page cuts it: its last
    row on the page is closed by a cap at the vertical rules' ends."""
    vertical = [Rule(x, 700.0, x, 790.0) for x in (60.0, 200.0, 400.0)]
    horizontal = [Rule(60.0, y, 400.0, y) for y in (700.0, 750.0)]
    assert caps(vertical, horizontal, DEFAULT) == [Rule(60.0, 790.0, 400.0, 790.0)]
    (table,) = ruled_tables(vertical, horizontal, HEIGHT, DEFAULT)
    assert [row[0].bottom for row in table.rows if row[0]] == [750.0, 790.0]


def test_merged_cell_drawn_row_by_row_is_not_capped() -> None:
    """Ends of vertical rules inside a table are the borders of a merged cell drawn row by
    row, not a page break: no rule is added there."""
    vertical = [Rule(x, y, x, y + 20.0) for x in (60.0, 200.0) for y in (100.0, 120.0)]
    vertical += [Rule(400.0, 100.0, 400.0, 140.0)]
    horizontal = [Rule(60.0, y, 400.0, y) for y in (100.0, 140.0)] + [Rule(200.0, 120.0, 400.0, 120.0)]
    assert caps(vertical, horizontal, DEFAULT) == []
    (table,) = ruled_tables(vertical, horizontal, HEIGHT, DEFAULT)
    assert table.rows[0][0] == Box(60.0, 100.0, 200.0, 140.0)


def test_a_single_column_box_is_not_a_table() -> None:
    vertical = [Rule(x, 100.0, x, 200.0) for x in (60.0, 400.0)]
    horizontal = [Rule(60.0, y, 400.0, y) for y in (100.0, 150.0, 200.0)]
    assert ruled_tables(vertical, horizontal, HEIGHT, DEFAULT) == []
