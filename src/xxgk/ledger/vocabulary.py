"""The ledger's choice lists, taken from the core so that no key or label is retyped.

- applicant columns and outcome rows: :mod:`xxgk.report.form` (section 三 of edition 2021), with the
  printed labels trimmed of their numbering by :func:`xxgk.check.labels.bare`;
- channels: :class:`xxgk.deadlines.Channel`, the Art 31 channels the deadline engine counts from.
"""

from __future__ import annotations

from xxgk.check.labels import bare
from xxgk.deadlines import Channel
from xxgk.report.form import APPLICANT_COLUMNS, edition

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
