"""Reports as web scrapers leave them: runs of equal lines cut to one, numbers and dates
broken over lines, headings whose numbering stands alone.

Each case is a generated report written one cell per line (as the scrapers of government
sites print a table) and then broken the way real scraped reports are.
"""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings

from xxgk.ingest import parse_bytes
from xxgk.render.plaintext import render_text
from xxgk.report.generate import random_report, reports
from xxgk.report.model import AnnualReport


def one_cell_per_line(report: AnnualReport, seed: int = 1) -> list[str]:
    text = render_text(report, "cells", rng=random.Random(seed))
    return [line.strip() for line in text.splitlines() if line.strip()]


def collapse(lines: list[str]) -> str:
    """What a scraper that keeps one line of each run of equal lines prints."""
    return "\n".join(line for line, _ in itertools.groupby(lines))


def wrong(truth: AnnualReport, got: AnnualReport) -> dict[str, tuple[object, object]]:
    def same(a: object, b: object) -> bool:
        if a in (None, 0) and b in (None, 0):
            return True
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, abs_tol=1e-6)

    return {
        k: (truth.cells[k], got.cells.get(k))
        for k in truth.keys()
        if not same(truth.cells[k], got.cells.get(k))
    }


def warned(report: AnnualReport) -> set[str]:
    return {k for f in report.findings if f.severity in ("warning", "error") for k in f.cells}


def natural_only(seed: int, edition: str = "2021") -> AnnualReport:
    """A report whose requests came from natural persons alone, with some of every kind of outcome."""
    report = random_report(random.Random(seed), edition)
    rows = {"received": 20, "carried_over": 1, "granted": 2, "partly_granted": 3, "total": 20}
    rows |= {"unavailable.not_held": 13, "withheld.third_party": 1, "not_handled.duplicate": 1}
    rows |= {"carried_forward": 1}
    for key in [k for k in report.keys() if k.startswith("s3.")]:
        report.cells[key] = 0
    for row, n in rows.items():
        report.cells[f"s3.{row}.natural"] = report.cells[f"s3.{row}.total"] = n
    return report


@settings(max_examples=30, deadline=None)
@given(reports())
def test_collapsed_runs_are_read_or_flagged_never_silently_wrong(report: AnnualReport) -> None:
    got = parse_bytes(collapse(one_cell_per_line(report)).encode(), "scraped.txt")
    for key, (truth, read) in wrong(report, got).items():
        assert read is None and key in warned(got), f"{key}: read {read!r}, truth {truth!r}, no warning"


def test_collapsed_runs_are_expanded_by_the_identities() -> None:
    """``20`` / ``0`` / ``20``: twenty from natural persons, nothing from the five others."""
    report = natural_only(4)
    text = collapse(one_cell_per_line(report))
    assert "本年新收政府信息公开申请数量\n20\n0\n20\n" in text
    got = parse_bytes(text.encode(), "scraped.txt")
    assert {k: v for k, v in wrong(report, got).items() if k.startswith("s3.")} == {}
    assert any(f.rule == "parse-inferred" and "相同数字只印出一个" in f.message for f in got.findings)


def test_a_table_without_collapsed_runs_is_not_read_as_runs() -> None:
    """Printed whole, zeros and all, the same report reads as printed, with no runs."""
    report = natural_only(4)
    got = parse_bytes("\n".join(one_cell_per_line(report)).encode(), "whole.txt")
    assert wrong(report, got) == {}
    assert not any("相同数字只印出一个" in f.message for f in got.findings)


def test_a_number_broken_over_two_lines_is_joined() -> None:
    """A Word run split ``162`` into ``1`` / ``62``; the identities join it again."""
    report = natural_only(6)
    for row in ("received", "total", "granted"):
        report.cells[f"s3.{row}.natural"] = report.cells[f"s3.{row}.total"] = 162
    report.cells["s3.granted.natural"] = report.cells["s3.granted.total"] = 144
    lines = one_cell_per_line(report)
    at = lines.index("一、本年新收政府信息公开申请数量") + 1
    assert lines[at] == "162"
    lines[at : at + 1] = ["1", "62"]
    got = parse_bytes("\n".join(lines).encode(), "split.txt")
    assert wrong(report, got) == {}
    assert any(
        f.rule == "parse-inferred" and "s3.received.natural" in f.cells and "连接" in f.message
        for f in got.findings
    )


