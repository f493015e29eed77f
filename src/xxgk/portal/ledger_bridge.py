"""The applicant's own acts on a ledger request (withdrawal, a correction received on submission).

The ledger's services act for a signed-in user checked by its permissions, and its
``applicant_withdraw`` proves the applicant by the 查询码 kept in clear; the portal keeps that code only as
a hash and has already proved the applicant, so these two small services run the ledger's own steps
(the transition, the event, the recomputed dates) for the applicant, with no user.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from xxgk.ledger import services as ledger
from xxgk.ledger.models import EventKind, Request


@transaction.atomic
def withdraw(request_id: int, on: date, reason: str) -> Request:
    req = Request.objects.select_for_update().get(pk=request_id)
    req.warnings = []
    ledger._withdraw(req, None, on, reason)
    ledger._save(req)
    return req


@transaction.atomic
def correction_received(request_id: int, on: date) -> Request:
    req = Request.objects.select_for_update().get(pk=request_id)
    req.warnings = []
    ledger._fire(req, "receive_correction")
    ledger._event(req, EventKind.CORRECTION_RECEIVED, on, None, {"channel": "online"})
    ledger._save(req)
    return req


@transaction.atomic
def confirm_on_submit(request_id: int, on: date) -> Request:
    """``online_receipt_rule = on_submit``: the submission itself is the confirmation (Guiding Case 26)."""
    req = Request.objects.select_for_update().get(pk=request_id)
    received, basis, warnings = ledger._receipt(req.channel, req.submitted_on or on, on)
    ledger._fire(req, "confirm_receipt")
    req.received_on, req.receipt_basis, req.counts_in_report = received, basis, True
    req.warnings = warnings
    ledger._event(req, EventKind.RECEIPT_CONFIRMED, received, None, {"basis": "on_submit"})
    ledger._save(req)
    return req
