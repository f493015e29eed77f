"""Caps that keep a hostile or runaway input bounded: bytes read, pages, inflated size."""

from __future__ import annotations

from xxgk.ingest.document import ReadError

MB = 1024 * 1024

MAX_INPUT_BYTES = {"pdf": 100 * MB, "default": 20 * MB}
"""The largest file read per format; PDFs carry images, everything else is text."""

MAX_PDF_PAGES = 200
MAX_INFLATED_BYTES = 200 * MB
"""The most a DOCX's members may inflate to, all together."""

MAX_COMPRESSION_RATIO = 200
"""A member inflating more than this many times over (and past 10 MB) is taken for a bomb."""

MAX_FETCH_BYTES = 20 * MB
FETCH_TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
OFFICE_TIMEOUT_SECONDS = 120.0


def check_size(data: bytes, fmt: str) -> None:
    """Refuse a file larger than the cap of its format, with the sizes in the message."""
    cap = MAX_INPUT_BYTES.get(fmt, MAX_INPUT_BYTES["default"])
    if len(data) > cap:
        raise ReadError(f"文件过大（{len(data) / MB:.1f} MB），超过 {cap // MB} MB 的上限，未读取")
