"""The annual report as plain data, and the findings made about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

from xxgk.report.form import edition as get_edition
from xxgk.report.sections import SECTION_KEYS

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Number = int | float


@dataclass
class Finding:
    """Something a reader or a checker wants a person to know about a report.

    ``rule`` is a stable identifier (``identity-1``, ``parse-inferred`` …); ``message``
    is written for the clerk, in Chinese; ``cells`` names the keys involved.
    """

    rule: str
    severity: Severity
    message: str
    cells: list[str] = field(default_factory=list)
    where: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        if d["where"] is None:
            del d["where"]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Finding:
        return cls(
            rule=str(d["rule"]),
            severity=d.get("severity", "warning"),
            message=str(d.get("message", "")),
            cells=list(d.get("cells") or []),
            where=d.get("where"),
        )


class Located(Protocol):
    """Anything that says where in the source a cell was read, and the text seen there."""

    @property
    def where(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(slots=True)
class Provenance:
    """Where in the source document a cell was read: a location and the text seen there.

    A parser may record its own token instead (any :class:`Located`), sparing a copy."""

    where: str
    text: str = ""


@dataclass
class Alternatives:
    """Cells the reader left blank because several readings of the printed digits fit the
    document equally well (``124590`` as 12 / 4 / 590 or 1 / 24 / 590): each reading gives
    a value per cell, in the order of ``cells``. Another year's report of the same agency
    may tell them apart (:mod:`xxgk.check.neighbours`)."""

    cells: list[str]
    readings: list[list[Number | None]]
    where: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        if d["where"] is None:
            del d["where"]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Alternatives:
        """Rebuilt from :meth:`to_json`; a reading that is not one number (or null) per cell is
        dropped, so that data from elsewhere cannot set a cell to anything but a number."""
        given, read = d.get("cells"), d.get("readings")
        cells = [k for k in given if isinstance(k, str)] if isinstance(given, list) else []
        readings = [
            list(r)
            for r in (read if isinstance(read, list) else [])
            if isinstance(r, list)
            and len(r) == len(cells)
            and all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in r)
        ]
        where = d.get("where")
        return cls(cells, readings, where if isinstance(where, str) else None)


@dataclass
class AnnualReport:
    """One agency's 政府信息公开工作年度报告 for one year.

    ``cells`` holds every key of the edition (``None`` for a blank cell); ``sections``
    the text of the six narrative sections keyed as in :data:`SECTION_KEYS` (absent
    when the document has no such section); ``preamble`` the text between the title and
    ``一、总体情况`` (the legal basis, the period covered), which most reports print;
    ``alternatives`` the readings of cells the reader left blank that another year's
    report might decide between.
    """

    agency: str | None = None
    year: int | None = None
    edition: str | None = None
    published_on: dt.date | None = None
    title: str | None = None
    cells: dict[str, Number | None] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    preamble: str | None = None
    provenance: dict[str, Located] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None
    alternatives: list[Alternatives] = field(default_factory=list)

    @classmethod
    def blank(cls, edition: str, **meta: Any) -> AnnualReport:
        """A report of ``edition`` with every cell blank."""
        return cls(edition=edition, cells=dict.fromkeys(get_edition(edition).keys()), **meta)

    def keys(self) -> list[str]:
        return get_edition(self.edition).keys() if self.edition else []

    def get(self, key: str) -> Number | None:
        return self.cells.get(key)

    def to_json(self) -> dict[str, Any]:
        """The ``xxgk parse --json`` contract (architecture.md)."""
        keys = self.keys() or list(self.cells)
        return {
            "source": self.source,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "title": self.title,
            "cells": {k: self.cells.get(k) for k in keys},
            "preamble": self.preamble,
            "sections": {k: self.sections[k] for k in SECTION_KEYS if k in self.sections},
            "findings": [f.to_json() for f in self.findings],
            "provenance": {k: {"where": p.where, "text": p.text} for k, p in self.provenance.items()},
        } | ({"alternatives": [a.to_json() for a in self.alternatives]} if self.alternatives else {})

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> AnnualReport:
        """Rebuild a report from :meth:`to_json` output (or a labelled ``.json``)."""
        ed = d.get("edition")
        if ed is not None:
            ed = str(ed)
            get_edition(ed)
        published = d.get("published_on")
        cells_in = d.get("cells") or {}
        if not isinstance(cells_in, dict):
            raise ValueError("“cells” 必须是对象（键 → 数值）")
        cells: dict[str, Number | None] = {}
        keys = get_edition(ed).keys() if ed else list(cells_in)
        for k in keys:
            v = cells_in.get(k)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
                raise ValueError(f"单元格 {k} 的值 {v!r} 不是数字")
            cells[k] = v
        year = d.get("year")
        return cls(
            agency=d.get("agency"),
            year=int(year) if year is not None else None,
            edition=ed,
            published_on=dt.date.fromisoformat(published) if published else None,
            title=d.get("title"),
            cells=cells,
            sections={k: str(v) for k, v in (d.get("sections") or {}).items() if k in SECTION_KEYS},
            preamble=str(d["preamble"]) if d.get("preamble") else None,
            provenance={
                k: Provenance(**p) for k, p in (d.get("provenance") or {}).items() if isinstance(p, dict)
            },
            findings=[Finding.from_json(f) for f in d.get("findings") or []],
            source=d.get("source"),
            alternatives=_alternatives(d.get("alternatives")),
        )


def _alternatives(value: Any) -> list[Alternatives]:
    """The readings kept in JSON, those that still leave a choice (two readings or more)."""
    items = value if isinstance(value, list) else []
    kept = (Alternatives.from_json(x) for x in items if isinstance(x, dict))
    return [a for a in kept if len(a.readings) > 1]
