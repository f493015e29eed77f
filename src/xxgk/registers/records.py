"""The registers as the plain records :func:`xxgk.annual.counting.count` reads (one values() pass each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from xxgk.agencies.models import Agency
from xxgk.annual.counting import (
    CaseRecord,
    CatalogueItem,
    DecisionTally,
    DocumentRecord,
    MoneyRecord,
)
from xxgk.registers import models as m
from xxgk.registers.vocabulary import RULINGS

Scope = QuerySet[Agency] | Iterable[Agency]


def documents(agencies: Scope) -> list[DocumentRecord]:
    rows = m.Document.objects.filter(agency__in=agencies).values_list(
        "pk", "kind", "issued_on", "published_on", "repealed_on"
    )
    return [document(*row) for row in rows]


def document(pk: int, kind: str, issued: dt.date, published: dt.date | None, repealed: dt.date | None):
    return DocumentRecord(("document", pk), kind, issued, published, repealed)


def catalogue(agencies: Scope) -> list[CatalogueItem]:
    rows = m.CatalogueItem.objects.filter(agency__in=agencies).values_list(
        "pk", "kind", "added_on", "removed_on"
    )
    return [CatalogueItem(("catalogue", pk), kind, added, removed) for pk, kind, added, removed in rows]


def decisions(agencies: Scope) -> list[DecisionTally]:
    rows = m.DecisionTally.objects.filter(agency__in=agencies).values_list(
        "pk", "kind", "year", "month", "count"
    )
    return [DecisionTally(("decisions", pk), kind, y, mo, n) for pk, kind, y, mo, n in rows]


def fees(agencies: Scope) -> list[MoneyRecord]:
    rows = m.FeeIncome.objects.filter(agency__in=agencies).values_list("pk", "year", "amount")
    return [MoneyRecord(("fee", pk), dt.date(year, 12, 31), amount) for pk, year, amount in rows]


def procurements(agencies: Scope) -> list[MoneyRecord]:
    rows = m.Procurement.objects.filter(agency__in=agencies).values_list("pk", "contracted_on", "amount")
    return [MoneyRecord(("procurement", pk), on, amount) for pk, on, amount in rows]


def cases(agencies: Scope) -> list[CaseRecord]:
    rows = m.Case.objects.filter(agency__in=agencies).values_list(
        "pk", "kind", "after_review", "filed_on", "concluded_on", "ruling"
    )
    return [case(*row) for row in rows]


def case(pk: int, kind: str, after_review: bool, filed: dt.date, concluded: dt.date | None, ruling: str):
    group = m.Case(kind=kind, after_review=after_review).group
    return CaseRecord(("case", pk), group, filed, concluded, RULINGS[ruling][1] if ruling else None)


def record_of(obj: object):
    """The counting record of one saved register row (for the closed-year guard)."""
    if isinstance(obj, m.Document):
        return document(obj.pk, obj.kind, obj.issued_on, obj.published_on, obj.repealed_on)
    if isinstance(obj, m.CatalogueItem):
        return CatalogueItem(("catalogue", obj.pk), obj.kind, obj.added_on, obj.removed_on)
    if isinstance(obj, m.DecisionTally):
        return DecisionTally(("decisions", obj.pk), obj.kind, obj.year, obj.month, obj.count)
    if isinstance(obj, m.FeeIncome):
        return MoneyRecord(("fee", obj.pk), dt.date(obj.year, 12, 31), obj.amount)
    if isinstance(obj, m.Procurement):
        return MoneyRecord(("procurement", obj.pk), obj.contracted_on, obj.amount)
    if isinstance(obj, m.Case):
        return case(obj.pk, obj.kind, obj.after_review, obj.filed_on, obj.concluded_on, obj.ruling)
    raise TypeError(type(obj).__name__)
