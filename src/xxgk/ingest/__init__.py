"""Published documents → annual reports: readers per format, the table interpreter."""

from __future__ import annotations

from xxgk.ingest import docx as _docx  # noqa: F401  (registers the DOCX reader)
from xxgk.ingest import filetypes
from xxgk.ingest import html as _html  # noqa: F401  (registers the HTML reader)
from xxgk.ingest import office as _office  # noqa: F401  (registers the .doc/.wps reader)
from xxgk.ingest import pdf as _pdf  # noqa: F401  (registers the PDF reader)
from xxgk.ingest import text as _text  # noqa: F401  (registers the plain-text reader)
from xxgk.ingest.document import ReadError
from xxgk.ingest.formats import read_document
from xxgk.ingest.interpret import parse_document
from xxgk.ingest.limits import MB
from xxgk.ingest.load import MAX_BYTES, load, load_one, read_source
from xxgk.report.model import AnnualReport

__all__ = ["MAX_BYTES", "ReadError", "load", "load_one", "parse_bytes", "parse_document", "parse_path"]


def parse_bytes(data: bytes, source: str) -> AnnualReport:
    """The report in the published document ``data`` (any supported format), or :class:`ReadError`."""
    if not data or not data.strip():
        raise ReadError("文件是空的，没有可读取的内容")
    kind = filetypes.describe(data)
    if kind:
        raise ReadError(filetypes.unreadable_message(kind))
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(data) / MB:.1f} MB），超过 {MAX_BYTES // MB} MB 的上限，未读取")
    doc = read_document(data, source)
    report = parse_document(doc)
    report.source = source
    report.findings[:0] = doc.findings
    return report


def parse_path(source: str) -> AnnualReport:
    """The report in the published document at a path, an address, or standard input (``-``)."""
    return parse_bytes(read_source(source), source)
