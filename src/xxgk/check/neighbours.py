"""Neighbouring years settle what one document leaves open (identities 5–7 of ``cells.md``).

When the printed digits of a row ran together (a page dump: ``124590`` as 12 / 4 / 590 or
1 / 24 / 590) and the report's own identities cannot choose, the reader leaves the cells
blank and keeps the readings it could not tell apart (:class:`Alternatives`). The same
agency's report of the year before or after may: this year's 上年结转 is last year's
结转下年度 (5), last year's 现行有效 + this year's 制发 − 废止 is this year's 现行有效 (6),
last year's 上一年项目数量 + 本年增/减 is this year's 上一年项目数量 (7). A cell is set
only when every reading that fits those identities gives it the same value, and each
such setting is an ``info`` finding naming the report that decided it. Where no reading
fits, or the fitting ones differ, the cells stay blank and the reader's warning stays.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from xxgk.check.crossyear import agency_key
from xxgk.check.findings import finding, num
from xxgk.check.rules import RULES
from xxgk.check.tables import UNREAD, unread_cells
from xxgk.report.form import EDITIONS, edition
from xxgk.report.labels import cell_name
from xxgk.report.model import Alternatives, AnnualReport, Finding, Number

TOLERANCE = 1e-9
IDENTITY_NAMES = {
    5: "本年“上年结转”= 上年“结转下年度继续办理”",
    6: "上年现行有效件数 + 本年制发件数 − 本年废止件数 = 本年现行有效件数",
    7: "上年报告的上一年项目数量 + 本年增/减 = 本年报告的上一年项目数量",
}


MAX_COMBINED = 10_000
"""Readings of a neighbour's open cells combined at most, to know what a sum of them may be."""

Terms = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Link:
    """One cross-year identity as it bears on one report: ``sum(coef × cell)`` is one of
    ``values``, known from ``other``, the report of the neighbouring year (one value when
    ``other`` read its cells; one per reading when it kept several)."""

    terms: Terms
    values: frozenset[Number]
    other: AnnualReport
    identity: int


@dataclass
class Settlement:
    """A report with cells set by its neighbours, the cells set, and the reports that decided."""

    report: AnnualReport
    cells: dict[str, Number | None]
    others: list[AnnualReport]


def open_cells(report: AnnualReport) -> set[str]:
    """Cells whose value the reader did not know: kept readings, or blank with a warning."""
    return {k for a in report.alternatives for k in a.cells} | unread_cells(report)


def possible(report: AnnualReport, terms: Terms, unknown: set[str]) -> frozenset[Number] | None:
    """What ``sum(coef × cell)`` over a neighbouring report's cells may be: blank counts as 0, a
    cell it kept readings of takes each of them; None when a cell was not read at all."""
    groups = [a for a in report.alternatives if any(k in a.cells for k, _ in terms)]
    chosen = {k for a in groups for k in a.cells}
    if any(k in unknown and k not in chosen for k, _ in terms):
        return None
    combined = 1
    for a in groups:
        combined *= len(a.readings)
    if combined > MAX_COMBINED:
        return None
    out: set[Number] = set()
    for picks in itertools.product(*(a.readings for a in groups)):
        values = {k: v for a, r in zip(groups, picks, strict=True) for k, v in zip(a.cells, r, strict=True)}
        out.add(sum(coef * ((values[k] if k in values else report.cells.get(k)) or 0) for k, coef in terms))
    return frozenset(out)


def _columns(report: AnnualReport) -> list[str]:
    return [c.key for c in edition(report.edition).s3_columns] if report.edition in EDITIONS else []


def _pairs(report: AnnualReport, neighbour: AnnualReport, later: bool) -> Iterator[tuple[Terms, Terms, int]]:
    """Identities 5–7 between ``report`` and its neighbour (the year after when ``later``), each
    as (this report's side, the neighbour's side, the identity's number)."""
    if neighbour.edition in EDITIONS:
        for c in _columns(report):
            mine, theirs = f"s3.carried_over.{c}", f"s3.carried_forward.{c}"
            yield (((theirs, 1),), ((mine, 1),), 5) if later else (((mine, 1),), ((theirs, 1),), 5)
    if report.edition == neighbour.edition == "2021":
        for row in ("rules", "normative"):
            in_force, issued, repealed = (f"s2.{row}.{c}" for c in ("in_force", "issued", "repealed"))
            whole: Terms = ((in_force, 1), (issued, -1), (repealed, 1))
            yield (((in_force, 1),), whole, 6) if later else (whole, ((in_force, 1),), 6)
    if report.edition == neighbour.edition == "2019":
        for row in _project_rows():
            prev, delta = f"s2.{row}.prev", f"s2.{row}.delta"
            both: Terms = ((prev, 1), (delta, 1))
            yield (both, ((prev, 1),), 7) if later else (((prev, 1),), both, 7)


