"""What every reader produces: a document as a sequence of rows of cell texts.

A paragraph of prose is a row of one cell. A table row read from real markup (HTML,
DOCX, a PDF's ruled grid) is a row of its cells in printed order, merged cells
giving their text once, at their first position, and ``""`` at the positions they
span; ``spans`` names those positions, so that they are not taken for blank cells.
Plain text gives one row per line, split at tabs or ``|``; its rows are not
trustworthy (one cell per line, stray empty cells), which ``structured`` records.

The table interpreter (:mod:`xxgk.ingest.interpret`) reads the statutory tables from
these rows whatever the source format, so a quirk of a published table is handled
once, for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.report.model import Finding


@dataclass(slots=True)
class Row:
    cells: list[str]
    where: str
    structured: bool = False
    spans: frozenset[int] = frozenset()

    @property
    def text(self) -> str:
        return "\t".join(self.cells)


@dataclass
class Document:
    source: str
    format: str
    rows: list[Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class ReadError(Exception):
    """A document that cannot be read at all. The message is for a person, in Chinese."""
