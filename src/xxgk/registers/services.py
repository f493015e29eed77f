"""Actions on the registers, one function each: the permission is checked, the row validated and
saved in one transaction (a year already closed refuses changes that would alter its report, see
:mod:`xxgk.annual.freeze`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from xxgk.agencies.models import Agency
from xxgk.registers.models import Case, CatalogueItem, DecisionTally, Document, FeeIncome, Procurement
from xxgk.registers.permissions import can_edit_registers

M = TypeVar("M", bound=models.Model)


def _allowed(user: Any, agency: Agency) -> None:
    if not can_edit_registers(user, agency):
        raise PermissionDenied("无权修改该机关的登记簿")


def _save(obj: M, user: Any) -> M:
    """Validate and save; the history row names ``user`` even outside a web request."""
    obj.full_clean()
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def record_document(user: Any, agency: Agency, **fields: Any) -> Document:
    _allowed(user, agency)
    return _save(Document(agency=agency, **fields), user)


@transaction.atomic
def update_document(user: Any, document: Document, **changes: Any) -> Document:
    _allowed(user, document.agency)
    document = Document.objects.select_for_update().get(pk=document.pk)
    for name, v in changes.items():
        setattr(document, name, v)
    return _save(document, user)


@transaction.atomic
def repeal_document(
    user: Any, document: Document, repealed_on: dt.date, repealed_by: Document | None = None
) -> Document:
    current = Document.objects.select_for_update().get(pk=document.pk)
    if current.repealed_on is not None:
        raise ValidationError(f"“{current.title}”已于 {current.repealed_on} 废止")
    return update_document(user, document, repealed_on=repealed_on, repealed_by=repealed_by)


@transaction.atomic
def add_catalogue_item(user: Any, agency: Agency, **fields: Any) -> CatalogueItem:
    _allowed(user, agency)
    return _save(CatalogueItem(agency=agency, **fields), user)


@transaction.atomic
def remove_catalogue_item(user: Any, item: CatalogueItem, removed_on: dt.date) -> CatalogueItem:
    _allowed(user, item.agency)
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    if item.removed_on is not None:
        raise ValidationError(f"事项“{item.name}”已于 {item.removed_on} 取消")
    item.removed_on = removed_on
    return _save(item, user)


@transaction.atomic
def set_decisions(
    user: Any, agency: Agency, kind: str, year: int, month: int, count: int, source: str = ""
) -> DecisionTally:
    """The month's count of decisions of ``kind`` (replacing an earlier figure for the same month)."""
    _allowed(user, agency)
    tally = (
        DecisionTally.objects.select_for_update()
        .filter(agency=agency, kind=kind, year=year, month=month)
        .first()
    ) or DecisionTally(agency=agency, kind=kind, year=year, month=month)
    tally.count, tally.source = count, source
    return _save(tally, user)


@transaction.atomic
def set_fee_income(user: Any, agency: Agency, year: int, amount: Decimal, note: str = "") -> FeeIncome:
    """The 行政事业性收费 collected in ``year``, in 万元 (replacing an earlier figure)."""
    _allowed(user, agency)
    income = FeeIncome.objects.select_for_update().filter(agency=agency, year=year).first() or FeeIncome(
        agency=agency, year=year
    )
    income.amount, income.note = amount, note
    return _save(income, user)


@transaction.atomic
def record_procurement(user: Any, agency: Agency, **fields: Any) -> Procurement:
    _allowed(user, agency)
    return _save(Procurement(agency=agency, **fields), user)


@transaction.atomic
def file_case(user: Any, agency: Agency, requests: Iterable[Any] = (), **fields: Any) -> Case:
    """A review or lawsuit filed; ``requests`` are the agency's requests it concerns."""
    _allowed(user, agency)
    requests = list(requests)
    if any(r.agency_id != agency.pk for r in requests):
        raise ValidationError("案件涉及的申请必须是本机关的申请")
    case = _save(Case(agency=agency, **fields), user)
    case.requests.set(requests)
    return case


@transaction.atomic
def conclude_case(user: Any, case: Case, ruling: str, concluded_on: dt.date) -> Case:
    _allowed(user, case.agency)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.concluded_on is not None:
        raise ValidationError(f"案件已于 {case.concluded_on} 审结")
    case.ruling, case.concluded_on = ruling, concluded_on
    return _save(case, user)
