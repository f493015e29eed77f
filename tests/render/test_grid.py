"""The printed form as a grid: it tiles, it holds every key once, its headers merge as
the State Council's form merges them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xxgk.render.grid import LINE_BREAKS, format_number, grids, label_paths, printed_lines
from xxgk.report.form import EDITIONS, G_RESULTS, S3_NOTE, edition


@pytest.mark.parametrize("name", EDITIONS)
def test_every_position_is_covered_by_exactly_one_cell(name):
    for grid in grids(name):
        owner: dict[tuple[int, int], object] = {}
        for c in grid.cells:
            for r in range(c.row, c.last_row + 1):
                for k in range(c.col, c.last_col + 1):
                    assert (r, k) not in owner, f"{grid.name}: {c} overlaps {owner[(r, k)]}"
                    owner[(r, k)] = c
        assert len(owner) == grid.n_rows * grid.n_cols, grid.name
        assert len(grid.widths) == grid.n_cols


@pytest.mark.parametrize("name", EDITIONS)
def test_the_value_cells_are_the_edition_keys_in_order(name):
    keys = [c.key for g in grids(name) for c in sorted(g.value_cells(), key=lambda c: (c.row, c.col))]
    assert keys == edition(name).keys()


def spans(grid) -> dict[str, tuple[int, int]]:
    return {c.text: (c.rowspan, c.colspan) for c in grid.cells if c.kind != "value"}


@pytest.mark.parametrize("name", EDITIONS)
def test_section_three_header_and_row_labels_merge_like_the_form(name):
    s3 = grids(name)[1]
    got = spans(s3)
    assert got[S3_NOTE] == (3, 3)
    assert got["申请人情况"] == (1, 7)
    assert got["法人或其他组织"] == (1, 5)
    assert got["自然人"] == got["总计"] == (2, 1)
    results_rows = sum(1 for r in edition(name).s3_rows if r.group is not None)
    assert got[G_RESULTS] == (results_rows, 1)
    assert got["（三）不予公开"] == (8, 1)
    assert got["（四）无法提供"] == (3, 1)
    assert got["（五）不予处理"] == (5, 1)
    assert got["一、本年新收政府信息公开申请数量"] == (1, 3)
    assert got["（七）总计"] == (1, 2)
    if name == "2021":
        assert got["（六）其他处理"] == (3, 1)
    else:
        assert got["（六）其他处理"] == (1, 2)


@pytest.mark.parametrize("name", EDITIONS)
def test_section_four_headers(name):
    s4 = grids(name)[2]
    got = spans(s4)
    assert (s4.n_rows, s4.n_cols) == (4, 15)
    assert got["行政复议"] == (1, 5)
    assert got["行政诉讼"] == (1, 10)
    assert got["未经复议直接起诉"] == got["复议后起诉"] == (1, 5)
    review_results = [c for c in s4.cells if c.kind == "header" and c.row == 1 and c.col < 5]
    assert [c.rowspan for c in review_results] == [2] * 5


def test_section_two_articles_span_the_table_and_narrow_rows_fill_it():
    s2 = grids("2021")[0]
    articles = [c for c in s2.cells if c.text.startswith("第二十条")]
    assert [c.text for c in articles] == [a for a, _ in edition("2021").s2_headers]
    assert all(c.colspan == s2.n_cols for c in articles)
    license_value = next(c for c in s2.cells if c.key == "s2.license.decisions")
    assert license_value.colspan == 3
    fee_2019 = next(c for c in grids("2019")[0].cells if c.key == "s2.fee.delta")
    assert fee_2019.colspan == 2


@pytest.mark.parametrize("name", EDITIONS)
def test_every_key_has_a_chinese_label_path(name):
    paths = label_paths(name)
    assert set(paths) == set(edition(name).keys())
    assert paths["s4.suit_after_review.upheld"][1:] == ("行政诉讼", "复议后起诉", "结果维持")


def test_blank_prints_empty_and_zero_prints_zero():
    assert format_number(None) == ""
    assert format_number(0) == "0"
    assert format_number(0.0) == "0"
    assert format_number(15636.844) == "15636.844"
    assert format_number(-375) == "-375"
    assert format_number(12.50) == "12.5"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_printed_numbers_read_back_exactly_and_plainly(x):
    text = format_number(x)
    assert "e" not in text.lower()
    assert not (text.endswith("0") and "." in text)
    assert math.isclose(float(text), x, rel_tol=0, abs_tol=0) or float(text) == x


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_print_as_themselves(n):
    assert format_number(n) == str(n)


def test_every_line_break_names_a_printed_label_and_keeps_its_text():
    printed = {c.text for name in EDITIONS for grid in grids(name) for c in grid.cells}
    for text, lines in LINE_BREAKS.items():
        assert text in printed, text
        assert "".join(lines) == text and len(lines) > 1

    def lines_of(name: str, text: str) -> set[tuple[str, ...]]:
        return {printed_lines(c, c.text) for c in grids(name)[1].cells if c.text == text}

    assert lines_of("2021", "一、本年新收政府信息公开申请数量") == {("一、本年新收政府信息公开申请数量",)}
    assert lines_of("2021", "（六）其他处理") == {("（六）", "其他处理")}
    assert lines_of("2019", "（六）其他处理") == {("（六）其他处理",)}  # one row across two columns
    assert lines_of("2019", "商业企业") == {("商业", "企业")}
