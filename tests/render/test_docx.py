"""The DOCX rendering: the official page, the form's merged cells, every value in its
place, and the real reader reading the seed's own cells back."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from xxgk.render.docx import render_docx
from xxgk.render.grid import grids, value_text
from xxgk.render.outline import date_text, title
from xxgk.report import SECTIONS, AnnualReport


def regions(tbl) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Every merged region of a Word table: top-left (row, col) → (rowspan, colspan, text)."""
    out: dict[tuple[int, int], list] = {}
    open_at: dict[int, tuple[int, int]] = {}
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                anchor = open_at[col]
                out[anchor][0] += 1
            else:
                out[(r, col)] = [1, span, text]
                open_at[col] = (r, col)
            col += span
    return {k: tuple(v) for k, v in out.items()}


def rendered(report: AnnualReport) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(report)))


def test_each_table_has_the_form_s_merged_cells_and_values_in_place(seed):
    doc = rendered(seed)
    tables = doc.tables
    assert len(tables) == 3
    for grid, table in zip(grids(seed.edition), tables, strict=True):
        got = regions(table._tbl)
        want = {
            (c.row, c.col): (c.rowspan, c.colspan, value_text(seed, c.key) if c.key else c.text)
            for c in grid.cells
        }
        assert got == want, grid.name


def test_page_and_fonts_are_those_of_a_government_document(seed):
    doc = rendered(seed)
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]

    def east_asia(p):
        return p.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))

    head = paragraphs[0]
    assert head.text.replace("\n", "") == title(seed)
    assert east_asia(head) == "方正小标宋简体" and head.runs[0].font.size.pt == 22
    headings = [p for p in paragraphs if p.text in {s.heading for s in SECTIONS}]
    assert [p.text for p in headings] == [s.heading for s in SECTIONS]
    assert {east_asia(p) for p in headings} == {"黑体"}
    body = [p for p in paragraphs[1:] if p not in headings and p.paragraph_format.first_line_indent]
    if seed.sections:
        assert body and {p.runs[0].font.size.pt for p in body} == {16}
        assert "仿宋_GB2312" in {east_asia(p) for p in body}
    closing = paragraphs[-1]
    assert closing.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert closing.text == (date_text(seed) if seed.published_on else seed.agency)


def test_every_section_text_is_printed(seed):
    text = "\n".join(p.text for p in rendered(seed).paragraphs)
    for body in seed.sections.values():
        for line in body.splitlines():
            assert line.strip() in text


def test_the_reader_reads_the_seed_s_cells_back(seed, tmp_path, parse_path):
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(seed))
    back = parse_path(str(path))
    assert back.edition == seed.edition
    assert back.cells == seed.cells
    assert (back.agency, back.year) == (seed.agency, seed.year)
    if seed.published_on:
        assert back.published_on == seed.published_on


