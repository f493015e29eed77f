"""The daily sweep (ledger.md § States and transitions): recompute every open request's dates (the
holiday table may have changed), set the overdue and due-soon flags, and gather one digest per handler.

Idempotent: a second run the same day changes nothing. A row is written only when something changed,
and only if nobody acted on it meanwhile (its ``version`` is unchanged; the action recomputed it anyway).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from xxgk.ledger import clock
from xxgk.ledger.models import OPEN_STATES, Request, RequestEvent
from xxgk.workdays import default_calendar

BATCH = 2000


@dataclass
class SweepResult:
    on: date
    checked: int = 0
    changed: int = 0
    overdue: int = 0
    due_soon: int = 0
    digests: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def sweep(on: date, *, agencies: list[int] | None = None, batch: int = BATCH) -> SweepResult:
    result = SweepResult(on)
    cal = default_calendar()
    qs = Request.objects.filter(state__in=OPEN_STATES, received_on__isnull=False)
    if agencies is not None:
        qs = qs.filter(agency_id__in=agencies)
    last = 0
    while True:
        rows = list(
            qs.filter(pk__gt=last)
            .order_by("pk")
            .select_related("handler")
            .prefetch_related(
                Prefetch("events", queryset=RequestEvent.objects.order_by("effective_on", "id"))
            )[:batch]
        )
        if not rows:
            return result
        last = rows[-1].pk
        for req in rows:
            changed = clock.apply(req, req.events.all(), today=on, calendar=cal)
            result.checked += 1
            if changed:
                values = {f: getattr(req, f) for f in changed}
                result.changed += Request.objects.filter(pk=req.pk, version=req.version).update(
                    swept_on=on, **values
                )
            result.overdue += req.overdue
            result.due_soon += req.due_soon
            if req.overdue or req.due_soon:
                who = req.handler.get_username() if req.handler else f"{req.agency_id}号机关公开办"
                what = "已逾期" if req.overdue else "即将到期"
                result.digests[who].append(f"{req.number} {what}，答复期限{req.reply_due}")
