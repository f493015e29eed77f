"""The ledger entries behind a number, named for a page (never by the applicant's name: the same list
is shown to supervisors)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

from django.urls import reverse

from xxgk.ledger.models import FeeCharge, Request
from xxgk.ledger.vocabulary import APPLICANT_CHOICES, outcome_label
from xxgk.registers import models as registers

LIMIT = 500
"""Entries a drill-down lists; a larger cell says how many more there are."""

REGISTER_MODELS = {
    "document": registers.Document,
    "catalogue": registers.CatalogueItem,
    "decisions": registers.DecisionTally,
    "fee": registers.FeeIncome,
    "procurement": registers.Procurement,
    "case": registers.Case,
    "fee_charge": FeeCharge,
}
APPLICANTS = dict(APPLICANT_CHOICES)


def describe(user: Any, refs: Iterable[Hashable]) -> dict[str, Any]:
    """``{"requests": [...], "others": [...], "more": n}`` for the refs of :mod:`xxgk.annual.counting`."""
    refs = list(refs)
    more = max(0, len(refs) - LIMIT)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for ref in refs[:LIMIT]:
        kind, pk = ref if isinstance(ref, tuple) else ("request", ref)
        by_kind[kind].append(pk)
    requests = [
        {
            "number": r.number,
            "url": reverse("desk:request", args=[r.pk]),
            "applicant": APPLICANTS.get(r.applicant_type, r.applicant_type),
            "received_on": r.received_on,
            "closed_on": r.closed_on,
            "outcome": outcome_label(r.outcome),
            "state": r.get_state_display(),
        }
        for r in Request.objects.filter(pk__in=by_kind.pop("request", []))
        .only("number", "applicant_type", "received_on", "closed_on", "outcome", "state")
        .order_by("received_on", "number")
    ]
    others = []
    for kind, pks in by_kind.items():
        model = REGISTER_MODELS.get(kind)
        if model is None:
            continue
        for obj in model.objects.filter(pk__in=pks):
            others.append({"kind": model._meta.verbose_name, "name": str(obj)})
    return {"requests": requests, "others": others, "more": more}
