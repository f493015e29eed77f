"""Published documents → annual reports: readers per format, the table interpreter."""

from __future__ import annotations

import sys
from pathlib import Path

from xxgk.ingest import docx as _docx  # noqa: F401  (registers the DOCX reader)
from xxgk.ingest import html as _html  # noqa: F401  (registers the HTML reader)
from xxgk.ingest import office as _office  # noqa: F401  (registers the .doc/.wps reader)
from xxgk.ingest import pdf as _pdf  # noqa: F401  (registers the PDF reader)
from xxgk.ingest import text as _text  # noqa: F401  (registers the plain-text reader)
from xxgk.ingest.document import ReadError
from xxgk.ingest.formats import read_document
from xxgk.ingest.interpret import parse_document
from xxgk.ingest.limits import MAX_INPUT_BYTES, MB
from xxgk.report.model import AnnualReport

MAX_BYTES = max(MAX_INPUT_BYTES.values())
"""Nothing larger is read from a path or stdin; each reader then applies its format's cap."""

__all__ = ["ReadError", "parse_bytes", "parse_document", "parse_path"]


def parse_bytes(data: bytes, source: str) -> AnnualReport:
    """The report in ``data`` (any supported format), or :class:`ReadError`."""
    if not data or not data.strip():
        raise ReadError("文件是空的，没有可读取的内容")
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(data) / MB:.1f} MB），超过 {MAX_BYTES // MB} MB 的上限，未读取")
    doc = read_document(data, source)
    report = parse_document(doc)
    report.source = source
    report.findings[:0] = doc.findings
    return report


def parse_path(source: str) -> AnnualReport:
    """The report at a path, or on standard input for ``-``."""
    if source.startswith(("http://", "https://")):
        from xxgk.ingest.url import fetch

        return parse_bytes(fetch(source), source)
    if source == "-":
        return parse_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), source)
    path = Path(source)
    try:
        if path.is_dir():
            raise ReadError(f"“{source}”是文件夹，不是文件")
        if path.stat().st_size > MAX_BYTES:
            raise ReadError(
                f"文件过大（{path.stat().st_size / MB:.1f} MB），超过 {MAX_BYTES // MB} MB 的上限，未读取"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"找不到文件“{source}”") from None
    except PermissionError:
        raise ReadError(f"没有权限读取文件“{source}”") from None
    except OSError as e:
        raise ReadError(f"无法读取文件“{source}”：{e.strerror or e}") from None
    return parse_bytes(data, source)
