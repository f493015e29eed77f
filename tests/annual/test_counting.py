"""ledger.md § Counting as a pure function: examples worked by hand, and properties over random ledgers."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.annual.counting import (
    APPLICANTS,
    CASE_RESULTS,
    CATALOGUE_KINDS,
    DECISION_KINDS,
    DOCUMENT_KINDS,
    CaseRecord,
    CatalogueItem,
    DecisionTally,
    DocumentRecord,
    LedgerError,
    Ledgers,
    MoneyRecord,
    RequestRecord,
    count,
    outcomes,
    request_cells,
)
from xxgk.check import check_pair, check_report
from xxgk.report.form import EDITIONS, edition
from xxgk.report.identities import holds, identities

D = dt.date
YEARS = range(2019, 2025)


def test_december_request_answered_in_january() -> None:
    """The example of ledger.md: 本年新收 and 结转下年度 in Y, then 上年结转 and an outcome in Y+1."""
    r = RequestRecord("A-1", "commercial", D(2023, 12, 20), D(2024, 1, 8), "partly_granted")
    y1 = count(Ledgers(requests=[r]), 2023, "2021").report.cells
    y2 = count(Ledgers(requests=[r]), 2024, "2021").report.cells
    assert (y1["s3.received.commercial"], y1["s3.carried_forward.commercial"], y1["s3.total.total"]) == (
        1,
        1,
        0,
    )
    assert (
        y2["s3.carried_over.commercial"],
        y2["s3.partly_granted.commercial"],
        y2["s3.received.total"],
    ) == (
        1,
        1,
        0,
    )
    assert y2["s3.carried_forward.total"] == 0


def test_edition_2019_folds_the_other_rows() -> None:
    reqs = [
        RequestRecord(1, "natural", D(2020, 3, 1), D(2020, 4, 1), "other.no_correction"),
        RequestRecord(2, "natural", D(2020, 3, 1), D(2020, 4, 1), "other.no_fee"),
        RequestRecord(3, "legal", D(2020, 3, 1), D(2020, 3, 1), "other.other"),
    ]
    got = count(Ledgers(requests=reqs), 2020, "2019")
    assert got.report.cells["s3.other.natural"] == 2
    assert got.report.cells["s3.other.total"] == 3
    assert sorted(got.behind("s3.other.total")) == [1, 2, 3]
    in_2021 = count(Ledgers(requests=reqs), 2020, "2021").report.cells
    assert (in_2021["s3.other.no_correction.total"], in_2021["s3.other.other.legal"]) == (1, 1)


def test_registers_by_hand() -> None:
    docs = [
        DocumentRecord("r1", "rules", D(2020, 5, 1), D(2020, 5, 20)),
        DocumentRecord("n1", "normative", D(2021, 2, 1), D(2021, 2, 10), D(2022, 6, 1)),
        DocumentRecord("n2", "normative", D(2022, 3, 1), D(2022, 3, 5)),
        DocumentRecord("n3", "normative", D(2022, 7, 1), D(2022, 7, 3), D(2022, 9, 1)),
    ]
    cases = [
        CaseRecord("c1", "review", D(2021, 11, 1), D(2022, 2, 1), "corrected"),
        CaseRecord("c2", "suit_after_review", D(2022, 12, 30)),
        CaseRecord("c3", "suit_direct", D(2020, 1, 1), D(2021, 12, 31), "upheld"),
    ]
    tallies = [DecisionTally(f"t{m}", "license", 2022, m, 10) for m in range(1, 13)]
    fees = [MoneyRecord("f1", D(2022, 3, 1), Decimal("1.25")), MoneyRecord("f2", D(2022, 9, 1), Decimal("2"))]
    c = count(Ledgers(documents=docs, cases=cases, decisions=tallies, fees=fees), 2022, "2021").report.cells
    assert (c["s2.normative.issued"], c["s2.normative.repealed"], c["s2.normative.in_force"]) == (2, 2, 1)
    assert (c["s2.rules.issued"], c["s2.rules.in_force"]) == (0, 1)
    assert (c["s4.review.corrected"], c["s4.suit_after_review.pending"], c["s4.suit_direct.total"]) == (
        1,
        1,
        0,
    )
    assert c["s2.license.decisions"] == 120
    assert c["s2.fee.amount"] == 3.25


def test_catalogue_by_hand() -> None:
    items = [
        CatalogueItem("a", "license", D(2018, 1, 1)),
        CatalogueItem("b", "license", D(2018, 1, 1), D(2019, 6, 1)),
        CatalogueItem("c", "license", D(2019, 2, 1)),
        CatalogueItem("d", "license", D(2019, 2, 1), D(2019, 8, 1)),
        CatalogueItem("e", "fee", D(2019, 2, 1)),
    ]
    c = count(Ledgers(catalogue=items), 2019, "2019").report.cells
    assert (c["s2.license.prev"], c["s2.license.delta"], c["s2.fee.delta"]) == (2, 0, 1)


@pytest.mark.parametrize(
    "bad",
    [
        RequestRecord(1, "natural", D(2020, 3, 2), D(2020, 3, 1), "granted"),
        RequestRecord(1, "natural", D(2020, 3, 2), D(2020, 3, 3)),
        RequestRecord(1, "natural", D(2020, 3, 2), D(2020, 3, 3), "made_up"),
        RequestRecord(1, "alien", D(2020, 3, 2)),
    ],
)
def test_bad_records_are_refused_in_chinese(bad: RequestRecord) -> None:
    with pytest.raises(LedgerError, match="申请 1"):
        count(Ledgers(requests=[bad]), 2020, "2019")


def _day(lo: int = 2018, hi: int = 2024) -> st.SearchStrategy[dt.date]:
    return st.dates(D(lo, 1, 1), D(hi, 12, 31))


@st.composite
def requests(draw: st.DrawFn, ref: int) -> RequestRecord:
    received = draw(_day())
    closed = draw(st.none() | st.integers(0, 500).map(lambda n: received + dt.timedelta(days=n)))
    outcome = draw(st.sampled_from(outcomes())) if closed else None
    return RequestRecord(ref, draw(st.sampled_from(APPLICANTS)), received, closed, outcome)


@st.composite
def ledgers(draw: st.DrawFn) -> Ledgers:
    n = draw(st.integers(0, 60))
    reqs = [draw(requests(i)) for i in range(n)]
    docs = []
    for i in range(draw(st.integers(0, 15))):
        issued = draw(_day(2015))
        repealed = draw(st.none() | st.integers(0, 2000).map(lambda n, d=issued: d + dt.timedelta(days=n)))
        published = draw(st.none() | st.integers(0, 40).map(lambda n, d=issued: d + dt.timedelta(days=n)))
        docs.append(DocumentRecord(i, draw(st.sampled_from(DOCUMENT_KINDS)), issued, published, repealed))
    items = []
    for i in range(draw(st.integers(0, 15))):
        added = draw(_day(2015))
        removed = draw(st.none() | st.integers(0, 2000).map(lambda n, d=added: d + dt.timedelta(days=n)))
        items.append(CatalogueItem(i, draw(st.sampled_from(CATALOGUE_KINDS)), added, removed))
    cases = []
    for i in range(draw(st.integers(0, 10))):
        filed = draw(_day())
        concluded = draw(st.none() | st.integers(0, 600).map(lambda n, d=filed: d + dt.timedelta(days=n)))
        result = draw(st.sampled_from(CASE_RESULTS)) if concluded else None
        group = draw(st.sampled_from([g.key for g in edition("2021").s4_groups]))
        cases.append(CaseRecord(i, group, filed, concluded, result))
    tallies = [
        DecisionTally(
            i,
            draw(st.sampled_from(DECISION_KINDS)),
            draw(st.sampled_from(YEARS)),
            1,
            draw(st.integers(0, 99)),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    money = st.decimals(0, 1000, places=2)
    fees = [MoneyRecord(i, draw(_day()), draw(money)) for i in range(draw(st.integers(0, 4)))]
    procurements = [MoneyRecord(i, draw(_day()), draw(money)) for i in range(draw(st.integers(0, 4)))]
    return Ledgers(
        requests=reqs,
        documents=docs,
        catalogue=items,
        decisions=tallies,
        fees=fees,
        procurements=procurements,
        cases=cases,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.sampled_from(EDITIONS))
def test_computed_reports_satisfy_the_checker(led: Ledgers, ed: str) -> None:
    reports = [count(led, y, ed).report for y in YEARS]
    for report in reports:
        assert [f for f in check_report(report) if f.severity == "error"] == []
        assert all(holds(i, report.cells) for i in identities(ed))
    for before, after in itertools.pairwise(reports):
        for col in (*APPLICANTS, "total"):
            assert after.cells[f"s3.carried_over.{col}"] == before.cells[f"s3.carried_forward.{col}"]
        assert check_pair(before, after) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.sampled_from(YEARS), st.sampled_from(EDITIONS))
def test_drill_down_names_the_records_behind_each_count(led: Ledgers, year: int, ed: str) -> None:
    got = count(led, year, ed)
    by_ref = {r.ref: r for r in led.requests}
    for key in edition(ed).s3_keys():
        behind = got.behind(key)
        assert len(behind) == got.report.cells[key]
        for ref in behind:
            assert key in request_cells(by_ref[ref], year, ed)
    assert sum(len(request_cells(r, year, ed)) for r in led.requests) == sum(
        len(got.behind(k)) for k in edition(ed).s3_keys()
    )
