"""What an annual report is: the statutory form (both editions), the model, the identities."""

from xxgk.report.form import EDITIONS, Edition, all_keys, edition, expected_edition
from xxgk.report.identities import Identity, holds, identities
from xxgk.report.model import Alternatives, AnnualReport, Finding, Provenance, Severity
from xxgk.report.sections import SECTION_KEYS, SECTIONS, Section

__all__ = [
    "EDITIONS",
    "SECTIONS",
    "SECTION_KEYS",
    "Alternatives",
    "AnnualReport",
    "Edition",
    "Finding",
    "Identity",
    "Provenance",
    "Section",
    "Severity",
    "all_keys",
    "edition",
    "expected_edition",
    "holds",
    "identities",
]
