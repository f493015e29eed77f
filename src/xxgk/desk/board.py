"""The supervisor's board: the subordinate agencies side by side, from the ledgers, with no applicant's
personal data (counts, numbers and dates only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth

from xxgk.agencies.models import Agency
from xxgk.annual.models import ClosedYear
from xxgk.annual.sources import counted_requests
from xxgk.desk import reports
from xxgk.ledger.models import OPEN_STATES, Request
from xxgk.ledger.vocabulary import outcome_label

MONTHS = [f"{m}月" for m in range(1, 13)]


@dataclass
class Row:
    agency: Agency
    open: int = 0
    overdue: int = 0
    received: int = 0
    closed: int = 0
    on_time: int = 0
    report_closed: bool = False
    errors: int = 0
    warnings: int = 0
    report_problem: str = ""
    findings: list[Any] = field(default_factory=list)

    @property
    def on_time_rate(self) -> str:
        return f"{self.on_time * 100 / self.closed:.0f}%" if self.closed else "—"


def on_time() -> Q:
    """Closed on or before the reply date in force (the one the ledger computed from the events)."""
    return Q(reply_due__isnull=True) | Q(closed_on__lte=F("reply_due"))


def rows(agencies: QuerySet[Agency], year: int, report_year: int) -> list[Row]:
    by_pk = {a.pk: Row(a) for a in agencies.order_by("path")}
    base = counted_requests().filter(agency__in=by_pk)
    for pk, n_open, n_overdue in (
        base.filter(state__in=OPEN_STATES)
        .values_list("agency")
        .annotate(n=Count("pk"), o=Count("pk", filter=Q(overdue=True)))
    ):
        by_pk[pk].open, by_pk[pk].overdue = n_open, n_overdue
    for pk, n in base.filter(received_on__year=year).values_list("agency").annotate(n=Count("pk")):
        by_pk[pk].received = n
    for pk, n, good in (
        base.filter(closed_on__year=year)
        .values_list("agency")
        .annotate(n=Count("pk"), good=Count("pk", filter=on_time()))
    ):
        by_pk[pk].closed, by_pk[pk].on_time = n, good
    closed = set(
        ClosedYear.objects.filter(agency__in=by_pk, year=report_year).values_list("agency", flat=True)
    )
    for row in by_pk.values():
        row.report_closed = row.agency.pk in closed
        try:
            s = reports.shown(row.agency, report_year)
        except ValidationError as e:
            row.report_problem = "；".join(e.messages)
            continue
        row.findings = [f for f in s.findings if f.severity in ("error", "warning")]
        row.errors = sum(1 for f in s.findings if f.severity == "error")
        row.warnings = sum(1 for f in s.findings if f.severity == "warning")
    return list(by_pk.values())


def charts(agencies: QuerySet[Agency], year: int) -> dict[str, dict[str, Any]]:
    """Monthly volume, outcome mix and on-time rate of ``year`` over ``agencies``, for charts.js."""
    base = counted_requests().filter(agency__in=agencies)
    received = [0] * 12
    for month, n in (
        base.filter(received_on__year=year)
        .annotate(m=ExtractMonth("received_on"))
        .values_list("m")
        .annotate(n=Count("pk"))
    ):
        received[month - 1] = n
    closed, good = [0] * 12, [0] * 12
    for month, n, g in (
        base.filter(closed_on__year=year)
        .annotate(m=ExtractMonth("closed_on"))
        .values_list("m")
        .annotate(n=Count("pk"), g=Count("pk", filter=on_time()))
    ):
        closed[month - 1], good[month - 1] = n, g
    outcomes = list(
        base.filter(closed_on__year=year).values_list("outcome").annotate(n=Count("pk")).order_by("-n")
    )
    return {
        "volume": {"labels": MONTHS, "series": {"收到申请": received, "办结": closed}},
        "outcomes": {
            "labels": [outcome_label(o) or o for o, _ in outcomes][::-1],
            "series": {"件数": [n for _, n in outcomes][::-1]},
        },
        "on_time": {
            "labels": MONTHS,
            "series": {"按期办结率（%）": [percent(g, n) for g, n in zip(good, closed, strict=True)]},
        },
    }


def percent(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


def open_requests(agency: Agency) -> QuerySet[Request]:
    """An agency's open requests, for the read-only drill-down (fields without personal data only)."""
    return (
        counted_requests()
        .filter(agency=agency, state__in=OPEN_STATES)
        .select_related("department")
        .only(
            "number",
            "applicant_type",
            "received_on",
            "reply_due",
            "state",
            "overdue",
            "department__name",
            "channel",
        )
        .order_by("reply_due", "number")
    )


def report_year(year: int, today: dt.date | None = None) -> int:
    """The report a board of ``year`` looks at: that year's once it is over, else the one before."""
    today = today or dt.date.today()
    return year if year < today.year else year - 1
