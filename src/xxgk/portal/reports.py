"""The 年报 sub-column: each year's report as published (imported) or computed from the ledger, laid out
by the core's renderer, with a chart beside the same numbers as a table, and downloads."""

from __future__ import annotations

import re
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from xxgk.agencies.models import Agency, AgencyKind
from xxgk.check.timeliness import DEPARTMENT_DEADLINE, GOVERNMENT_DEADLINE
from xxgk.portal.models import PublishedReport
from xxgk.render.grid import value_text
from xxgk.render.html import table_html
from xxgk.render.outline import sections, signature, title
from xxgk.report.form import APPLICANT_COLUMNS
from xxgk.report.model import AnnualReport

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def available_years(agency: Agency) -> list[int]:
    """Years with a report to show: imported as published, or closed in the ledger (``close_year``
    snapshots the report ``xxgk.annual.compute_report`` counted from the ledgers)."""
    from xxgk.annual.models import ClosedYear

    imported = set(PublishedReport.objects.filter(agency=agency).values_list("year", flat=True))
    closed = set(ClosedYear.objects.filter(agency=agency).values_list("year", flat=True))
    return sorted(imported | closed, reverse=True)


def report_for(agency: Agency, year: int) -> AnnualReport | None:
    """The closed year's snapshot (computed from the ledger) before a report imported as published."""
    from xxgk.annual.services import closed

    snap = closed(agency, year)
    if snap is not None:
        return AnnualReport.from_json(snap.report)
    row = PublishedReport.objects.filter(agency=agency, year=year).first()
    return AnnualReport.from_json(row.report) if row else None


def deadline_text(agency: Agency) -> str:
    month, day = GOVERNMENT_DEADLINE if agency.kind == AgencyKind.GOVERNMENT else DEPARTMENT_DEADLINE
    return f"每年{month}月{day}日前发布上一年度报告（《条例》第四十九条）"


def _table(grid, report: AnnualReport) -> SafeString:
    """The core's table without its column widths: a ``style`` attribute is inline CSS, which the CSP
    forbids; the portal's stylesheet lays the table out."""
    html = re.sub(r"<colgroup>.*?</colgroup>", "", table_html(grid, report), flags=re.DOTALL)
    return mark_safe(html.replace(' border="1" cellspacing="0"', ""))


def view(report: AnnualReport) -> dict[str, Any]:
    """The report's parts for the page: title, each section with its paragraphs and its table."""
    parts = [
        {
            "heading": s.heading,
            "paragraphs": s.paragraphs,
            "table": _table(s.table, report) if s.table else "",
        }
        for s in sections(report)
    ]
    return {"title": title(report), "sections": parts, "signature": signature(report)}


def chart_data(report: AnnualReport) -> dict[str, Any]:
    """本年新收 and 结转下年度 by applicant column: the chart's series and the accessible table's rows."""
    labels = [c.label for c in APPLICANT_COLUMNS]
    series = {
        "本年新收": [report.get(f"s3.received.{c.key}") for c in APPLICANT_COLUMNS],
        "结转下年度": [report.get(f"s3.carried_forward.{c.key}") for c in APPLICANT_COLUMNS],
    }
    return {"labels": labels, "series": series}


def download(report: AnnualReport, fmt: str) -> tuple[bytes, str]:
    if fmt == "docx":
        from xxgk.render.docx import render_docx

        data = render_docx(report)
    elif fmt == "pdf":
        from xxgk.render.pdf import render_pdf

        data = render_pdf(report)
    elif fmt == "xlsx":
        from xxgk.render.xlsx import render_xlsx

        data = render_xlsx(report)
    else:
        from xxgk.render.json import render_json

        data = render_json(report).encode("utf-8")
    return data, FORMATS[fmt]


def cell_text(report: AnnualReport, key: str) -> str:
    return value_text(report, key)
