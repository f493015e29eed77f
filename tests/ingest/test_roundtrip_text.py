"""Render a random valid report as plain text in every layout, parse it back: same report.

Every layout keeps the information (see :mod:`xxgk.render.plaintext`), so the parse
must give back every cell (blank and 0 are the same, as for the scorer), the edition,
the year, the agency and the publication date.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from xxgk.render.plaintext import LAYOUTS, render_text
from xxgk.report.form import EDITIONS
from xxgk.report.generate import reports
from xxgk.report.model import AnnualReport, Number

ingest = pytest.importorskip("xxgk.ingest")
parse_bytes = getattr(ingest, "parse_bytes", None)
if parse_bytes is None:
    pytest.skip("xxgk.ingest.parse_bytes is not written yet", allow_module_level=True)


def same(truth: Number | None, got: object) -> bool:
    """Equality as ``shared/tools/score.py`` judges it: blank and 0 are equal."""
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def differences(truth: AnnualReport, got: AnnualReport) -> list[str]:
    out = [
        f"{k}: {getattr(truth, k)!r} → {getattr(got, k)!r}"
        for k in ("edition", "year", "agency", "published_on")
        if getattr(truth, k) != getattr(got, k)
    ]
    out += [
        f"{k}: {truth.cells[k]!r} → {got.cells.get(k)!r}"
        for k in truth.keys()
        if not same(truth.cells[k], got.cells.get(k))
    ]
    return out


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_text_round_trip(layout: str, edition: str, data: st.DataObject) -> None:
    report = data.draw(reports(edition), label="report")
    rng = data.draw(st.randoms(use_true_random=False), label="layout choices")
    text = render_text(report, layout, rng=rng)
    parsed = parse_bytes(text.encode("utf-8"), "x.txt")
    diff = differences(report, parsed)
    if diff:
        note(text)
        note("\n".join(f"{f.rule}: {f.message}" for f in parsed.findings))
    assert diff == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_clean_layouts_round_trip(layout: str) -> None:
    """Without quirks every layout is exact too (what ``xxgk render --to txt`` writes)."""
    import random

    from xxgk.report.generate import random_report

    for seed in range(10):
        report = random_report(random.Random(seed))
        parsed = parse_bytes(render_text(report, layout, quirks=False).encode("utf-8"), "x.txt")
        assert differences(report, parsed) == []
