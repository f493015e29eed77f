"""The narrative against the tables: ``narrative-mismatch`` and ``fee-not-stated``.

A false alarm on a correct report costs more than a miss, so a subject is compared only
when every statement about it agrees on one value, and the table is there to compare
with. Some subjects accept more than one table value: an application count may or may
not include the applications carried over; a count of concluded applications can only
be wrong when it exceeds what the agency had to handle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from xxgk.check.findings import amount, finding, num
from xxgk.check.narrative import (
    CARRIED_OVER,
    CONCLUDED,
    FEE,
    RECEIVED,
    SUBJECT_CELLS,
    SUIT,
    NarrativeFact,
    narrative_facts,
)
from xxgk.check.tables import layout
from xxgk.report.labels import cell_name
from xxgk.report.model import AnnualReport, Finding

_FEE_WORDS = ("处理费", "收费", "收取", "费用")


def _sum(report: AnnualReport, keys: tuple[str, ...]) -> float:
    return sum(report.cells.get(k) or 0 for k in keys)


def _blank(report: AnnualReport, keys: tuple[str, ...]) -> bool:
    return all(report.cells.get(k) is None for k in keys)


def _table_blank(report: AnnualReport, key: str) -> bool:
    prefix = key.split(".", 1)[0]
    keys = dict(layout(report.edition).tables).get(prefix, ()) if report.edition else ()
    get = report.cells.get
    return all(get(k) is None for k in keys)


def _agrees(report: AnnualReport, fact: NarrativeFact) -> bool:
    v = fact.value
    if fact.subject == RECEIVED:
        received = _sum(report, SUBJECT_CELLS[RECEIVED])
        return v in (received, received + _sum(report, SUBJECT_CELLS[CARRIED_OVER]))
    if fact.subject == CONCLUDED:
        return v <= _sum(report, SUBJECT_CELLS[RECEIVED]) + _sum(report, SUBJECT_CELLS[CARRIED_OVER])
    if fact.subject == SUIT:
        return v in {_sum(report, fact.cells), *(_sum(report, (k,)) for k in fact.cells)}
    return v == _sum(report, fact.cells)


def _where(report: AnnualReport, keys: tuple[str, ...]) -> str:
    ed = report.edition or ""
    parts = [f"{cell_name(ed, k).full}为 {num(report.cells.get(k))}" for k in keys]
    return "，".join(parts)


def _message(report: AnnualReport, fact: NarrativeFact) -> str:
    stated = amount(fact.value)
    if fact.subject == CONCLUDED:
        total = _sum(report, SUBJECT_CELLS[RECEIVED]) + _sum(report, SUBJECT_CELLS[CARRIED_OVER])
        return (
            f"正文称“{fact.sentence}”，即办结 {stated} 件；"
            f"但表格中{_where(report, SUBJECT_CELLS[RECEIVED])}，"
            f"{_where(report, SUBJECT_CELLS[CARRIED_OVER])}，合计只有 {amount(total)} 件需要办理。"
        )
    extra = ""
    if fact.subject == RECEIVED and _sum(report, SUBJECT_CELLS[CARRIED_OVER]):
        extra = f"，{_where(report, SUBJECT_CELLS[CARRIED_OVER])}（二者之和也不等于 {stated}）"
    return f"正文称“{fact.sentence}”，即 {stated} 件；但表格中{_where(report, fact.cells)}{extra}。"


def mismatch_findings(report: AnnualReport, facts: list[NarrativeFact]) -> Iterator[Finding]:
    by_subject: dict[str, list[NarrativeFact]] = defaultdict(list)
    for fact in facts:
        if fact.cells:
            by_subject[fact.subject].append(fact)
    for group in by_subject.values():
        if len({f.value for f in group}) != 1:
            continue
        fact = group[0]
        keys = SUBJECT_CELLS[RECEIVED] if fact.subject == CONCLUDED else fact.cells
        if any(k not in report.cells for k in keys) or _table_blank(report, keys[0]):
            continue
        if fact.subject not in SUBJECT_CELLS and _blank(report, fact.cells):
            continue
        if not _agrees(report, fact):
            cells = list(fact.cells)
            if fact.subject in (RECEIVED, CONCLUDED):
                cells = list(dict.fromkeys([*cells, *SUBJECT_CELLS[RECEIVED], *SUBJECT_CELLS[CARRIED_OVER]]))
            f = finding("narrative-mismatch", _message(report, fact), cells)
            f.where = fact.section
            yield f


def fee_findings(report: AnnualReport, facts: list[NarrativeFact]) -> Iterator[Finding]:
    """Edition 2021: section 六 should say what 信息处理费 was collected."""
    if report.edition != "2021" or "other" not in report.sections:
        return
    other = report.sections.get("other", "")
    if any(f.subject == FEE and f.section == "other" for f in facts) or any(w in other for w in _FEE_WORDS):
        return
    elsewhere = [f for f in facts if f.subject == FEE]
    if elsewhere:
        yield finding(
            "fee-not-stated",
            f"“六、其他需要报告的事项”未说明信息处理费的收取情况；正文其他部分提到“{elsewhere[0].sentence}”，"
            f"按国办公开办函〔2021〕30号的要求应在第六部分说明。",
            severity="info",
        )
    else:
        yield finding(
            "fee-not-stated",
            "“六、其他需要报告的事项”未说明本年度收取信息处理费的情况（未收取也应写明）。",
        )


def narrative_findings(report: AnnualReport) -> Iterator[Finding]:
    if not report.sections:
        return
    facts = narrative_facts(report.sections, report.edition)
    yield from mismatch_findings(report, facts)
    yield from fee_findings(report, facts)
