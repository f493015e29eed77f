"""A closed year's numbers stay as published: a change to a ledger entry that would alter the report
of a closed year is refused (ledger.md, Principle 4), with a Chinese message naming the year.

The test is exact: the entry's contribution to the closed year's cells is computed before and after
the change by :func:`xxgk.annual.counting.count`; answering in January a request carried forward from
a closed December changes nothing in the closed year and passes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q, Subquery
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from xxgk.agencies.models import Agency
from xxgk.annual.counting import (
    CaseRecord,
    CatalogueItem,
    DecisionTally,
    DocumentRecord,
    LedgerError,
    Ledgers,
    RequestRecord,
    count,
)
from xxgk.annual.models import ClosedYear
from xxgk.annual.sources import request_record
from xxgk.ledger.models import Request
from xxgk.registers import models as registers
from xxgk.registers.records import record_of

GUARDED = (
    Request,
    registers.Document,
    registers.CatalogueItem,
    registers.DecisionTally,
    registers.FeeIncome,
    registers.Procurement,
    registers.Case,
)


def _record(obj: Any):
    return request_record(obj) if isinstance(obj, Request) else record_of(obj)


def _ledgers(record: Any, model: type) -> Ledgers:
    if record is None:
        return Ledgers()
    slot = {
        RequestRecord: "requests",
        DocumentRecord: "documents",
        CatalogueItem: "catalogue",
        DecisionTally: "decisions",
        CaseRecord: "cases",
    }.get(type(record))
    if slot is None:
        slot = "procurements" if model is registers.Procurement else "fees"
    return Ledgers(**{slot: [record]})


def closed_years(agency_id: int) -> list[tuple[int, str, str]]:
    """(year, edition, agency name) of the years closed for this agency's numbers: its own, and its
    ancestors' consolidated reports (an ancestor's path is a prefix of the agency's). One query."""
    path = Agency.objects.filter(pk=agency_id).values("path")[:1]
    rows = (
        ClosedYear.objects.annotate(target=Subquery(path))
        .filter(Q(agency_id=agency_id) | Q(consolidated=True, target__startswith=F("agency__path")))
        .values_list("year", "edition", "agency__name")
    )
    return list(rows)


def refuse_if_closed(model: type, agency_id: int, before: Any, after: Any, years=None) -> None:
    """Raise when changing ``before`` into ``after`` (records, None for absent) alters a closed year."""
    if before == after:
        return
    for year, edition, name in sorted(closed_years(agency_id) if years is None else years):
        try:
            old = count(_ledgers(before, model), year, edition).report.cells
            new = count(_ledgers(after, model), year, edition).report.cells
        except LedgerError:
            continue  # an entry the ledger's own validation refuses
        if old != new:
            changed = sorted(k for k in new if old.get(k) != new.get(k))
            raise ValidationError(
                f"{name} {year}年度已关账，年度报告已定稿；此项修改会改变该年度报告的数字"
                f"（{'、'.join(changed[:4])}{'等' if len(changed) > 4 else ''}），不能修改。"
                "如需更正，请另行登记并在下一年度报告中说明。"
            )


def closed_year_refusals(agency_id: int, records: list[Any]) -> list[tuple[int, str]]:
    """For new entries written in bulk (an import sends no signals): (index, reason) of each one that
    would alter a closed year, so that the importer refuses the file naming its rows."""
    years = closed_years(agency_id)
    out = []
    if not years:
        return out
    for i, record in enumerate(records):
        try:
            refuse_if_closed(type(record), agency_id, None, record, years)
        except ValidationError as e:
            out.append((i, e.messages[0]))
    return out


@receiver(pre_save)
def _on_save(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or sender not in GUARDED:
        return
    years = closed_years(instance.agency_id)
    if not years:
        return
    old = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    before = _record(old) if old is not None else None
    refuse_if_closed(sender, instance.agency_id, before, _record(instance), years)


@receiver(pre_delete)
def _on_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if sender in GUARDED:
        refuse_if_closed(sender, instance.agency_id, _record(instance), None)
