"""The HTML rendering: one standalone printable page, the same grid as the form, and
the real reader reading the seed's own cells back."""

from __future__ import annotations

import lxml.html

from xxgk.render.grid import grids, value_text
from xxgk.render.html import render_html
from xxgk.report import SECTIONS, AnnualReport


def table_regions(table) -> dict[tuple[int, int], tuple[int, int, str, str | None]]:
    """Top-left (row, col) of every cell of an HTML table → (rowspan, colspan, text, data-key)."""
    taken: set[tuple[int, int]] = set()
    out = {}
    for r, tr in enumerate(table.iter("tr")):
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            out[(r, col)] = (rs, cs, cell.text_content(), cell.get("data-key"))
            taken.update((r + i, col + j) for i in range(rs) for j in range(cs))
            col += cs
    return out


def test_tables_are_the_grid_with_every_value_at_its_key(seed):
    page = lxml.html.fromstring(render_html(seed))
    tables = page.xpath("//table")
    assert len(tables) == 3
    for grid, table in zip(grids(seed.edition), tables, strict=True):
        want = {
            (c.row, c.col): (c.rowspan, c.colspan, value_text(seed, c.key) if c.key else c.text, c.key)
            for c in grid.cells
        }
        assert table_regions(table) == want, grid.name


def test_the_page_stands_alone_and_prints_on_a4(seed):
    text = render_html(seed)
    page = lxml.html.fromstring(text)
    assert not page.xpath("//link|//script|//img|//iframe|//@src")
    assert "http://" not in text and "https://" not in text
    assert "@page" in text and "size: A4" in text
    assert [h.text_content() for h in page.xpath("//h2")] == [s.heading for s in SECTIONS]
    assert page.xpath("//meta/@charset") == ["utf-8"]


def test_text_is_escaped():
    report = AnnualReport(agency="<某局>", year=2023, sections={"overview": "a < b & c"})
    page = lxml.html.fromstring(render_html(report))
    assert page.xpath("//p")[0].text_content() == "a < b & c"
    assert page.xpath("//h1")[0].text_content().startswith("<某局>")


def test_the_reader_reads_the_seed_s_cells_back(seed, tmp_path, parse_path):
    path = tmp_path / "report.html"
    path.write_text(render_html(seed), encoding="utf-8")
    back = parse_path(str(path))
    assert back.edition == seed.edition
    assert back.cells == seed.cells
    assert (back.agency, back.year) == (seed.agency, seed.year)


def test_the_title_falls_back_to_a_heavy_serif_not_a_light_one():
    """方正小标宋 is heavy; without it the title takes the bold face of Noto Serif CJK,
    as the PDF does, rather than the regular weight."""
    text = render_html(AnnualReport(agency="某局", year=2023))
    assert '@font-face { font-family: "xxgk-title"; src: local("Noto Serif CJK SC Bold")' in text
    fonts = text.split("h1 { font-family:", 1)[1].split(";", 1)[0]
    assert fonts.index("方正小标宋简体") < fonts.index("xxgk-title") < fonts.index("serif")
