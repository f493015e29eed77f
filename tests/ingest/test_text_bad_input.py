"""Bad input gets a clear Chinese message or a report with findings, never a traceback."""

from __future__ import annotations

import os
import re

import pytest
from corpus import SEEDS, labelled
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.ingest import ReadError, parse_bytes, parse_path

SEED = labelled(SEEDS)[1][0]


def _chinese(message: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", message))


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\n", os.urandom(4096), bytes(range(256)) * 8, "今天天气很好。\n我们去公园。\n".encode()],
    ids=["empty", "whitespace", "random", "bytes", "not-a-report"],
)
def test_unreadable_documents_raise_read_error_in_chinese(data):
    with pytest.raises(ReadError) as e:
        parse_bytes(data, "bad.txt")
    assert _chinese(str(e.value))


def test_missing_file_and_folder(tmp_path):
    for source in (str(tmp_path / "nope.txt"), str(tmp_path)):
        with pytest.raises(ReadError) as e:
            parse_path(source)
        assert _chinese(str(e.value))


def test_report_without_section_three_keeps_the_rest():
    text = SEED.read_text(encoding="utf-8")
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开行政复议")
    report = parse_bytes((text[:start] + text[end:]).encode(), "cut.txt")
    assert all(report.cells[k] is None for k in report.cells if k.startswith("s3."))
    assert report.cells["s2.license.prev"] == 449
    assert report.cells["s4.review.other"] == 1
    missing = [f for f in report.findings if f.rule == "parse-missing" and f.severity == "warning"]
    assert missing and "s3.received.natural" in missing[0].cells


def test_truncated_table_flags_what_it_lost():
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("(四) 无法提供")
    report = parse_bytes(text[:cut].encode(), "truncated.txt")
    assert report.cells["s3.received.natural"] == 6
    warned = {k for f in report.findings if f.severity == "warning" for k in f.cells}
    assert "s3.unavailable.not_held.natural" in warned
    assert "s4.review.total" in warned


def test_huge_text_is_refused_or_read_in_bounded_size():
    filler = ("这是一段很长的无关文字。" * 100 + "\n").encode()
    with pytest.raises(ReadError) as e:
        parse_bytes(filler * 8000, "huge.txt")
    assert "过大" in str(e.value)


def test_long_report_with_much_prose_still_parses():
    text = SEED.read_text(encoding="utf-8")
    prose = "本年度我县持续推进政务公开工作，取得明显成效。\n" * 20000
    report = parse_bytes((text + prose).encode(), "long.txt")
    assert report.cells["s3.total.total"] == 7


def test_bytes_that_are_not_utf8_are_read_as_gb18030():
    report = parse_bytes(SEED.read_text(encoding="utf-8").encode("gbk"), "gbk.txt")
    assert report.agency == "博爱县人民政府"


LINES = [line for p, _ in labelled(SEEDS) for line in p.read_text(encoding="utf-8").splitlines()]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(LINES), max_size=300),
    st.lists(st.sampled_from(["", "\t", "0", "1 2 3", "—", "801000081", "- 2 -", "增", "总计"]), max_size=20),
    st.randoms(use_true_random=False),
)
def test_shuffled_and_broken_documents_never_crash(lines, junk, rnd):
    """Lines of real reports shuffled, dropped and salted with junk: a report or a ReadError."""
    mixed = lines + junk
    rnd.shuffle(mixed)
    try:
        report = parse_bytes("\n".join(mixed).encode(), "fuzz.txt")
    except ReadError as e:
        assert _chinese(str(e))
        return
    assert set(report.cells) == set(report.keys())
    assert report.edition in ("2019", "2021")