def links(report: AnnualReport, neighbour: AnnualReport, *, later: bool) -> Iterator[Link]:
    """Identities 5–7 with the report of the year before (or after, when ``later``), each
    reduced to this year's cells."""
    unknown = open_cells(neighbour)
    for mine, theirs, number in _pairs(report, neighbour, later):
        values = possible(neighbour, theirs, unknown)
        if values is not None:
            yield Link(mine, values, neighbour, number)


def _project_rows() -> list[str]:
    """The rows of edition 2019's section 二 that count projects (上一年项目数量, 本年增/减)."""
    return [r.key for r in edition("2019").s2_rows if {"prev", "delta"} <= {c.key for c in r.columns}]


def _fits(reading: dict[str, Number | None], cells: dict[str, Number | None], link: Link) -> bool:
    total = sum(coef * ((reading[k] if k in reading else cells.get(k)) or 0) for k, coef in link.terms)
    return any(abs(total - v) < TOLERANCE for v in link.values)


@dataclass
class _Decision:
    alternatives: Alternatives
    cells: dict[str, Number | None]
    rest: Alternatives | None
    links: list[Link]


def _decide(
    group: Alternatives, report: AnnualReport, links: list[Link], unknown: set[str]
) -> _Decision | None:
    """The cells of ``group`` on which every reading that fits the links agrees, and what is left."""
    mine = set(group.cells)
    bearing = [
        link
        for link in links
        if any(k in mine for k, _ in link.terms) and not any(k in unknown - mine for k, _ in link.terms)
    ]
    if not bearing:
        return None
    readings = [dict(zip(group.cells, r, strict=True)) for r in group.readings]
    fitting = [r for r in readings if all(_fits(r, report.cells, link) for link in bearing)]
    if not fitting or len(fitting) == len(readings):
        return None
    agreed = {k: fitting[0][k] for k in group.cells if all(r[k] == fitting[0][k] for r in fitting)}
    if not agreed:
        return None
    left = [k for k in group.cells if k not in agreed]
    rest = None
    if left:
        kept = list(dict.fromkeys(tuple(r[k] for k in left) for r in fitting))
        rest = Alternatives(left, [list(r) for r in kept], group.where) if len(kept) > 1 else None
    return _Decision(group, agreed, rest, bearing)


def _report_name(report: AnnualReport) -> str:
    year = f"{report.year}年度" if report.year is not None else "另一年度"
    return f"{report.agency or '同一机关'}{year}报告"


def _message(report: AnnualReport, decision: _Decision) -> str:
    ed = report.edition or ""
    others = list(dict.fromkeys(_report_name(link.other) for link in decision.links))
    ids = "；".join(IDENTITY_NAMES[n] for n in sorted({link.identity for link in decision.links}))
    shown = "，".join(f"{cell_name(ed, k).short}={num(v)}" for k, v in decision.cells.items())
    where = f"{decision.alternatives.where}：" if decision.alternatives.where else ""
    n = len(decision.alternatives.readings)
    return (
        f"{where}本报告印出的数字有{n}种同样合理的读法，本报告自身无法确定；"
        f"按与{'、'.join(others)}的跨年度衔接关系（{ids}），相符的读法一致给出：{shown}"
    )


