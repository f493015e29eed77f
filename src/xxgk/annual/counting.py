"""A year's annual report counted from the ledgers: a pure function, no database.

ledger.md § Counting is the contract. Every cell of the core's :class:`AnnualReport` is
computed from plain records, and for every cell the references of the records behind it
are kept (the drill-down a clerk opens from a number). Identities 1–4 and 6 hold by
construction: every request in play in year Y is either received in Y or carried over,
and either closed in Y (one outcome row) or carried forward; every case counted is in
exactly one column of its group; ``in_force`` is defined from the same dates as
``issued`` and ``repealed``.

Row, column and cell keys come from :mod:`xxgk.report.form`; nothing here restates a label.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from xxgk.report.form import APPLICANT_COLUMNS, Edition
from xxgk.report.form import edition as get_edition
from xxgk.report.model import AnnualReport, Number

APPLICANTS: tuple[str, ...] = tuple(c.key for c in APPLICANT_COLUMNS)
TOTAL = "total"
OTHER_ROW_2019 = "other"
"""Edition 2019 folds the three ``other.*`` rows of edition 2021 into this one."""

RECEIVED, CARRIED_OVER, CARRIED_FORWARD = "received", "carried_over", "carried_forward"

DOCUMENT_KINDS = ("rules", "normative")
CATALOGUE_KINDS = ("license", "other_service", "penalty", "coercion", "fee")
DECISION_KINDS = ("license", "other_service", "penalty", "coercion")
CASE_RESULTS = ("upheld", "corrected", "other")
PENDING = "pending"

IN_FORCE = "in_force"
ALL_PUBLISHED = "all_published"
NORMATIVE_TOTAL_CHOICES = (IN_FORCE, ALL_PUBLISHED)
"""Edition 2019 ``s2.*.total`` (对外公开总数量) **[setting]**: published by 31 December and still in
force (the default), or every document ever published."""


class LedgerError(ValueError):
    """A record that cannot be counted; the message names it, in Chinese."""


@cache
def outcomes() -> tuple[str, ...]:
    """The outcomes a request may end in: the section 三 outcome rows of edition 2021."""
    return tuple(r.key for r in get_edition("2021").s3_outcome_rows)


def outcome_row(outcome: str, edition_name: str) -> str:
    """The section 三 row of ``edition_name`` that counts ``outcome``."""
    if outcome not in outcomes():
        raise LedgerError(f"未知的办理结果“{outcome}”")
    if edition_name == "2019" and outcome.startswith(OTHER_ROW_2019 + "."):
        return OTHER_ROW_2019
    return outcome


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """What § Counting needs of one request (one 件) that counts in reports.

    ``outcome`` is a section 三 outcome row key of edition 2021; it is set exactly when
    ``closed_on`` is (the reply issued or the termination recorded).
    """

    ref: Hashable
    applicant: str
    received_on: dt.date
    closed_on: dt.date | None = None
    outcome: str | None = None

    def validate(self) -> None:
        if self.applicant not in APPLICANTS:
            raise LedgerError(f"申请 {self.ref}：未知的申请人类型“{self.applicant}”")
        if (self.closed_on is None) != (self.outcome is None):
            raise LedgerError(f"申请 {self.ref}：办结日期与办理结果必须同时填写或同时为空")
        if self.outcome is not None and self.outcome not in outcomes():
            raise LedgerError(f"申请 {self.ref}：未知的办理结果“{self.outcome}”")
        if self.closed_on is not None and self.closed_on < self.received_on:
            raise LedgerError(f"申请 {self.ref}：办结日期早于收到申请日期")


@dataclass(frozen=True, slots=True)
class RequestTally:
    """Requests the database counted: ``n`` requests of ``applicant`` in ``row`` for the year —
    ``received``, ``carried_over``, ``carried_forward``, or the outcome (an edition-2021 key) of those
    closed in the year. The fast path of a report that needs no drill-down."""

    row: str
    applicant: str
    n: int

    def rows(self, edition_name: str) -> tuple[str, ...]:
        if self.applicant not in APPLICANTS:
            raise LedgerError(f"未知的申请人类型“{self.applicant}”")
        if self.row in (RECEIVED, CARRIED_OVER, CARRIED_FORWARD):
            return (self.row,)
        return (outcome_row(self.row, edition_name), TOTAL)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A rule (规章) or normative document (行政规范性文件)."""

    ref: Hashable
    kind: str
    issued_on: dt.date
    published_on: dt.date | None = None
    repealed_on: dt.date | None = None

    def validate(self) -> None:
        if self.kind not in DOCUMENT_KINDS:
            raise LedgerError(f"文件 {self.ref}：未知的文件类别“{self.kind}”")
        if self.repealed_on is not None and self.repealed_on < self.issued_on:
            raise LedgerError(f"文件 {self.ref}：废止日期早于制发日期")


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """An item of an edition-2019 catalogue (许可、服务、处罚、强制事项, 收费项目)."""

    ref: Hashable
    kind: str
    added_on: dt.date
    removed_on: dt.date | None = None

    def validate(self) -> None:
        if self.kind not in CATALOGUE_KINDS:
            raise LedgerError(f"事项 {self.ref}：未知的事项类别“{self.kind}”")
        if self.removed_on is not None and self.removed_on < self.added_on:
            raise LedgerError(f"事项 {self.ref}：取消日期早于设立日期")


