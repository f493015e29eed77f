"""Render a random valid report as DOCX, HTML and PDF with the renderers, read it back:
the same report.

The renderers lay the report out as a government document (titles broken over two
lines, merged header cells, tables over page breaks, a signature block), so the
readers are tested here on real layouts; for PDF on what a real office suite
(LibreOffice) typesets. Every cell must come back (blank and 0 are the same, money
within a relative 1e-6, as ``shared/tools/score.py`` judges), and so must the
edition, the year, the agency and the publication date.

The readers' own part is checked too: the title and every paragraph printed come back
as one row each (a title broken over two lines, a paragraph cut by a page break), and
no page number turns into text.
"""

from __future__ import annotations

import json
import math
import random
import re

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from xxgk.ingest import parse_bytes
from xxgk.ingest.formats import read_document
from xxgk.render.docx import render_docx
from xxgk.render.html import render_html
from xxgk.render.outline import sections, title
from xxgk.render.pdf import office_to_pdf, render_pdf, soffice
from xxgk.report.form import APPLICANT_COLUMNS, EDITIONS
from xxgk.report.form import edition as get_edition
from xxgk.report.generate import random_report, reports
from xxgk.report.model import AnnualReport, Number

META = ("edition", "year", "agency", "published_on")
SPACE = re.compile(r"\s+")
NO_OFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk"
PAGE_NUMBER = re.compile(r"^[-—–－]*\d{1,3}[-—–－]*$")


def same(truth: Number | None, got: object) -> bool:
    """Equality as ``shared/tools/score.py`` judges it: blank and 0 are equal."""
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def differences(truth: AnnualReport, got: AnnualReport) -> list[str]:
    """What ``got`` read differently from ``truth``, one line per field or cell."""
    out = [
        f"{k}: {getattr(truth, k)!r} → {getattr(got, k)!r}"
        for k in META
        if getattr(truth, k) != getattr(got, k)
    ]
    out += [
        f"{k}: {truth.cells[k]!r} → {got.cells.get(k)!r}"
        for k in truth.keys()
        if not same(truth.cells[k], got.cells.get(k))
    ]
    return out


def printed_prose(report: AnnualReport) -> list[str]:
    """The title, headings and paragraphs the renderers print, in order."""
    out = [title(report)]
    for block in sections(report):
        out += [block.heading, *(p.text for p in block.paragraphs)]
    return out


def prose_problems(report: AnnualReport, data: bytes, source: str) -> list[str]:
    """Printed prose that the reader did not give back as a row of its own, and rows
    that are nothing but a page number."""
    texts = [SPACE.sub("", r.text) for r in read_document(data, source).rows if len(r.cells) == 1]
    missing = [t for t in printed_prose(report) if SPACE.sub("", t) not in texts]
    return missing + [f"页码成了正文：{t}" for t in texts if PAGE_NUMBER.match(t)]


def assert_round_trip(report: AnnualReport, data: bytes, source: str) -> None:
    parsed = parse_bytes(data, source)
    diff = differences(report, parsed) + prose_problems(report, data, source)
    if diff:
        note(json.dumps(report.to_json(), ensure_ascii=False))
        note("\n".join(f"{f.rule}: {f.message}" for f in parsed.findings))
    assert diff == []


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHEAP = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SLOW = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
"""LibreOffice takes seconds per document: few examples, and no shrinking (hundreds of
conversions); a failure notes the whole report as JSON, which ``xxgk render`` takes."""


@pytest.mark.parametrize("edition", EDITIONS)
@CHEAP
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


@pytest.mark.skipif(soffice() is None, reason=NO_OFFICE)
@pytest.mark.parametrize("edition", EDITIONS)
@SLOW
@given(data=st.data())
def test_pdf_round_trip(edition: str, data: st.DataObject) -> None:
    report = data.draw(reports(edition), label="report")
    assert_round_trip(report, render_pdf(report), "report.pdf")


def crowded(edition: str, count: int) -> AnnualReport:
    """A valid report whose request table holds ``count``-sized numbers in every
    applicant column: wider than a column of section 三 at its printed size."""
    report = random_report(random.Random(5), edition)
    rows = [r.key for r in get_edition(edition).s3_rows]
    values = dict.fromkeys(rows, 0) | {
        "received": count,
        "granted": count - 3,
        "partly_granted": 3,
        "total": count,
    }
    for c in APPLICANT_COLUMNS:
        report.cells |= {f"s3.{r}.{c.key}": values[r] for r in rows}
    report.cells |= {f"s3.{r}.total": values[r] * len(APPLICANT_COLUMNS) for r in rows}
    return report


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_numbers_too_wide_for_their_column_come_back_whole(fmt: str) -> None:
    """A narrow column wraps ``1234567`` as ``123456`` / ``7``; it is read as one number."""
    report = crowded("2021", 1_234_567)
    if fmt == "pdf":
        if soffice() is None:
            pytest.skip(NO_OFFICE)
        data = render_pdf(report)
    else:
        data = render_docx(report) if fmt == "docx" else render_html(report).encode("utf-8")
    assert_round_trip(report, data, f"report.{fmt}")


@pytest.mark.skipif(soffice() is None, reason=NO_OFFICE)
@pytest.mark.parametrize("edition", EDITIONS)
@SLOW
@given(data=st.data())
def test_html_typeset_by_an_office_suite_round_trip(edition: str, data: st.DataObject) -> None:
    """The web page as LibreOffice's Writer/Web prints it: its own widths and page breaks,
    rows cut between pages and the header rows repeated on every page. (Writer/Web does not
    print the page's title block, so only the cells are compared.)"""
    report = data.draw(reports(edition), label="report")
    parsed = parse_bytes(office_to_pdf(render_html(report).encode("utf-8"), ".html"), "report.pdf")
    assert [d for d in differences(report, parsed) if not d.startswith(META)] == []


@pytest.mark.skipif(soffice() is None, reason=NO_OFFICE)
def test_a_total_left_blank_stays_blank_in_an_office_pdf() -> None:
    report = random_report(random.Random(3), "2019")
    report.cells |= {f"s3.granted.{c.key}": 0 for c in APPLICANT_COLUMNS} | {"s3.granted.natural": 6}
    report.cells["s3.granted.total"] = 6
    html = re.sub(r'(data-key="s3\.granted\.total">)6<', r"\1<", render_html(report))
    parsed = parse_bytes(office_to_pdf(html.encode("utf-8"), ".html"), "blank.pdf")
    report.cells["s3.granted.total"] = None
    assert [d for d in differences(report, parsed) if not d.startswith(META)] == []


@pytest.mark.skipif(soffice() is None, reason=NO_OFFICE)
def test_a_line_short_of_a_hanging_comma_still_runs_on() -> None:
    """LibreOffice hangs a comma past the right margin, so the furthest any line reaches
    is beyond the margin; a wrapped line with Latin digits ending a little short of that
    (``…13 件，均在法定期限内`` / ``予以答复。``) is still one paragraph."""
    report = random_report(random.Random(11), "2021")
    report.agency = "张掖市住房和城乡建设局"
    report.year = 2024
    report.title = f"{report.agency}2024年政府信息公开工作年度报告"
    report.sections["proactive"] = "2024年，张掖市住房和城乡建设局依法主动公开政府信息，有关情况统计如下。"
    report.sections["requests"] = "2024年共收到政府信息公开申请13件，均在法定期限内予以答复。"
    data = render_pdf(report)
    assert prose_problems(report, data, "report.pdf") == []
