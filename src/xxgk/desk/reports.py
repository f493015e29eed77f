"""The annual report as the pages show it: the computed (or closed) report of :mod:`xxgk.annual`, the
clerk's narrative over the suggested draft, the checker's findings, the form's tables cell by cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from xxgk.agencies.models import Agency
from xxgk.annual import services as annual
from xxgk.check import check_report
from xxgk.desk.models import Narrative
from xxgk.render.grid import grids, printed_lines, value_text
from xxgk.report.labels import cell_name
from xxgk.report.model import AnnualReport, Finding
from xxgk.report.sections import SECTION_KEYS, SECTIONS

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Shown:
    """One year's report of one agency, ready for the page."""

    agency: Agency
    year: int
    report: AnnualReport
    closed: bool
    entries: dict[str, list[Hashable]] = field(default_factory=dict)
    draft: dict[str, str] = field(default_factory=dict)
    edited: set[str] = field(default_factory=set)

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings


def narrative(agency: Agency, year: int) -> dict[str, str]:
    return dict(Narrative.objects.filter(agency=agency, year=year).values_list("key", "text"))


def shown(agency: Agency, year: int, edition: str | None = None) -> Shown:
    """The closed snapshot when the year is closed in that edition, else the report computed now with
    the clerk's narrative and the checker's findings (raises the annual services' ``ValidationError``)."""
    snap = annual.closed(agency, year)
    if snap is not None and (edition is None or edition == snap.edition):
        report = AnnualReport.from_json(snap.report)
        counted = annual.compute_report(agency, year, snap.edition)
        return Shown(agency, year, report, True, counted.entries, {}, set())
    counted = annual.compute_report(agency, year, edition)
    report = counted.report
    draft = dict(report.sections)
    own = narrative(agency, year)
    report.sections = {**draft, **{k: v for k, v in own.items() if k in SECTION_KEYS}}
    report.findings = check_report(report, today=dt.date.today())
    return Shown(agency, year, report, False, counted.entries, draft, set(own))


@transaction.atomic
def save_narrative(agency: Agency, year: int, key: str, text: str, user: Any) -> None:
    """Keep the clerk's text of one section; an empty text goes back to the suggested draft."""
    if key not in SECTION_KEYS:
        raise ValueError(key)
    if annual.closed(agency, year) is not None:
        from django.core.exceptions import ValidationError

        raise ValidationError(f"{year}年度已关账，正文不能再修改")
    text = text.strip()
    if not text:
        Narrative.objects.filter(agency=agency, year=year, key=key).delete()
        return
    Narrative.objects.update_or_create(
        agency=agency, year=year, key=key, defaults={"text": text, "updated_by": user}
    )


def close_year(agency: Agency, year: int, user: Any, edition: str | None = None):
    """Close the year with the clerk's narrative in the snapshot."""
    return annual.close_year(agency, year, user=user, edition=edition, sections=narrative(agency, year))


@dataclass
class Cell:
    text: str
    kind: str
    rowspan: int
    colspan: int
    key: str | None = None
    flagged: bool = False
    count: int = 0


def tables(s: Shown) -> list[dict[str, Any]]:
    """The three tables of the report's edition laid out like the form; each value knows how many
    ledger entries are behind it and whether a finding names it."""
    flagged = {k for f in s.findings if f.severity in ("error", "warning") for k in f.cells}
    out = []
    for grid in grids(s.report.edition):
        rows = []
        for line in grid.rows():
            rows.append(
                [
                    Cell(
                        "\n".join(printed_lines(c, c.text)) if c.key is None else value_text(s.report, c.key),
                        c.kind,
                        c.rowspan,
                        c.colspan,
                        c.key,
                        c.key in flagged,
                        len(s.entries.get(c.key or "", ())),
                    )
                    for c in line
                ]
            )
        heading = next(x.heading for x in SECTIONS if x.key == grid.section)
        out.append({"name": grid.name, "heading": heading, "rows": rows})
    return out


def sections(s: Shown) -> list[dict[str, Any]]:
    return [
        {
            "key": x.key,
            "heading": x.heading,
            "text": s.report.sections.get(x.key, ""),
            "draft": s.draft.get(x.key, ""),
            "edited": x.key in s.edited,
        }
        for x in SECTIONS
    ]


def findings(s: Shown) -> list[dict[str, Any]]:
    order = {"error": 0, "warning": 1, "info": 2}
    return [
        {"f": f, "severity": SEVERITY_LABELS.get(f.severity, f.severity)}
        for f in sorted(s.findings, key=lambda f: order.get(f.severity, 3))
    ]


def cell_title(edition: str, key: str) -> str:
    return cell_name(edition, key).full
