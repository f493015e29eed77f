"""The PDF rendering through LibreOffice: Chinese fonts embedded, nothing spilling out
of a table cell or off the text block, and the real reader reading the cells back."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdfium2 as pdfium
import pytest

from xxgk.render.grid import grids, printed_lines
from xxgk.render.outline import date_text
from xxgk.render.pdf import render_pdf, soffice
from xxgk.report import AnnualReport

pytestmark = pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)

MM = 72 / 25.4
SLACK = 1.0
HANGING = set("、，。；：？！”’）》」")
"""Punctuation that Chinese typesetting lets hang into the margin (标点悬挂) rather than
begin a line."""


@pytest.fixture(scope="session")
def pdf_of():
    cache: dict[int, bytes] = {}

    def render(report: AnnualReport) -> bytes:
        if id(report) not in cache:
            cache[id(report)] = render_pdf(report)
        return cache[id(report)]

    return render


def test_pages_are_a4_with_cjk_fonts_embedded_and_text_inside_the_margins(seed, pdf_of):
    with pdfplumber.open(io.BytesIO(pdf_of(seed))) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
            fonts = {c["fontname"].split("+")[-1] for c in page.chars}
            assert fonts and all("CJK" in f for f in fonts), fonts
            for c in page.chars:
                right = (210 - 26) * MM + SLACK + (c["size"] if c["text"] in HANGING else 0)
                assert c["x0"] >= 28 * MM - SLACK and c["x1"] <= right, c["text"]


def test_no_table_cell_overflows(seed, pdf_of):
    found = 0
    with pdfplumber.open(io.BytesIO(pdf_of(seed))) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                for x0, top, x1, bottom in table.cells:
                    found += 1
                    for c in page.chars:
                        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                        if x0 < cx < x1 and top < cy < bottom:
                            assert c["x0"] >= x0 - SLACK and c["x1"] <= x1 + SLACK, c["text"]
                            assert c["top"] >= top - SLACK and c["bottom"] <= bottom + SLACK, c["text"]
    assert found > 100


def test_the_reader_reads_the_seed_s_cells_back(seed, pdf_of, tmp_path, parse_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_of(seed))
    back = parse_path(str(path))
    assert back.edition == seed.edition
    assert back.cells == seed.cells


def test_the_last_page_holds_more_than_the_signature(seed, pdf_of):
    with pdfplumber.open(io.BytesIO(pdf_of(seed))) as pdf:
        text = pdf.pages[-1].extract_text() or ""
    closing = {seed.agency or "", date_text(seed), ""}
    lines = [line.replace(" ", "") for line in text.splitlines()]
    body = [line for line in lines if line not in {c.replace(" ", "") for c in closing}]
    assert [line for line in body if not line.startswith("—")], text


PROSE = "全年共主动公开政府信息若干条，其中通过门户网站发布公开信息若干条。"


FILLED = 0.7
"""The least share of the text block a page other than the last fills: section 四's
form, a heading over three header rows and one row of values (a fifth of a page), may
go over whole."""


def filled(pdf: bytes) -> list[float]:
    """How far down the text block each page's text reaches, as a share of its height
    (the page number in the bottom margin left out)."""
    doc = pdfium.PdfDocument(pdf)
    shares = []
    try:
        for page in doc:
            height = page.get_height()
            top, bottom = height - 37 * MM, 35 * MM
            text = page.get_textpage()
            lows = [text.get_charbox(i)[1] for i in range(text.count_chars())]
            inside = [y for y in lows if y >= bottom - SLACK]
            shares.append((top - min(inside)) / (top - bottom) if inside else 0.0)
    finally:
        doc.close()
    return shares


@pytest.mark.parametrize("lines", [0, 4, 10, 16])
@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_tables_flow_on_and_leave_no_page_mostly_blank(edition, lines):
    """Wherever the prose before them ends, and with six-digit counts in section 三,
    every page but the last is filled to its foot: a table that does not fit goes on
    over the page, its header rows repeated, rather than leaving a gap."""
    report = AnnualReport.blank(edition, agency="某某县人民政府", year=2022)
    report.sections = {"overview": "\n".join([PROSE] * lines)}
    for key in report.cells:
        report.cells[key] = 123456 if key.startswith("s3.") else 12
    pdf = render_pdf(report)
    assert all(share > FILLED for share in filled(pdf)[:-1]), filled(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [re.sub(r"\s", "", page.extract_text() or "") for page in doc.pages]
    s3 = grids(edition)[1]
    labels = [printed_lines(c, c.text)[0] for c in s3.cells if c.kind == "label" and c.rowspan == 1]
    with_rows = [t for t in texts if any(label in t for label in labels)]
    assert with_rows and all("申请人情况" in t for t in with_rows)


def test_the_seed_s_pages_are_filled(seed, pdf_of):
    assert all(share > FILLED for share in filled(pdf_of(seed))[:-1]), filled(pdf_of(seed))


def test_a_comma_ending_a_full_line_is_printed():
    """LibreOffice once dropped the comma that closed a full justified line."""
    import random

    from xxgk.ingest.formats import read_document
    from xxgk.report.generate import random_report

    report = random_report(random.Random(5), "2021")
    sentence = "2021年，佳木斯市城关街道办事处依法主动公开政府信息，有关情况统计如下。"
    report.sections["proactive"] = sentence
    rows = [r.text.replace(" ", "") for r in read_document(render_pdf(report), "r.pdf").rows]
    assert sentence in rows


@pytest.mark.parametrize(
    "family", ["Liberation Serif", "Times New Roman", "DejaVu Serif", "Arial", "serif", "宋体"]
)
def test_only_noto_cjk_can_be_chosen_whatever_else_is_installed(tmp_path, family):
    """LibreOffice's own tables map Times New Roman to Liberation Serif: with the private
    fontconfig file no such font exists, installed or not, so Noto CJK is drawn."""
    import os
    import subprocess

    from xxgk.render.pdf import fonts_conf

    env = dict(os.environ, FONTCONFIG_FILE=fonts_conf(tmp_path), HOME=str(tmp_path))
    matched = subprocess.run(["fc-match", family, "family"], env=env, capture_output=True, check=True)
    assert "Noto" in matched.stdout.decode() and "CJK" in matched.stdout.decode()
    listed = subprocess.run(
        ["fc-list", ":", "family"], env=env, capture_output=True, check=True
    ).stdout.decode()
    assert listed.strip() and all("CJK" in line for line in listed.splitlines() if line.strip()), listed
