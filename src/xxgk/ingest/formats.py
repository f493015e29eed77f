"""From a path, an address or bytes to a report: format sniffing and dispatch.

Formats are recognised by content, not by file name, so a ``.txt`` that is really a
PDF is still read as one.
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.ingest import limits
from xxgk.ingest.document import Document, ReadError

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {}


def reader(fmt: str) -> Callable[[Reader], Reader]:
    """Register a reader for a format name (``text``, ``html``, ``docx``, ``pdf`` …)."""

    def register(fn: Reader) -> Reader:
        READERS[fmt] = fn
        return fn

    return register


def sniff(data: bytes) -> str:
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        head = head[3:] if head.startswith(b"\xef\xbb\xbf") else head.decode("utf-16", "ignore").encode()
    lowered = head.lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<table", b"<body", b"<div", b"<p")):
        return "html"
    return "html" if _markup_later(data) else "text"


def _markup_later(data: bytes) -> bool:
    """Whether a page's markup begins after a long preamble: a report kept as an HTML
    string inside a script, or a page whose head is kilobytes of script. A text that
    merely mentions a tag does not hold a table of many cells."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = data[: 1 << 20].decode("utf-16", "ignore").encode().lower()
    else:
        body = data[4000 : 1 << 20].lower()
    return b"<table" in body and body.count(b"<td") >= 20


def read_document(data: bytes, source: str) -> Document:
    """The document in ``data`` as rows, or :class:`ReadError` with a reason in Chinese."""
    fmt = sniff(data)
    limits.check_size(data, fmt)
    fn = READERS.get(fmt)
    if fn is None:
        raise ReadError(f"不支持的文件格式（{fmt}），无法读取")
    return fn(data, source)