@dataclass(frozen=True, slots=True)
class DecisionTally:
    """The number of decisions of one kind in one month."""

    ref: Hashable
    kind: str
    year: int
    month: int
    count: int

    def validate(self) -> None:
        if self.kind not in DECISION_KINDS:
            raise LedgerError(f"处理决定统计 {self.ref}：未知的类别“{self.kind}”")
        if self.count < 0:
            raise LedgerError(f"处理决定统计 {self.ref}：数量不能为负数")


@dataclass(frozen=True, slots=True)
class MoneyRecord:
    """An amount in 万元 on a date: fees collected (行政事业性收费) or a procurement project."""

    ref: Hashable
    on: dt.date
    amount: Decimal

    def validate(self) -> None:
        if self.amount < 0:
            raise LedgerError(f"金额记录 {self.ref}：金额不能为负数")


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """A review (复议) or lawsuit (诉讼) about disclosure. ``group`` is a section 四 group key."""

    ref: Hashable
    group: str
    filed_on: dt.date
    concluded_on: dt.date | None = None
    result: str | None = None

    def validate(self) -> None:
        if self.group not in {g.key for g in get_edition("2021").s4_groups}:
            raise LedgerError(f"案件 {self.ref}：未知的案件类别“{self.group}”")
        if (self.concluded_on is None) != (self.result is None):
            raise LedgerError(f"案件 {self.ref}：审结日期与结果必须同时填写或同时为空")
        if self.result is not None and self.result not in CASE_RESULTS:
            raise LedgerError(f"案件 {self.ref}：未知的结果“{self.result}”")
        if self.concluded_on is not None and self.concluded_on < self.filed_on:
            raise LedgerError(f"案件 {self.ref}：审结日期早于立案日期")


@dataclass(frozen=True, slots=True)
class FeePaid:
    """A 信息处理费 paid (元), for the sentence of section 六."""

    ref: Hashable
    paid_on: dt.date
    amount: Decimal


@dataclass
class Ledgers:
    """Everything one agency (or a subtree of agencies) recorded, as plain records."""

    requests: Iterable[RequestRecord] = ()
    request_tallies: Iterable[RequestTally] = ()
    documents: Iterable[DocumentRecord] = ()
    catalogue: Iterable[CatalogueItem] = ()
    decisions: Iterable[DecisionTally] = ()
    fees: Iterable[MoneyRecord] = ()
    procurements: Iterable[MoneyRecord] = ()
    cases: Iterable[CaseRecord] = ()
    fees_paid: Iterable[FeePaid] = ()


