"""The checker: every rule a supervisor applies to an annual report.

``check_report`` applies the rules that need one report, ``check_pair`` the identities
across two years, ``pair_up`` finds the pairs among many reports, and ``RULES`` lists
every rule. Findings the parser already put on a report are left where they are: these
functions return only the checker's own findings.
"""

from __future__ import annotations

import datetime as dt

from xxgk.check.consistency import narrative_findings
from xxgk.check.crossyear import agency_key, check_pair, pair_up
from xxgk.check.narrative import NarrativeFact, facts_in_text, narrative_facts
from xxgk.check.rules import RULES, Rule
from xxgk.check.structure import section_findings
from xxgk.check.tables import (
    edition_findings,
    identity_findings,
    number_findings,
    readable,
    s2_findings,
    table_findings,
)
from xxgk.check.timeliness import MonthDay, timeliness_findings
from xxgk.report.form import EDITIONS
from xxgk.report.form import edition as get_edition
from xxgk.report.model import AnnualReport, Finding

__all__ = [
    "RULES",
    "NarrativeFact",
    "Rule",
    "agency_key",
    "check_pair",
    "check_report",
    "facts_in_text",
    "narrative_facts",
    "pair_up",
]


def check_report(
    report: AnnualReport, *, today: dt.date | None = None, deadline: MonthDay | None = None
) -> list[Finding]:
    """Every single-report rule, in the order a reader meets them: tables, then text, then dates.

    ``deadline`` (month, day) overrides the statutory publication deadline; see
    :func:`xxgk.check.timeliness.timeliness_findings`.
    """
    out: list[Finding] = []
    provenance = report.provenance
    report, unreadable = readable(report)
    out.extend(unreadable)
    out.extend(edition_findings(report))
    if report.edition in EDITIONS:
        ed = get_edition(report.edition)
        out.extend(identity_findings(report, ed))
        out.extend(number_findings(report, ed))
        out.extend(s2_findings(report, ed))
        out.extend(table_findings(report, ed))
    out.extend(section_findings(report))
    out.extend(narrative_findings(report))
    out.extend(timeliness_findings(report, today=today, deadline=deadline))
    return locate(out, provenance)


def locate(findings: list[Finding], provenance: dict) -> list[Finding]:
    """Each finding about cells placed where the first of them was read in the document
    (``第12行``, ``第3页``), unless it says where itself."""
    for f in findings:
        if f.where is None:
            f.where = next((provenance[k].where for k in f.cells if k in provenance), None)
    return findings
