"""Shared by the reader tests (tests/ingest/test_html, _docx, _pdf, _url, _hostile): the dev
corpus' table rows per format, and PDFs written by hand."""

from __future__ import annotations

import pytest
from corpus import DEV

import xxgk.ingest  # noqa: F401  (registers every reader)
from xxgk.ingest.formats import read_document

needs_dev = pytest.mark.skipif(not DEV.exists(), reason="shared/corpus/dev is not present")


def squeeze(cells: list[str]) -> list[str]:
    return ["".join(c.split()) for c in cells]


def table_rows(stem: str, suffix: str) -> tuple[list[list[str]], list[list[str]]]:
    """(structured rows read from ``stem+suffix``, table rows of the ``-tsv.txt`` variant)."""
    doc = read_document((DEV / f"{stem}{suffix}").read_bytes(), stem + suffix)
    tsv = (DEV / f"{stem}-tsv.txt").read_text(encoding="utf-8").split("\n")
    return (
        [squeeze(r.cells) for r in doc.rows if r.structured],
        [squeeze(line.split("\t")) for line in tsv if "\t" in line],
    )


def hand_pdf(pages: int, text: str | None = "Hello 2022", image: bool = False) -> bytes:
    """A minimal valid PDF of ``pages`` identical pages, written by hand (fast for thousands).

    With ``text`` each page shows it in Helvetica; with ``image`` a 2×2 grey picture, the
    way a scanned page has an image and no text layer.
    """
    ops = b""
    if image:
        ops += b"q 200 0 0 200 100 400 cm /Im1 Do Q\n"
    if text:
        ops += b"BT /F1 24 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET\n"
    first_page = 6
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Count {pages} /Kids [{kids}] >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
