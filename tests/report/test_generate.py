"""Random reports are valid reports: every identity holds, values look like real cells."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.report.form import EDITIONS, edition, expected_edition
from xxgk.report.generate import AGENCIES, YEARS, random_report, reports
from xxgk.report.identities import holds, identities
from xxgk.report.model import AnnualReport
from xxgk.report.sections import SECTION_KEYS


def assert_valid(r: AnnualReport) -> None:
    ed = edition(r.edition)
    assert list(r.cells) == ed.keys()
    broken = [i.name for i in identities(r.edition) if not holds(i, r.cells)]
    assert broken == []
    for key, v in r.cells.items():
        assert isinstance(v, int | float) and not isinstance(v, bool), key
        if key in ed.money_keys():
            assert v >= 0
            assert -Decimal(repr(float(v))).normalize().as_tuple().exponent <= 4, (key, v)
        elif key in ed.signed_keys():
            assert isinstance(v, int)
        else:
            assert isinstance(v, int) and v >= 0, (key, v)
    assert r.year in YEARS[r.edition]
    assert expected_edition(r.year) == r.edition
    assert r.agency in AGENCIES
    assert r.title == f"{r.agency}{r.year}年政府信息公开工作年度报告"
    if r.published_on is not None:
        assert (r.published_on.year, r.published_on.month) == (r.year + 1, 1)
    assert list(r.sections) == list(SECTION_KEYS)
    assert all(text.strip() for text in r.sections.values())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(EDITIONS).flatmap(reports))
def test_generated_reports_are_valid(report: AnnualReport) -> None:
    assert_valid(report)


@settings(max_examples=50, deadline=None)
@given(reports())
def test_any_edition(report: AnnualReport) -> None:
    assert report.edition in EDITIONS
    assert_valid(report)


def test_random_report_is_reproducible() -> None:
    a = random_report(random.Random(42))
    b = random_report(random.Random(42))
    assert a.to_json() == b.to_json()
    assert random_report(random.Random(43)).to_json() != a.to_json()


def test_edition_is_respected() -> None:
    for name in EDITIONS:
        for seed in range(50):
            r = random_report(random.Random(seed), name)
            assert r.edition == name
            assert_valid(r)


def test_counts_look_like_real_tables() -> None:
    """Most cells are 0 or small; now and then a number in the hundreds of thousands."""
    values = []
    for seed in range(1500):
        r = random_report(random.Random(seed))
        values += [v for k, v in r.cells.items() if k not in edition(r.edition).signed_keys()]
    zero_or_small = sum(1 for v in values if v <= 20) / len(values)
    assert zero_or_small > 0.85
    assert sum(1 for v in values if v == 0) / len(values) > 0.6
    assert max(values) > 100_000
    with_requests = sum(
        1 for seed in range(300) if random_report(random.Random(seed)).cells["s3.received.total"]
    )
    assert 0.3 < with_requests / 300 < 0.95
