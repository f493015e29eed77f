"""The annual report of an agency computed from its ledgers, its year closed, its numbers frozen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xxgk.agencies import options as agency_options
from xxgk.agencies.models import Agency
from xxgk.annual import sources
from xxgk.annual.counting import Counted, LedgerError, count
from xxgk.annual.models import ClosedYear
from xxgk.annual.narrative import draft
from xxgk.annual.options import NORMATIVE_TOTAL, NORMATIVE_TOTAL_SENTENCE
from xxgk.annual.permissions import can_close_year
from xxgk.check import check_pair, check_report
from xxgk.report.form import EDITIONS, expected_edition
from xxgk.report.model import AnnualReport


def scope(agency: Agency, consolidated: bool) -> list[Agency]:
    """The agencies whose ledgers a report counts: the agency, or its whole subtree."""
    return list(agency.subtree()) if consolidated else [agency]


def compute_report(
    agency: Agency,
    year: int,
    edition: str | None = None,
    *,
    consolidated: bool = False,
    drilldown: bool = True,
) -> Counted:
    """The report on ``year`` counted from the ledgers, with a suggested draft of the narrative and,
    with ``drilldown``, the entries behind every cell (without it the database counts the requests).
    ``consolidated`` sums the agency's whole subtree."""
    edition = str(edition or expected_edition(year))
    if edition not in EDITIONS:
        raise ValidationError(f"未知的表格版本“{edition}”，可选：{'、'.join(EDITIONS)}")
    normative_total = agency_options.value(agency, NORMATIVE_TOTAL)
    try:
        counted = count(
            sources.ledgers(scope(agency, consolidated), year, drilldown=drilldown),
            year,
            edition,
            normative_total=normative_total,
        )
    except LedgerError as e:
        raise ValidationError(f"台账数据有误，无法统计 {year} 年度报告：{e}") from None
    report = counted.report
    report.agency = agency.name + ("（含下级机关汇总）" if consolidated else "")
    notes = (NORMATIVE_TOTAL_SENTENCE[normative_total],) if edition == "2019" else ()
    report.sections = draft(report, fees_paid=counted.fees_paid, notes=notes)
    report.source = f"ledger:{agency.code}:{year}"
    return counted


def closed(agency: Agency, year: int) -> ClosedYear | None:
    return ClosedYear.objects.filter(agency=agency, year=year).first()


def report_for(agency: Agency, year: int, edition: str | None = None) -> tuple[AnnualReport, bool]:
    """The year's report: the closed snapshot when the year is closed, else computed now."""
    snap = closed(agency, year)
    if snap is not None and (edition is None or edition == snap.edition):
        return AnnualReport.from_json(snap.report), True
    return compute_report(agency, year, edition, drilldown=False).report, False


@transaction.atomic
def close_year(
    agency: Agency,
    year: int,
    *,
    user: Any = None,
    edition: str | None = None,
    consolidated: bool = False,
    today: dt.date | None = None,
) -> ClosedYear:
    """Snapshot the year's report; from then on a change to the ledgers that would alter it is refused.

    ``user`` None is the command line (the system administrator); a person must be the agency's head.
    The checker's findings, and identity 5 against last year's closed report, are kept with it.
    """
    if user is not None and not can_close_year(user, agency):
        raise PermissionDenied("只有本机关负责人可以关账")
    today = today or dt.date.today()
    if today <= dt.date(year, 12, 31):
        raise ValidationError(f"{year}年度尚未结束，不能关账")
    Agency.objects.select_for_update().get(pk=agency.pk)
    if closed(agency, year) is not None:
        raise ValidationError(f"{agency.name} {year}年度已于此前关账")
    report = compute_report(agency, year, edition, consolidated=consolidated).report
    report.findings = check_report(report, today=today)
    before = closed(agency, year - 1)
    if before is not None:
        report.findings += check_pair(AnnualReport.from_json(before.report), report)
    return ClosedYear.objects.create(
        agency=agency,
        year=year,
        edition=report.edition,
        consolidated=consolidated,
        report=report.to_json(),
        closed_by=user,
    )
