"""The request's history as a clerk reads it: the ledger's changes (:func:`xxgk.ledger.history.changes`,
masked by role) with stored keys shown as their labels and related rows by name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from xxgk.ledger.history import Change, changes
from xxgk.ledger.models import Request
from xxgk.workdays import fmt


def _shown(field: models.Field, value: Any) -> str:
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        found = field.related_model._default_manager.filter(pk=value).first()
        if found is None:
            return str(value)
        staff = getattr(found, "staff", None)
        return (getattr(staff, "display_name", "") or str(found)) if staff is not None else str(found)
    if isinstance(value, dt.date):
        return fmt(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def readable(request: Request, user: Any) -> list[Change]:
    out = []
    for c in changes(request, user):
        field = Request._meta.get_field(c.field)
        out.append(Change(c.at, c.user, c.field, c.label, _shown(field, c.old), _shown(field, c.new)))
    return out
