from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xxgk.ingest.numbers import header_unit, is_page_marker, read_cell, to_wan


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("增71", 71),
        ("减 232", -232),
        ("+1355", 1355),
        ("-4", -4),
        (" 0 ", 0),
        ("１２３", 123),
        ("1,234", 1234),
        ("12件", 12),
        ("增加5", 5),
        ("减少 6", -6),
    ],
)
def test_counts_and_signed_changes(text, value):
    cell = read_cell(text)
    assert cell is not None and cell.value == value


@pytest.mark.parametrize(
    ("text", "header", "wan"),
    [
        ("15636.844万元", None, 15636.844),
        ("1.8 亿元", None, 18000),
        ("251000元", None, 25.1),
        ("2488（元）", None, 0.2488),
        ("10309.4", None, 10309.4),
        ("10309.4", "元", 1.03094),
        ("0", None, 0),
    ],
)
def test_money_in_wan(text, header, wan):
    cell = read_cell(text)
    assert cell is not None
    assert to_wan(cell.value, cell.unit, header) == pytest.approx(wan)


@pytest.mark.parametrize("text", ["—", "-", "/", "无", "——"])
def test_none_marks_read_as_blank(text):
    cell = read_cell(text)
    assert cell is not None and cell.value is None


@pytest.mark.parametrize("text", ["", "自然人", "本年增/减", "第二十条第（一）项", "2.重复申请"])
def test_labels_are_not_values(text):
    assert read_cell(text) is None


def test_page_markers_and_header_units():
    assert is_page_marker("- 3 -") and is_page_marker("第 2 页") and not is_page_marker("3")
    assert header_unit("采购总金额（单位：万元，保留4位小数）") == "万元"
    assert header_unit("采购总金额（元）") == "元"
    assert header_unit("采购总金额") is None


@given(st.integers(min_value=0, max_value=10**9))
def test_any_printed_count_reads_back(n):
    for text in (str(n), f"{n:,}", f"增{n}", f"+{n}"):
        assert read_cell(text).value == n
    assert read_cell(f"减{n}").value == -n
    assert read_cell(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))).value == n
