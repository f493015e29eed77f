"""A request's statutory dates, computed by :mod:`xxgk.deadlines` from its events and cached on it.

Nothing here counts a day: the events are turned into the engine's :class:`~xxgk.deadlines.Events`
and the engine's answer, with its explanation, is stored (``deadline_explanation``). The same events
given to ``xxgk deadline`` give the same dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from xxgk.deadlines import (
    Consultation,
    ConsultationKind,
    Events,
    RequestDeadlines,
    compute_deadlines,
    date_of_receipt,
)
from xxgk.ledger.models import OPEN_STATES, EventKind, Request, RequestEvent, State
from xxgk.ledger.vocabulary import channel
from xxgk.workdays import Calendar, default_calendar

DUE_SOON_WORKDAYS = 3
"""A request is due soon when at most this many working days remain (the daily digest's horizon)."""


def engine_events(events: Iterable[RequestEvent]) -> Events:
    """The deadline engine's view of a request's events (the first of each kind counts)."""
    first: dict[str, date] = {}
    consultations: list[Consultation] = []
    for ev in sorted(events, key=lambda e: (e.effective_on, e.pk or 0)):
        first.setdefault(ev.kind, ev.effective_on)
        if ev.kind == EventKind.CONSULTATION_STARTED:
            consultations.append(
                Consultation(ConsultationKind(ev.data.get("kind", "third_party")), ev.effective_on)
            )
        elif ev.kind == EventKind.CONSULTATION_ENDED and consultations and consultations[-1].ended is None:
            consultations[-1] = Consultation(
                consultations[-1].kind, consultations[-1].started, ev.effective_on
            )
    return Events(
        correction_notice_sent=first.get(EventKind.CORRECTION_REQUESTED),
        corrected_received=first.get(EventKind.CORRECTION_RECEIVED),
        abandoned_on=first.get(EventKind.CORRECTION_LAPSED),
        consultations=tuple(consultations),
        extension_approved=first.get(EventKind.EXTENSION_APPROVED),
        fee_notice_received=first.get(EventKind.FEE_NOTICE_RECEIVED),
        fee_paid=first.get(EventKind.FEE_PAID),
        replied_on=first.get(EventKind.REPLIED),
    )


def compute(
    request: Request, events: Iterable[RequestEvent], calendar: Calendar | None = None
) -> RequestDeadlines:
    cal = calendar or default_calendar()
    assert request.received_on is not None
    submitted = request.submitted_on or request.received_on
    confirmed = request.received_on if request.receipt_basis == "confirmed" else None
    receipt = date_of_receipt(channel(request.channel), submitted, confirmed, calendar=cal)
    return compute_deadlines(request.received_on, engine_events(events), calendar=cal, receipt=receipt)


def apply(
    request: Request,
    events: Iterable[RequestEvent] | None = None,
    *,
    today: date,
    calendar: Calendar | None = None,
) -> list[str]:
    """Recompute and cache ``request``'s dates and flags as of ``today``; the names of the fields that
    changed (the sweep saves only those)."""
    before = {f: getattr(request, f) for f in FIELDS}
    if request.received_on is None:
        request.correction_notice_due = request.reply_due = request.applicant_due = None
        request.overdue = request.due_soon = False
        request.deadline_explanation = {}
    else:
        evs = list(request.events.all()) if events is None else list(events)
        result = compute(request, evs, calendar)
        status = result.status(today)
        request.correction_notice_due = result.correction_notice_due.date
        request.reply_due = result.operative.date
        request.applicant_due = _applicant_due(request, evs, result)
        is_open = request.state in OPEN_STATES
        request.overdue = bool(status.overdue)
        request.due_soon = bool(
            is_open
            and not status.overdue
            and status.workdays_left is not None
            and status.workdays_left <= DUE_SOON_WORKDAYS
        )
        request.deadline_explanation = result.to_json()
    return [f for f in FIELDS if getattr(request, f) != before[f]]


def _applicant_due(request: Request, events: list[RequestEvent], result: RequestDeadlines) -> date | None:
    if request.state == State.AWAITING_CORRECTION:
        asked = [e for e in events if e.kind == EventKind.CORRECTION_REQUESTED]
        text = asked[-1].data.get("correct_by") if asked else None
        return date.fromisoformat(text) if text else None
    if request.state == State.AWAITING_FEE and result.fee_payment_due:
        return result.fee_payment_due.date
    return None


FIELDS = (
    "correction_notice_due",
    "reply_due",
    "applicant_due",
    "overdue",
    "due_soon",
    "deadline_explanation",
)
