"""Demo registers for an agency: a few years of documents, catalogues, decisions, fees, procurement
and cases, drawn from a seeded generator so every run gives the same data.

``xxgk manage demo_data`` (the ledger's command) calls :func:`fill` for its demo agency.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from xxgk.agencies.models import Agency
from xxgk.annual.counting import CATALOGUE_KINDS, DECISION_KINDS
from xxgk.registers.models import Case, CatalogueItem, DecisionTally, Document, FeeIncome, Procurement
from xxgk.registers.vocabulary import RULINGS

SUBJECTS = (
    "政府信息公开",
    "行政许可事项",
    "城乡规划",
    "财政资金",
    "环境保护",
    "安全生产",
    "农村集体资产",
    "市场监管",
)
DOCUMENT_NAMES = {"rules": "{s}管理办法", "normative": "关于进一步加强{s}工作的通知"}
ITEMS = {
    "license": "{s}许可",
    "other_service": "{s}备案",
    "penalty": "对违反{s}规定行为的处罚",
    "coercion": "{s}查封扣押",
    "fee": "{s}工本费",
}
MONTHLY_DECISIONS = {"license": 40, "other_service": 25, "penalty": 12, "coercion": 2}
"""Typical monthly decisions of a county department, the centre of the demo's draws."""


def _day(rng: random.Random, year: int) -> dt.date:
    """A day of ``year``, never after today: the demo records nothing that has not happened."""
    return min(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)), timezone.localdate())


@transaction.atomic
def fill(agency: Agency, years: range, *, seed: int = 2019) -> dict[str, int]:
    """Fill every register of ``agency`` for ``years``; returns how many rows each got."""
    rng = random.Random(f"{seed}-{agency.code}")
    made = {"documents": 0, "catalogue": 0, "decisions": 0, "fees": 0, "procurements": 0, "cases": 0}
    first = years.start
    documents: list[Document] = []
    for kind, pattern in DOCUMENT_NAMES.items():
        for n in range(rng.randint(3, 6)):
            issued = _day(rng, first - 1 - n)
            documents.append(_document(agency, kind, pattern, issued, rng, len(documents)))
    for year in years:
        for kind, pattern in DOCUMENT_NAMES.items():
            for _ in range(rng.randint(0 if kind == "rules" else 2, 1 if kind == "rules" else 6)):
                documents.append(_document(agency, kind, pattern, _day(rng, year), rng, len(documents)))
    for doc in documents:
        if rng.random() < 0.15 and doc.issued_on.year < years.stop - 1:
            doc.repealed_on = min(
                doc.issued_on + dt.timedelta(days=rng.randint(200, 900)),
                dt.date(years.stop - 1, 12, 1),
                timezone.localdate(),
            )
    bulk_create_with_history(documents, Document)
    made["documents"] = len(documents)

    items = []
    for kind in CATALOGUE_KINDS:
        for n in range(rng.randint(4, 10)):
            added = _day(rng, first - 2)
            removed = _day(rng, rng.choice(years)) if rng.random() < 0.2 else None
            items.append(
                CatalogueItem(
                    agency=agency,
                    kind=kind,
                    name=ITEMS[kind].format(s=SUBJECTS[n % len(SUBJECTS)]),
                    added_on=added,
                    removed_on=removed,
                )
            )
        for year in years:
            if rng.random() < 0.5:
                items.append(
                    CatalogueItem(
                        agency=agency,
                        kind=kind,
                        name=ITEMS[kind].format(s=rng.choice(SUBJECTS)) + "（新增）",
                        added_on=_day(rng, year),
                    )
                )
    bulk_create_with_history(items, CatalogueItem)
    made["catalogue"] = len(items)

    tallies = [
        DecisionTally(
            agency=agency,
            kind=kind,
            year=year,
            month=month,
            count=max(0, int(rng.gauss(MONTHLY_DECISIONS[kind], MONTHLY_DECISIONS[kind] / 3))),
            source="业务系统导出",
        )
        for year in years
        for month in range(1, 13)
        for kind in DECISION_KINDS
    ]
    bulk_create_with_history(tallies, DecisionTally)
    made["decisions"] = len(tallies)

    fees = [
        FeeIncome(agency=agency, year=year, amount=Decimal(rng.randint(50, 5000)) / 100) for year in years
    ]
    bulk_create_with_history(fees, FeeIncome)
    made["fees"] = len(fees)

    procurements = [
        Procurement(
            agency=agency,
            name=f"{rng.choice(SUBJECTS)}服务采购项目",
            contracted_on=_day(rng, year),
            amount=Decimal(rng.randint(500, 200000)) / 100,
        )
        for year in years
        for _ in range(rng.randint(1, 4))
    ]
    bulk_create_with_history(procurements, Procurement)
    made["procurements"] = len(procurements)

    made["cases"] = _cases(agency, years, rng)
    return made


def _document(
    agency: Agency, kind: str, pattern: str, issued: dt.date, rng: random.Random, n: int
) -> Document:
    prefix = "令" if kind == "rules" else "发"
    return Document(
        agency=agency,
        kind=kind,
        title=pattern.format(s=rng.choice(SUBJECTS)),
        number=f"{agency.name[:2]}{prefix}〔{issued.year}〕{n + 1}号",
        issuer=agency.name,
        issued_on=issued,
        effective_on=issued + dt.timedelta(days=30),
        published_on=min(issued + dt.timedelta(days=rng.randint(1, 25)), timezone.localdate()),
    )


def _cases(agency: Agency, years: range, rng: random.Random) -> int:
    from xxgk.ledger.models import Request

    made = 0
    for year in years:
        for _ in range(rng.randint(0, 3)):
            kind = rng.choice(("review", "review", "suit"))
            filed = _day(rng, year)
            concluded = filed + dt.timedelta(days=rng.randint(40, 400))
            done = concluded <= dt.date(years.stop - 1, 12, 31) and concluded <= dt.date.today()
            case = Case.objects.create(
                agency=agency,
                kind=kind,
                after_review=kind == "suit" and rng.random() < 0.5,
                case_number=f"（{year}）{'复' if kind == 'review' else '行初'}字第{rng.randint(1, 300)}号",
                body="本级人民政府" if kind == "review" else "人民法院",
                filed_on=filed,
                ruling=rng.choice(list(RULINGS)) if done else "",
                concluded_on=concluded if done else None,
            )
            concerned = Request.objects.filter(agency=agency, closed_on__lt=filed).order_by("-closed_on")[:1]
            case.requests.set(concerned)
            made += 1
    return made
