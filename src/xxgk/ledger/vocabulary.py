"""The ledger's choice lists, taken from the core so that no key or label is retyped.

- applicant columns and outcome rows: :mod:`xxgk.report.form` (section 三 of edition 2021), with the
  printed labels trimmed of their numbering by :func:`xxgk.report.labels.bare`;
- channels: :class:`xxgk.deadlines.Channel`, the Art 31 channels the deadline engine counts from.
"""

from __future__ import annotations

from xxgk.deadlines import Channel
from xxgk.report.form import APPLICANT_COLUMNS, edition
from xxgk.report.labels import bare

OUTCOME_EDITION = "2021"
"""Outcomes are the section 三 rows of edition 2021; edition 2019 folds ``other.*`` into ``other``."""

APPLICANT_CHOICES: list[tuple[str, str]] = [(c.key, c.label) for c in APPLICANT_COLUMNS]
OUTCOME_ROWS = edition(OUTCOME_EDITION).s3_outcome_rows
OUTCOME_CHOICES: list[tuple[str, str]] = [
    (r.key, f"{bare(r.group)}·{bare(r.label)}" if r.group and r.key.count(".") else bare(r.label))
    for r in OUTCOME_ROWS
]
OUTCOME_KEYS = frozenset(k for k, _ in OUTCOME_CHOICES)
REASON_REQUIRED = frozenset(k for k in OUTCOME_KEYS if k.startswith("other."))
"""Outcomes of 其他处理: a reason text is required (ledger.md § Outcome)."""

CHANNEL_CHOICES: list[tuple[str, str]] = [(c.name.lower(), c.value) for c in Channel]


def channel(key: str) -> Channel:
    return Channel[key.upper()]


def outcome_label(key: str | None) -> str:
    return dict(OUTCOME_CHOICES).get(key or "", "")


CASE_NAMES = {"撤回": "other.other", "逾期未缴费": "other.no_fee", "逾期未缴纳": "other.no_fee"}
"""The statutory case names ledger.md gives for the 其他处理 rows that their printed labels do not
carry (a withdrawal is 其他; 逾期未缴费 is the usual short name of the fee row)."""


def match_outcome(text: str) -> str | None:
    """The outcome key for ``text``: a key, a printed row label whole, or its distinctive part
    (the form's own markers, :func:`xxgk.ingest.labels.matches`); None when nothing or several match."""
    from xxgk.ingest.labels import matches, normalise, strip_numbering

    value = (text or "").strip()
    if value in OUTCOME_KEYS:
        return value
    norm = strip_numbering(normalise(value))
    if not norm:
        return None
    for key, label in OUTCOME_CHOICES:
        if norm in {normalise(label), normalise(label.split("·")[-1])}:
            return key
    for row in OUTCOME_ROWS:
        if norm == strip_numbering(normalise(row.label)) or normalise(bare(row.label)) == norm:
            return row.key
    for name, key in CASE_NAMES.items():
        if name in norm:
            return key
    found = {row.key for row in OUTCOME_ROWS if matches(norm, tuple(normalise(m) for m in row.markers))}
    return found.pop() if len(found) == 1 else None
