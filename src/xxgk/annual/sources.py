"""The ledgers of an agency (or of its subtree) read from the database as counting records.

One ``values_list`` pass per ledger; requests are narrowed in the database to those in play in the
year (received by its end and not closed before its start), so the cost follows the year's work,
not the agency's whole history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from xxgk.agencies.models import Agency
from xxgk.annual.counting import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    RECEIVED,
    FeePaid,
    Ledgers,
    RequestRecord,
    RequestTally,
)
from xxgk.ledger.models import FeeCharge, Request
from xxgk.registers import records

Scope = QuerySet[Agency] | Iterable[Agency]
CLOSED = "closed"


def counted_requests() -> QuerySet[Request]:
    """The requests that count in reports: received (not a draft), and not excluded."""
    return Request.objects.filter(counts_in_report=True, received_on__isnull=False)


def in_play(year: int) -> Q:
    """Requests a report on ``year`` counts: received by 31 December, not closed before 1 January."""
    return Q(received_on__lte=dt.date(year, 12, 31)) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=dt.date(year, 1, 1))
    )


def requests(agencies: Scope, year: int) -> list[RequestRecord]:
    rows = (
        counted_requests()
        .filter(in_play(year), agency__in=agencies)
        .values_list("pk", "applicant_type", "received_on", "closed_on", "outcome")
    )
    return [
        RequestRecord(pk, applicant, received, closed, outcome or None)
        for pk, applicant, received, closed, outcome in rows
    ]


def request_tallies(agencies: Scope, year: int) -> list[RequestTally]:
    """The requests of the year counted by the database (one grouped query, no drill-down): the same
    rules as :func:`xxgk.annual.counting.request_rows`, over the requests :func:`in_play`."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    categories = {
        RECEIVED: Q(received_on__gte=first),
        CARRIED_OVER: Q(received_on__lt=first),
        CLOSED: Q(closed_on__lte=last),
        CARRIED_FORWARD: Q(closed_on__isnull=True) | Q(closed_on__gt=last),
    }
    rows = (
        counted_requests()
        .filter(in_play(year), agency__in=agencies)
        .values("applicant_type", "outcome")
        .annotate(**{name: Count("pk", filter=q) for name, q in categories.items()})
        .order_by()
    )
    out = []
    for row in rows:
        for name in categories:
            if row[name]:
                label = row["outcome"] if name == CLOSED else name
                out.append(RequestTally(label, row["applicant_type"], row[name]))
    return out


def request_record(r: Request) -> RequestRecord | None:
    """One request as counted, or None when it does not count in reports."""
    if not r.counts_in_report or r.received_on is None:
        return None
    return RequestRecord(r.pk, r.applicant_type, r.received_on, r.closed_on, r.outcome or None)


def fees_paid(agencies: Scope, year: int) -> list[FeePaid]:
    rows = FeeCharge.objects.filter(
        request__agency__in=agencies, paid_on__year=year, waived=False
    ).values_list("pk", "paid_on", "amount")
    return [FeePaid(("fee_charge", pk), paid_on, amount) for pk, paid_on, amount in rows]


def ledgers(agencies: Scope, year: int, *, drilldown: bool = True) -> Ledgers:
    """Everything a report on ``year`` counts, for ``agencies``; without ``drilldown`` the requests
    are counted by the database."""
    agencies = list(agencies)
    return Ledgers(
        requests=requests(agencies, year) if drilldown else (),
        request_tallies=() if drilldown else request_tallies(agencies, year),
        documents=records.documents(agencies),
        catalogue=records.catalogue(agencies),
        decisions=records.decisions(agencies),
        fees=records.fees(agencies),
        procurements=records.procurements(agencies),
        cases=records.cases(agencies),
        fees_paid=fees_paid(agencies, year),
    )