def test_a_report_without_an_edition_still_renders_its_text():
    report = AnnualReport(agency="某县人民政府", year=2023, sections={"overview": "全年工作平稳。"})
    doc = rendered(report)
    assert doc.tables == []
    assert "全年工作平稳。" in [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_blank_report_prints_empty_cells(edition):
    doc = rendered(AnnualReport.blank(edition, agency="某局", year=2022))
    values = [c for c in regions(doc.tables[1]._tbl).items() if c[0][0] >= 3 and c[0][1] >= 3]
    assert values and all(text == "" for _, (_, _, text) in values)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_labels_broken_between_words_fit_their_cells_line_by_line(edition):
    """Each line of a broken label (商业/企业, （三）/不予公开) is narrower than its cell,
    so the renderer's breaks are the only ones."""
    from xxgk.render.docx import CELL_MARGIN, EMU_PER_PT, SIZE_TABLE, _widths
    from xxgk.render.grid import printed_lines
    from xxgk.render.outline import text_width

    s3 = grids(edition)[1]
    widths = [w / EMU_PER_PT for w in _widths(s3)]
    broken = [c for c in s3.cells if len(printed_lines(c, c.text)) > 1]
    assert len(broken) >= 8
    for c in broken:
        room = sum(widths[c.col : c.last_col + 1]) - 2 * CELL_MARGIN["s3"].pt
        for line in printed_lines(c, c.text):
            assert text_width(line) * SIZE_TABLE.pt <= room, line
    cells = [tc for tc in rendered(AnnualReport.blank(edition)).tables[1]._tbl.iter(qn("w:tc"))]
    breaks = {"".join(t.text for t in tc.iter(qn("w:t"))): len(list(tc.iter(qn("w:br")))) for tc in cells}
    assert breaks["社会公益组织"] == 2 and breaks["（三）不予公开"] == 1


def test_the_signature_never_stands_alone_on_the_last_page(seed):
    """The closing paragraph keeps with the agency and date, so a page break before
    them carries the last paragraph over too."""
    paragraphs = rendered(seed).paragraphs
    lines = [p for p in paragraphs if p.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT]
    first = paragraphs.index(lines[0])
    chain = paragraphs[first - 2 : len(paragraphs) - 1]
    assert chain[0].text.strip() and not chain[1].text.strip()
    assert all(p.paragraph_format.keep_with_next for p in chain)


def test_control_characters_from_a_converted_document_are_dropped_not_fatal():
    report = AnnualReport.blank("2021", agency="某\x00局", year=2022)
    report.title = "某局2022年\x01政府信息公开工作年度报告"
    report.sections = {"overview": "全年\x07工作\ufffe平稳。"}
    doc = rendered(report)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "某局2022年政府信息公开工作年度报告"
    assert "全年工作平稳。" in texts and "某局" in texts
    assert doc.core_properties.author == "某局"


LONG_AGENCIES = [
    "国家税务总局某某省某某市某某区税务局",
    "中华人民共和国某某省某某市某某区某某街道办事处综合行政执法局",
]


@pytest.mark.parametrize("agency", LONG_AGENCIES)
def test_a_long_title_keeps_its_customary_last_line(agency):
    from xxgk.render.outline import text_width, title_lines

    report = AnnualReport(agency=agency, year=2021)
    lines = title_lines(report, 20)
    assert lines[-1] == "政府信息公开工作年度报告" and "".join(lines) == title(report)
    assert all(text_width(line) <= 20 for line in lines)
    assert any(line.endswith("2021年") for line in lines)
    assert max(map(text_width, lines[:-1])) - min(map(text_width, lines[:-1])) <= 2


def test_tables_flow_with_the_text_at_a_size_close_to_the_body(seed):
    """No page or section break anywhere and no paragraph chained to the next inside a
    table (which makes Word and LibreOffice carry the whole table over): a table runs
    on where the text leaves it, its rows whole and its header rows repeated."""
    from xxgk.render.docx import SIZE_TABLE

    assert SIZE_TABLE.pt >= 10.5
    doc = rendered(seed)
    body = doc.element.body
    assert not list(body.iter(qn("w:pageBreakBefore")))
    assert not [br for br in body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    assert [el.tag for el in body.iter(qn("w:sectPr"))] == [qn("w:sectPr")]
    assert body[-1].tag == qn("w:sectPr")
    assert len(doc.tables) == 3
    for table, grid in zip(doc.tables, grids(seed.edition), strict=True):
        tbl = table._tbl
        sizes = {
            run.font.size.pt
            for row in table.rows
            for cell in row.cells
            for p in cell.paragraphs
            for run in p.runs
        }
        assert sizes == {SIZE_TABLE.pt}
        assert not list(tbl.iter(qn("w:keepNext")))
        rows = tbl.findall(qn("w:tr"))
        assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in rows)
        headed = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in rows]
        assert headed == [r < grid.header_rows for r in range(grid.n_rows)]
