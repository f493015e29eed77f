"""The few numbers of a report that the pages chart, derived from the form.

Outcome rows are grouped as the form groups them (（三）不予公开 1–8 → 不予公开); the rows of
三、本年度办理结果 that stand alone (予以公开, 部分公开, 2019's 其他处理) are their own group. A
group's key is the first part of its rows' keys (``withheld.state_secret`` → ``withheld``).
"""

from __future__ import annotations

from functools import cache

from xxgk.report.form import EDITIONS, G_RESULTS, edition
from xxgk.report.labels import bare
from xxgk.report.model import AnnualReport

REVIEW_GROUP = "review"


@cache
def outcome_groups() -> dict[str, str]:
    """Group key → its label, in the form's order (from both editions)."""
    out: dict[str, str] = {}
    for name in EDITIONS:
        for row in edition(name).s3_outcome_rows:
            key = row.key.split(".")[0]
            label = bare(row.label) if row.group == G_RESULTS or row.group is None else bare(row.group)
            out.setdefault(key, label)
    return out


def _total(report: AnnualReport, keys: list[str]) -> int | None:
    values = [report.cells.get(k) for k in keys]
    if all(v is None for v in values):
        return None
    return int(sum(v or 0 for v in values))


def figures(report: AnnualReport) -> dict[str, int | None]:
    """``applications``, ``reviews``, ``suits`` and ``outcome_<group>`` of ``report``."""
    if report.edition not in EDITIONS:
        return {}
    ed = edition(report.edition)
    out: dict[str, int | None] = {"applications": _total(report, ["s3.received.total"])}
    groups: dict[str, list[str]] = {}
    for row in ed.s3_outcome_rows:
        groups.setdefault(row.key.split(".")[0], []).append(f"s3.{row.key}.total")
    for key in outcome_groups():
        out[f"outcome_{key}"] = _total(report, groups.get(key, []))
    out["reviews"] = _total(report, [f"s4.{REVIEW_GROUP}.total"])
    out["suits"] = _total(report, [f"s4.{g.key}.total" for g in ed.s4_groups if g.key != REVIEW_GROUP])
    return out
