"""The daily sweep (ledger.md § States and transitions): recompute every open request's dates (the
holiday table may have changed), set the overdue and due-soon flags, and gather one digest per handler.

Idempotent: a second run the same day changes nothing. A row is written only when something changed;
each batch is locked (``select_for_update``) while it is recomputed, so an action cannot be overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Prefetch

from xxgk.ledger import clock
from xxgk.ledger.models import OPEN_STATES, Request, RequestEvent
from xxgk.workdays import default_calendar

BATCH = 1000
WRITE_BATCH = 200


@dataclass
class SweepResult:
    on: date
    checked: int = 0
    changed: int = 0
    overdue: int = 0
    due_soon: int = 0
    digests: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


LOADED = (
    "id",
    "agency_id",
    "number",
    "state",
    "channel",
    "submitted_on",
    "received_on",
    "receipt_basis",
    "handler_id",
    *clock.FIELDS,
)
"""Only what the dates need: personal data is neither decrypted nor read."""


def sweep(on: date, *, agencies: list[int] | None = None, batch: int = BATCH) -> SweepResult:
    result = SweepResult(on)
    cal = default_calendar()
    qs = Request.objects.filter(state__in=OPEN_STATES, received_on__isnull=False)
    if agencies is not None:
        qs = qs.filter(agency_id__in=agencies)
    events = Prefetch(
        "events", queryset=RequestEvent.objects.only("request_id", "kind", "effective_on", "data")
    )
    last = 0
    handlers: dict[int, list[str]] = defaultdict(list)
    while True:
        # Each batch is locked while it is recomputed, so no action can slip in between read and write.
        with transaction.atomic():
            rows = list(
                qs.filter(pk__gt=last)
                .order_by("pk")
                .only(*LOADED)
                .select_for_update()
                .prefetch_related(events)[:batch]
            )
            if not rows:
                break
            last = rows[-1].pk
            changed = [r for r in rows if clock.apply(r, r.events.all(), today=on, calendar=cal)]
            for r in changed:
                r.swept_on = on
            _write(changed)
        result.checked += len(rows)
        result.changed += len(changed)
        for req in rows:
            result.overdue += req.overdue
            result.due_soon += req.due_soon
            if req.overdue or req.due_soon:
                what = "已逾期" if req.overdue else "即将到期"
                handlers[req.handler_id or 0].append(f"{req.number} {what}，答复期限{req.reply_due}")
    names = dict(get_user_model().objects.filter(pk__in=handlers).values_list("pk", "username"))
    for pk, lines in handlers.items():
        result.digests[names.get(pk, "公开办（未交办）")].extend(lines)
    return result


def _write(rows: list[Request]) -> None:
    """PostgreSQL takes the changed rows in a few CASE updates; SQLite is faster row by row."""
    if connection.vendor == "postgresql":
        Request.objects.bulk_update(rows, [*clock.FIELDS, "swept_on"], batch_size=WRITE_BATCH)
        return
    for r in rows:
        Request.objects.filter(pk=r.pk).update(**{f: getattr(r, f) for f in (*clock.FIELDS, "swept_on")})
