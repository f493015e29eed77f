"""The PDF reader's tolerances: each documented, each used, and a reading follows them."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re

from pdf_by_hand import Page, pdf

from xxgk.ingest import pdf as reader
from xxgk.ingest import pdf_grid, pdf_page, pdf_settings
from xxgk.ingest.pdf_settings import PdfSettings

FIELDS = [f.name for f in dataclasses.fields(PdfSettings)]


def documented() -> dict[str, str]:
    """Each field of ``PdfSettings`` with the string literal that follows it."""
    (cls,) = [n for n in ast.parse(inspect.getsource(pdf_settings)).body if isinstance(n, ast.ClassDef)]
    out = {}
    for field, after in zip(cls.body, [*cls.body[1:], None], strict=True):
        if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name):
            doc = (
                after.value.value
                if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                else ""
            )
            out[field.target.id] = doc
    return out


def test_every_tolerance_says_what_it_is_for_and_why_its_value() -> None:
    docs = documented()
    assert list(docs) == FIELDS
    undocumented = [
        name for name, doc in docs.items() if len(doc.split()) < 8 or not doc.rstrip().endswith(".")
    ]
    assert undocumented == []


def test_every_tolerance_is_used_by_the_reader() -> None:
    source = "".join(inspect.getsource(m) for m in (reader, pdf_grid, pdf_page))
    unused = [name for name in FIELDS if not re.search(rf"\b(?:s|settings)\.{name}\b", source)]
    assert unused == []


def test_a_reading_follows_the_settings_it_is_given() -> None:
    """A two-column box is a table by default; asking for three columns at least makes
    its text prose."""
    page = Page().grid([72, 300, 400], [100, 130]).text(80, 110, "收到申请数").text(310, 110, "12")
    data = pdf([page])
    assert [(r.cells, r.structured) for r in reader.read_pdf(data, "t.pdf").rows] == [
        (["收到申请数", "12"], True)
    ]
    strict = PdfSettings(min_columns=3)
    assert [(r.cells, r.structured) for r in reader.read_pdf(data, "t.pdf", strict).rows] == [
        (["收到申请数 12"], False)
    ]