@dataclass
class Counted:
    """A computed report and, for every cell, the references of the records behind it."""

    report: AnnualReport
    entries: dict[str, list[Hashable]] = field(default_factory=dict)
    fees_paid: Decimal = Decimal(0)
    fees_paid_entries: list[Hashable] = field(default_factory=list)

    def behind(self, key: str) -> list[Hashable]:
        return self.entries.get(key, [])


@dataclass(frozen=True)
class Year:
    number: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.number, 1, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.number, 12, 31)

    def __contains__(self, day: dt.date | None) -> bool:
        return day is not None and day.year == self.number


def request_rows(r: RequestRecord, year: int, edition_name: str) -> tuple[str, ...]:
    """The section 三 rows ``r`` counts in for ``year`` (its applicant column, and ``total``)."""
    y = Year(year)
    if r.received_on > y.last or (r.closed_on is not None and r.closed_on < y.first):
        return ()
    rows = [RECEIVED if r.received_on in y else CARRIED_OVER]
    if r.closed_on is not None and r.closed_on <= y.last:
        rows += [outcome_row(r.outcome or "", edition_name), TOTAL]
    else:
        rows.append(CARRIED_FORWARD)
    return tuple(rows)


def request_cells(r: RequestRecord, year: int, edition_name: str) -> frozenset[str]:
    """Every cell ``r`` counts in for ``year``: what a change to ``r`` would alter."""
    return frozenset(
        f"s3.{row}.{col}" for row in request_rows(r, year, edition_name) for col in (r.applicant, TOTAL)
    )


def count(ledgers: Ledgers, year: int, edition_name: str, *, normative_total: str = IN_FORCE) -> Counted:
    """Every cell of ``edition_name``'s tables for ``year``, with the records behind each."""
    ed = get_edition(edition_name)
    if normative_total not in NORMATIVE_TOTAL_CHOICES:
        raise LedgerError(f"未知的对外公开总数量口径“{normative_total}”")
    entries: dict[str, list[Hashable]] = defaultdict(list)
    _count_requests(ledgers.requests, year, ed, entries)
    _count_documents(ledgers.documents, year, ed, entries, normative_total)
    _count_cases(ledgers.cases, year, ed, entries)
    sums = (
        _count_catalogue(ledgers.catalogue, year, ed, entries),
        _count_decisions(ledgers.decisions, year, ed, entries),
        _count_money(ledgers, year, ed, entries),
    )
    cells: dict[str, Number | None] = {k: len(entries.get(k, ())) for k in ed.keys()}
    for summed in sums:
        cells.update({k: v for k, v in summed.items() if k in cells})
    for t in ledgers.request_tallies:
        for row in t.rows(ed.name):
            for col in (t.applicant, TOTAL):
                key = f"s3.{row}.{col}"
                cells[key] = (cells[key] or 0) + t.n
    paid, paid_entries = _fees_paid(ledgers.fees_paid, year)
    report = AnnualReport(edition=ed.name, year=year, cells=cells)
    return Counted(report, {k: v for k, v in entries.items() if k in cells}, paid, paid_entries)


def _count_requests(
    requests: Iterable[RequestRecord], year: int, ed: Edition, entries: dict[str, list[Hashable]]
) -> None:
    keys = {(row, col): f"s3.{row}.{col}" for row in ed.s3_row_keys for col in (*APPLICANTS, TOTAL)}
    for r in requests:
        r.validate()
        for row in request_rows(r, year, ed.name):
            entries[keys[row, r.applicant]].append(r.ref)
            entries[keys[row, TOTAL]].append(r.ref)


def _count_documents(
    documents: Iterable[DocumentRecord],
    year: int,
    ed: Edition,
    entries: dict[str, list[Hashable]],
    normative_total: str,
) -> None:
    y = Year(year)
    for d in documents:
        d.validate()
        in_force = d.issued_on <= y.last and (d.repealed_on is None or d.repealed_on > y.last)
        if ed.name == "2021":
            marks = {"issued": d.issued_on in y, "repealed": d.repealed_on in y, "in_force": in_force}
        else:
            published = d.published_on is not None and d.published_on <= y.last
            total = published and (normative_total == ALL_PUBLISHED or in_force)
            marks = {"made": d.issued_on in y, "published": d.published_on in y, "total": total}
        for column, counted in marks.items():
            if counted:
                entries[f"s2.{d.kind}.{column}"].append(d.ref)


