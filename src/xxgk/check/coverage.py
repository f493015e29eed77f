"""Which agencies owe a report that a corpus does not hold (Arts. 49–50).

An agency is expected to report for every year from the first it is known to report (its first
report in the corpus, or the year a register names) up to the last year whose publication
deadline has passed. A year in that span without a report is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from xxgk.check.findings import finding
from xxgk.check.timeliness import DEPARTMENT_DEADLINE, GOVERNMENT_DEADLINE, is_government
from xxgk.report.model import Finding


@dataclass(frozen=True)
class Expected:
    """An agency a corpus expects reports from: the caller's key for it, its name (which tells its
    deadline), and the first year it owes one (``None``: from its first report on)."""

    key: Hashable
    name: str
    since: int | None = None


def last_due_year(agency: str, today: dt.date) -> int:
    """The latest year whose report ``agency`` must have published by ``today`` (Art. 49)."""
    month, day = GOVERNMENT_DEADLINE if is_government(agency) else DEPARTMENT_DEADLINE
    return today.year - 1 if (today.month, today.day) > (month, day) else today.year - 2


def missing_years(
    expected: Iterable[Expected],
    reported: Mapping[Hashable, Iterable[int]],
    *,
    today: dt.date,
    first_year: int,
) -> dict[Hashable, list[int]]:
    """For each expected agency, the years due by ``today`` (not before ``first_year``, the corpus's
    first year) for which ``reported`` (agency key → years held) has no report."""
    out: dict[Hashable, list[int]] = {}
    for agency in expected:
        years = set(reported.get(agency.key, ()))
        start = agency.since if agency.since is not None else min(years, default=None)
        if start is None:
            continue
        gaps = [
            y for y in range(max(start, first_year), last_due_year(agency.name, today) + 1) if y not in years
        ]
        if gaps:
            out[agency.key] = gaps
    return out


def missing_finding(agency: str, year: int) -> Finding:
    return finding("report-missing", f"未见{agency}{year}年度政府信息公开工作年度报告。")