def test_a_heading_whose_numbering_stands_alone_is_its_section() -> None:
    report = random_report(random.Random(8), "2021")
    lines = one_cell_per_line(report)
    at = lines.index("五、存在的主要问题及改进情况")
    lines[at : at + 1] = ["五、", "存在的主要问题及改进情况"]
    at = lines.index("一、总体情况")
    lines[at : at + 1] = ["一", "、总体情况"]
    got = parse_bytes("\n".join(lines).encode(), "heading.txt")
    assert got.sections["problems"] == report.sections["problems"]
    assert got.sections["overview"] == report.sections["overview"]


def test_a_signature_date_printed_one_part_per_line() -> None:
    report = random_report(random.Random(9), "2021")
    report.published_on = None
    signature = [report.agency or "", "2025", "年", "1", "月", "20", "日", "（此件主动公开）"]
    lines = [*one_cell_per_line(report), *signature]
    got = parse_bytes("\n".join(lines).encode(), "date.txt")
    assert got.published_on is not None and got.published_on.isoformat() == "2025-01-20"


def test_a_sign_or_unit_on_a_line_of_its_own_goes_with_its_number() -> None:
    """``20`` / ``增`` / ``7`` / ``1`` is 20, +7 and 1; ``11`` / ``批`` / ``129323`` / ``元``
    is 11 purchases for 12.9323 万元; a header ``采购总金额`` / ``（元）`` gives its unit."""
    report = random_report(random.Random(3), "2019")
    report.cells |= {"s2.other_service.prev": 20, "s2.other_service.delta": 7}
    report.cells |= {"s2.other_service.decisions": 1}
    report.cells |= {"s2.procurement.count": 11, "s2.procurement.amount": 12.9323}
    lines = one_cell_per_line(report)
    at = lines.index("其他对外管理服务事项")
    lines[at + 1 : at + 4] = ["20", "增", "7", "1"]
    signed = parse_bytes("\n".join(lines).encode(), "sign.txt")
    assert [signed.cells[f"s2.other_service.{c}"] for c in ("prev", "delta", "decisions")] == [20, 7, 1]
    at = lines.index("政府集中采购")
    header = lines[:at]
    in_yuan = [*header[:-1], "采购总金额", "（元）"]
    for ending, body in ((["批", "129323", "元"], header), (["129323"], in_yuan)):
        page = [*body, "政府集中采购", "11", *ending, *lines[at + 3 :]]
        got = parse_bytes("\n".join(page).encode(), "units.txt")
        assert {k: v for k, v in wrong(report, got).items() if k.startswith("s2.")} == {}


def test_variant_row_labels_of_the_request_table() -> None:
    """``本年度新收…`` and ``上年度结转…`` name the first two rows as well."""
    report = natural_only(14)
    text = "\n".join(one_cell_per_line(report))
    text = text.replace("本年新收", "本年度新收").replace("上年结转", "上年度结转")
    got = parse_bytes(text.encode(), "variant.txt")
    assert wrong(report, got) == {}


def test_a_number_broken_in_a_collapsed_table_is_joined_or_left_blank() -> None:
    """Both scraper defects at once: ``17`` / ``0`` / ``17`` with the first 17 broken into
    ``1`` / ``7`` may not become 1, 1, 1, 7, 7 (which balances its own row); and a total
    row ``18`` / ``0`` / ``1`` / ``8`` is 18 from natural persons once ``1`` / ``8`` is joined."""
    report = natural_only(4)
    for row, n in (("received", 17), ("total", 17), ("unavailable.not_held", 10)):
        report.cells[f"s3.{row}.natural"] = report.cells[f"s3.{row}.total"] = n
    lines = collapse(one_cell_per_line(report)).split("\n")
    at = lines.index("一、本年新收政府信息公开申请数量") + 1
    assert lines[at : at + 3] == ["17", "0", "17"]
    broken = [*lines[:at], "1", "7", *lines[at + 1 :]]
    got = parse_bytes("\n".join(broken).encode(), "broken.txt")
    for key, (truth, read) in wrong(report, got).items():
        assert read is None and key in warned(got), f"{key}: read {read!r}, truth {truth!r}, no warning"
    at = lines.index("（七）总计") + 1
    assert lines[at : at + 3] == ["17", "0", "17"]
    broken = [*lines[:at], "17", "0", "1", "7", *lines[at + 3 :]]
    got = parse_bytes("\n".join(broken).encode(), "total.txt")
    assert {k: v for k, v in wrong(report, got).items() if k.startswith("s3.")} == {}