def _s2_columns(ed: Edition) -> dict[str, frozenset[str]]:
    return {row.key: frozenset(c.key for c in row.columns) for row in ed.s2_rows}


def _count_catalogue(
    items: Iterable[CatalogueItem], year: int, ed: Edition, entries: dict[str, list[Hashable]]
) -> dict[str, int]:
    """``prev``: the items on 31 December of the year before; ``delta``: the items added in the year
    less those removed in it (a signed number)."""
    columns = _s2_columns(ed)
    y, end_before = Year(year), Year(year - 1).last
    deltas: dict[str, int] = {}
    for item in items:
        item.validate()
        if "prev" not in columns.get(item.kind, ()):
            continue
        if item.added_on <= end_before and (item.removed_on is None or item.removed_on > end_before):
            entries[f"s2.{item.kind}.prev"].append(item.ref)
        if item.added_on in y or item.removed_on in y:
            key = f"s2.{item.kind}.delta"
            entries[key].append(item.ref)
            deltas[key] = deltas.get(key, 0) + (item.added_on in y) - (item.removed_on in y)
    return deltas


def _count_decisions(
    tallies: Iterable[DecisionTally], year: int, ed: Edition, entries: dict[str, list[Hashable]]
) -> dict[str, int]:
    """A tally is one entry behind the cell but adds its count of decisions to it."""
    columns = _s2_columns(ed)
    totals: dict[str, int] = {}
    for t in tallies:
        t.validate()
        if t.year != year or "decisions" not in columns.get(t.kind, ()):
            continue
        key = f"s2.{t.kind}.decisions"
        entries[key].append(t.ref)
        totals[key] = totals.get(key, 0) + t.count
    return totals


def _count_cases(
    cases: Iterable[CaseRecord], year: int, ed: Edition, entries: dict[str, list[Hashable]]
) -> None:
    """A case counts when filed by 31 December and not concluded before 1 January: in its result's
    column when concluded in the year, else as pending."""
    y = Year(year)
    for c in cases:
        c.validate()
        if c.filed_on > y.last or (c.concluded_on is not None and c.concluded_on < y.first):
            continue
        column = c.result if c.concluded_on in y else PENDING
        entries[f"s4.{c.group}.{column}"].append(c.ref)
        entries[f"s4.{c.group}.{TOTAL}"].append(c.ref)


def _money_sum(records: Iterable[MoneyRecord], year: int) -> tuple[Decimal, list[Hashable], int]:
    total, refs = Decimal(0), []
    for m in records:
        m.validate()
        if m.on.year == year:
            total += m.amount
            refs.append(m.ref)
    return total, refs, len(refs)


def _count_money(
    ledgers: Ledgers, year: int, ed: Edition, entries: dict[str, list[Hashable]]
) -> dict[str, Number]:
    keys = set(ed.keys())
    out: dict[str, Number] = {}
    if "s2.fee.amount" in keys:
        amount, refs, _ = _money_sum(ledgers.fees, year)
        out["s2.fee.amount"] = float(amount)
        entries["s2.fee.amount"] = refs
    if "s2.procurement.amount" in keys:
        amount, refs, n = _money_sum(ledgers.procurements, year)
        out["s2.procurement.amount"], out["s2.procurement.count"] = float(amount), n
        entries["s2.procurement.amount"] = entries["s2.procurement.count"] = refs
    return out


def _fees_paid(paid: Iterable[FeePaid], year: int) -> tuple[Decimal, list[Hashable]]:
    total, refs = Decimal(0), []
    for p in paid:
        if p.paid_on.year == year:
            total += p.amount
            refs.append(p.ref)
    return total, refs
