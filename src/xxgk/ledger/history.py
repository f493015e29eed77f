"""What changed on a request, who changed it and when (django-simple-history), with personal data
masked as :func:`xxgk.ledger.masking.personal_data` would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from xxgk.ledger.masking import PERSONAL_FIELDS, mask
from xxgk.ledger.models import Request
from xxgk.ledger.permissions import may_see_personal_data

HIDDEN = {"version", "deadline_explanation", "query_code"}


@dataclass(frozen=True)
class Change:
    at: datetime
    user: str
    field: str
    label: str
    old: Any
    new: Any


def changes(request: Request, user: Any) -> list[Change]:
    """Every field change of ``request``, oldest first."""
    clear = may_see_personal_data(user, request)
    records = list(request.history.order_by("history_date", "history_id").select_related("history_user"))
    out: list[Change] = []
    for older, newer in pairwise(records):
        delta = newer.diff_against(older)
        for c in delta.changes:
            if c.field in HIDDEN:
                continue
            old, new = c.old, c.new
            if not clear and c.field in PERSONAL_FIELDS:
                old, new = mask(str(old or ""), c.field), mask(str(new or ""), c.field)
            label = str(Request._meta.get_field(c.field).verbose_name)
            who = newer.history_user.get_username() if newer.history_user else "系统"
            out.append(Change(newer.history_date, who, c.field, label, old, new))
    return out
