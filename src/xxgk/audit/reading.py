"""Reading one source for the corpus: bytes, their digest, the report and its own findings.

This runs in worker processes (``import_reports --jobs N``) and in task workers, so it knows no
database: it returns a :class:`Read` that the writer stores. A document already in the corpus
(its digest in ``known``) is not parsed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xxgk.audit.figures import figures
from xxgk.check import check_report
from xxgk.check.rules import severity
from xxgk.ingest import MAX_BYTES, ReadError
from xxgk.ingest.guard import Refused, parse_guarded
from xxgk.ingest.limits import MB
from xxgk.ingest.version import parser_version
from xxgk.report.model import AnnualReport

URL_PREFIXES = ("http://", "https://")


@dataclass
class Read:
    """What became of one source. ``failed``: its bytes could not be had (nothing is stored);
    ``unreadable``: the bytes are a document the parser cannot read (stored, with the reason)."""

    source: str
    sha256: str | None = None
    size: int = 0
    content: bytes | None = None
    report: dict[str, Any] | None = None
    findings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    figures: dict[str, int | None] = field(default_factory=dict)
    failed: str | None = None
    unreadable: str | None = None
    parser_version: str = ""

    @property
    def known(self) -> bool:
        return self.sha256 is not None and self.content is None and self.failed is None


def source_bytes(source: str) -> bytes:
    """The bytes at a path or an address, or :class:`ReadError` saying why not."""
    if source.startswith(URL_PREFIXES):
        from xxgk.ingest.url import fetch

        return fetch(source)
    path = Path(source)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReadError(
                f"文件过大（{path.stat().st_size / MB:.1f} MB），超过 {MAX_BYTES // MB} MB 的上限，未读取"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"找不到文件“{source}”") from None
    except IsADirectoryError:
        raise ReadError(f"“{source}”是文件夹，不是文件") from None
    except PermissionError:
        raise ReadError(f"没有权限读取文件“{source}”") from None
    except OSError as e:
        raise ReadError(f"无法读取文件“{source}”：{e.strerror or e}") from None


def read_source(source: str, known: Container[str] = frozenset()) -> Read:
    """Fetch ``source``, and parse and check it unless its digest is in ``known``."""
    try:
        data = source_bytes(source)
    except ReadError as e:
        return Read(source, failed=str(e))
    digest = hashlib.sha256(data).hexdigest()
    if digest in known:
        return Read(source, sha256=digest, size=len(data))
    out = read_bytes(data, source)
    out.sha256 = digest
    return out


def read_bytes(data: bytes, source: str) -> Read:
    """Parse (in a guarded worker: one document cannot stall an import) and check ``data``;
    the report's parser findings and the checker's kept apart."""
    import zlib

    out = Read(source, size=len(data), content=zlib.compress(data, 6), parser_version=parser_version())
    got = parse_guarded(data, source)
    if isinstance(got, Refused):  # unreadable, too slow, too greedy, or a bug of ours
        out.unreadable = got.message
        return out
    report = got
    out.report = report.to_json()
    out.findings = [("parse", f.to_json()) for f in report.findings]
    out.findings += [("check", f.to_json()) for f in checked(report)]
    out.figures = figures(report)
    return out


def checked(report: AnnualReport) -> list:
    try:
        return check_report(report)
    except Exception as e:  # pragma: no cover - the checker is total over parsed reports
        from xxgk.report.model import Finding

        return [
            Finding("check-failed", severity("check-failed"), f"核查时出现内部错误：{type(e).__name__}: {e}")
        ]


_KNOWN: frozenset[str] = frozenset()


def remember(known: frozenset[str]) -> None:
    """A worker process's initialiser: the digests already in the corpus."""
    global _KNOWN
    _KNOWN = known


def read_remembered(source: str) -> Read:
    return read_source(source, _KNOWN)


def reread(payload: tuple[int, bytes, str]) -> tuple[int, Read]:
    """A stored document (its report's key, compressed bytes and source) read again."""
    import zlib

    pk, packed, source = payload
    return pk, read_bytes(zlib.decompress(packed), source)