def settle(
    report: AnnualReport, previous: AnnualReport | None = None, following: AnnualReport | None = None
) -> Settlement | None:
    """``report`` with the open cells that its neighbours decide set (None if they decide none).

    ``previous`` and ``following`` are the same agency's reports of the years before and
    after; one of another year is not used."""
    if not report.alternatives or report.year is None:
        return None
    bearing: list[Link] = []
    if previous is not None and previous.year == report.year - 1:
        bearing += links(report, previous, later=False)
    if following is not None and following.year == report.year + 1:
        bearing += links(report, following, later=True)
    if not bearing:
        return None
    unknown = open_cells(report)
    decisions: list[_Decision] = []
    remaining: list[Alternatives] = []
    for group in report.alternatives:
        decision = _decide(group, report, bearing, unknown)
        if decision is None:
            remaining.append(group)
            continue
        decisions.append(decision)
        if decision.rest is not None:
            remaining.append(decision.rest)
    if not decisions:
        return None
    cells = {k: v for d in decisions for k, v in d.cells.items()}
    findings = [*_trim(report.findings, set(cells)), *(_finding(report, d) for d in decisions)]
    settled = replace(report, cells=report.cells | cells, alternatives=remaining, findings=findings)
    others = list({id(link.other): link.other for d in decisions for link in d.links}.values())
    return Settlement(settled, cells, others)


def _finding(report: AnnualReport, decision: _Decision) -> Finding:
    f = finding("settled-by-neighbour", _message(report, decision), decision.cells)
    f.where = decision.alternatives.where
    return f


def _trim(findings: Iterable[Finding], settled: set[str]) -> Iterator[Finding]:
    """The reader's findings without the cells now settled; a warning left with none is dropped."""
    for f in findings:
        if f.rule not in UNREAD or not settled.intersection(f.cells):
            yield f
            continue
        left = [k for k in f.cells if k not in settled]
        if left:
            yield replace(f, cells=left)


def settle_with_neighbours(reports: Sequence[AnnualReport]) -> list[AnnualReport]:
    """``reports`` with the open cells of each settled by the same agency's reports of the
    years before and after among them, in the same order (unchanged reports are the same
    objects). A report settled makes its own cells known to its neighbours, so they are
    looked at again: a chain of years settles from either end."""
    out = list(reports)
    index: dict[tuple[str, int], int] = {}
    for i, r in enumerate(out):
        key = agency_key(r.agency)
        if key is not None and r.year is not None:
            index.setdefault((key, r.year), i)
    todo = {i for i, r in enumerate(out) if r.alternatives}
    while todo:
        changed: set[tuple[str, int]] = set()
        for i in sorted(todo):
            r = out[i]
            key = agency_key(r.agency)
            if not r.alternatives or key is None or r.year is None:
                continue
            prev, nxt = index.get((key, r.year - 1)), index.get((key, r.year + 1))
            done = settle(r, out[prev] if prev is not None else None, out[nxt] if nxt is not None else None)
            if done is not None:
                out[i] = done.report
                changed.add((key, r.year))
        near = {(key, year + d) for key, year in changed for d in (-1, 0, 1)}
        todo = {index[k] for k in near if k in index and out[index[k]].alternatives}
    return out


Records = list[dict[str, Any]] | str
"""A source's reports as ``xxgk parse --json`` objects, or why it could not be read."""


def settle_records(
    results: Iterable[tuple[str, Records]], known: Sequence[AnnualReport] = ()
) -> list[tuple[str, Records]]:
    """Sources read one by one, then read as one corpus: the reports settled by each other
    and by the ``known`` reports (:func:`settle_with_neighbours`), in the same order. A
    settled report that had been checked is checked again (the checker's findings were made
    while its cells were blank).

    What ``xxgk parse`` and ``xxgk check`` (with its ``--previous`` reports) do with several
    files: several years of one agency read together."""
    from xxgk.check import check_report

    items = list(results)
    records = [r for _, rs in items if not isinstance(rs, str) for r in rs]
    reports = [AnnualReport.from_json(r) for r in records]
    settled = settle_with_neighbours([*reports, *known])[: len(reports)]
    changed: dict[int, dict[str, Any]] = {}
    for record, before, after in zip(records, reports, settled, strict=True):
        if after is before:
            continue
        checked = [f for f in after.findings if _checker_rule(f.rule)]
        if checked:
            after.findings = [f for f in after.findings if not _checker_rule(f.rule)]
            after.findings += check_report(after)
        changed[id(record)] = after.to_json() | {"source": record.get("source")}
    return [(s, rs if isinstance(rs, str) else [changed.get(id(r), r) for r in rs]) for s, rs in items]


def _checker_rule(rule_id: str) -> bool:
    return rule_id in RULES and RULES[rule_id].scope == "report"
