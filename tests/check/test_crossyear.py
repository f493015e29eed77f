"""Identities 5–7 between two years of one agency, and finding the pairs."""

from __future__ import annotations

import copy

from xxgk.check import check_pair, pair_up
from xxgk.check.crossyear import agency_key
from xxgk.report import AnnualReport


def next_year(report: AnnualReport, edition: str | None = None) -> AnnualReport:
    """A report for the following year that continues this one: 结转, 现行有效, 项目数量."""
    nxt = AnnualReport.blank(edition or report.edition, agency=report.agency, year=report.year + 1)
    for key, value in report.cells.items():
        if key in nxt.cells:
            nxt.cells[key] = value
    if nxt.edition == report.edition == "2021":
        nxt.cells.update({"s2.rules.issued": 0, "s2.rules.repealed": 0})
        nxt.cells.update({"s2.normative.issued": 0, "s2.normative.repealed": 0})
    if nxt.edition == report.edition == "2019":
        for row in ("license", "other_service", "penalty", "coercion", "fee"):
            nxt.cells[f"s2.{row}.prev"] = report.cells[f"s2.{row}.prev"] + report.cells[f"s2.{row}.delta"]
    for col in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total"):
        nxt.cells[f"s3.carried_over.{col}"] = report.cells.get(f"s3.carried_forward.{col}")
    return nxt


def test_continuing_carry_gives_nothing(dev_reports):
    d01 = dev_reports["d01"]
    assert check_pair(d01, next_year(d01)) == []


def test_broken_carry_names_both_cells(dev_reports):
    d01 = dev_reports["d01"]
    nxt = next_year(d01)
    nxt.cells["s3.carried_over.natural"] = 3
    [f] = [f for f in check_pair(d01, nxt) if f.rule == "identity-5"]
    assert f.severity == "error"
    assert f.cells == ["s3.carried_over.natural", "s3.carried_forward.natural"]
    assert "“自然人”列" in f.message and "2023年度" in f.message and "2022年度" in f.message
    assert "二、上年结转政府信息公开申请数量”为 3" in f.message
    assert "四、结转下年度继续办理”为 0" in f.message


def test_carry_across_the_change_of_edition(seed_reports):
    r2020 = seed_reports["001"]
    r2021 = next_year(r2020, "2021")
    assert check_pair(r2020, r2021) == []
    r2021.cells["s3.carried_over.total"] = 1
    assert [f.rule for f in check_pair(r2020, r2021)] == ["identity-5"]


def test_in_force_continues_edition_2021(seed_reports):
    r2021 = seed_reports["004"]  # normative: issued 5, repealed 1, in force 5
    r2022 = next_year(r2021)
    r2022.cells.update({"s2.normative.issued": 2, "s2.normative.repealed": 0, "s2.normative.in_force": 7})
    assert check_pair(r2021, r2022) == []
    r2022.cells["s2.normative.in_force"] = 9
    [f] = check_pair(r2021, r2022)
    assert f.rule == "identity-6" and f.severity == "warning"
    assert (
        "上年（2021年度）报告现行有效件数(5) + 本年（2022年度）报告本年制发件数(2) − 本年废止件数(0) = 7"
        in f.message
    )
    assert "现行有效件数为 9" in f.message


def test_project_counts_continue_edition_2019(seed_reports):
    r2019 = seed_reports["001"]
    r2020 = next_year(r2019)
    assert check_pair(r2019, r2020) == []
    r2020.cells["s2.license.prev"] = 449  # last year's prev again, forgetting last year's +418
    [f] = check_pair(r2019, r2020)
    assert f.rule == "identity-7" and f.cells == ["s2.license.prev", "s2.license.delta"]
    assert "449" in f.message and "418" in f.message and "867" in f.message


def test_no_identity_6_or_7_across_editions(seed_reports):
    r2020 = seed_reports["001"]
    r2021 = next_year(r2020, "2021")
    r2021.cells["s2.normative.in_force"] = 999
    assert check_pair(r2020, r2021) == []


def test_years_apart_are_not_compared(seed_reports):
    r = seed_reports["001"]
    later = next_year(r)
    later.year += 1
    assert [f.rule for f in check_pair(r, later)] == ["pair-not-consecutive"]


def test_pair_up_finds_the_same_agency_in_consecutive_years(seed_reports, dev_reports):
    a2020 = seed_reports["001"]
    a2021 = next_year(a2020, "2021")
    a2021.agency = "博爱县 人民政府"
    a2022 = next_year(a2021)
    a2022.agency = "博爱县政府"
    gap = next_year(a2022)
    gap.year += 1
    others = [*dev_reports.values(), seed_reports["000"], seed_reports["004"]]
    pairs = pair_up([a2022, *others, a2020, gap, a2021, copy.deepcopy(a2021)])
    assert [(p.year, c.year) for p, c in pairs] == [(2020, 2021), (2021, 2022)]
    assert pairs[0][0] is a2020 and pairs[0][1] is a2021


def test_agency_key():
    assert agency_key("博爱县人民政府") == agency_key(" 博爱县政府 ") == "博爱县政府"
    assert agency_key("（博爱县）") == "博爱县"
    assert agency_key(None) is None and agency_key("  ") is None
