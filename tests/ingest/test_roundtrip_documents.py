"""Render a random valid report as DOCX, HTML and PDF with the renderers, read it back:
the same report.

The renderers lay the report out as a government document (titles broken over two
lines, merged header cells, tables over page breaks, a signature block), so the
readers are tested here on real layouts; for PDF on what a real office suite
(LibreOffice) typesets. Every cell must come back (blank and 0 are the same, money
within a relative 1e-6, as ``shared/tools/score.py`` judges), and so must the
edition, the year, the agency and the publication date.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from xxgk.ingest import parse_bytes
from xxgk.render.docx import render_docx
from xxgk.render.html import render_html
from xxgk.render.pdf import render_pdf, soffice
from xxgk.report.form import EDITIONS
from xxgk.report.generate import reports
from xxgk.report.model import AnnualReport, Number

META = ("edition", "year", "agency", "published_on")


def same(truth: Number | None, got: object) -> bool:
    """Equality as ``shared/tools/score.py`` judges it: blank and 0 are equal."""
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def differences(truth: AnnualReport, got: AnnualReport) -> list[str]:
    """What ``got`` read differently from ``truth``, one line per field or cell."""
    out = [f"{k}: {getattr(truth, k)!r} → {getattr(got, k)!r}" for k in META if getattr(truth, k) != getattr(got, k)]
    out += [
        f"{k}: {truth.cells[k]!r} → {got.cells.get(k)!r}"
        for k in truth.keys()
        if not same(truth.cells[k], got.cells.get(k))
    ]
    return out


def assert_round_trip(report: AnnualReport, data: bytes, source: str) -> None:
    parsed = parse_bytes(data, source)
    diff = differences(report, parsed)
    if diff:
        note(json.dumps(report.to_json(), ensure_ascii=False))
        note("\n".join(f"{f.rule}: {f.message}" for f in parsed.findings))
    assert diff == []


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SLOW = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
"""LibreOffice takes seconds per document: few examples, and no shrinking (hundreds of
conversions); a failure notes the whole report as JSON, which ``xxgk render`` takes."""


@pytest.mark.parametrize("edition", EDITIONS)
@FAST
@given(data=st.data())
def test_html_round_trip(edition: str, data: st.DataObject) -> None:
    report = data.draw(reports(edition), label="report")
    assert_round_trip(report, render_html(report).encode("utf-8"), "report.html")


@pytest.mark.parametrize("edition", EDITIONS)
@FAST
@given(data=st.data())
def test_docx_round_trip(edition: str, data: st.DataObject) -> None:
    report = data.draw(reports(edition), label="report")
    assert_round_trip(report, render_docx(report), "report.docx")


@pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk",
)
@pytest.mark.parametrize("edition", EDITIONS)
@SLOW
@given(data=st.data())
def test_pdf_round_trip(edition: str, data: st.DataObject) -> None:
    report = data.draw(reports(edition), label="report")
    assert_round_trip(report, render_pdf(report), "report.pdf")
