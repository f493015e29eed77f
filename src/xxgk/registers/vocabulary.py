"""The registers' choice lists, taken from the form (:mod:`xxgk.report.form`) so no label is retyped."""

from __future__ import annotations

from xxgk.annual.counting import CATALOGUE_KINDS, DECISION_KINDS, DOCUMENT_KINDS
from xxgk.report.form import S4_COLUMNS, S4_GROUPS, edition

_ROWS_2019 = {r.key: r.label for r in edition("2019").s2_rows}
_ROWS_2021 = {r.key: r.label for r in edition("2021").s2_rows}

DOCUMENT_CHOICES = [(k, _ROWS_2021[k]) for k in DOCUMENT_KINDS]
CATALOGUE_CHOICES = [(k, _ROWS_2019[k]) for k in CATALOGUE_KINDS]
DECISION_CHOICES = [(k, _ROWS_2019[k]) for k in DECISION_KINDS]

REVIEW, SUIT = "review", "suit"
CASE_KIND_CHOICES = [
    (REVIEW, next(g.label for g in S4_GROUPS if g.key == "review")),
    (SUIT, next(g.parent for g in S4_GROUPS if g.parent)),
]
RESULT_LABELS = {c.key: c.label for c in S4_COLUMNS}

CORRECTED_RESULTS = {"revoked": "撤销", "altered": "变更", "unlawful": "确认违法", "ordered": "责令履行"}
"""The rulings that count as 纠正 (ledger.md § Reviews and lawsuits)."""
RULINGS: dict[str, tuple[str, str]] = {
    "upheld": ("维持（含驳回请求）", "upheld"),
    **{k: (label, "corrected") for k, label in CORRECTED_RESULTS.items()},
    "other": ("其他（终止、撤回等）", "other"),
}
"""A ruling as recorded → (its label, the section 四 column it counts in)."""
RULING_CHOICES = [(k, label) for k, (label, _) in RULINGS.items()]
