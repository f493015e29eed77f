"""The report as a standalone, printable HTML page.

One file with its CSS inside and nothing fetched from elsewhere; ``@page`` sets A4 with
the margins of a government document, and the three statutory tables are drawn from
:mod:`xxgk.render.grid` exactly as in the DOCX. Every value cell carries its key in
``data-key`` so that a machine can read the page back without guessing.
"""

from __future__ import annotations

from html import escape

from xxgk.render.grid import Grid, GridCell, printed_lines, value_text
from xxgk.render.outline import preamble, sections, signature, title, title_lines
from xxgk.report.model import AnnualReport

TITLE_CAPACITY = 20
"""Characters of 二号 type across the 156 mm text block."""

TITLE_STAND_IN = (
    'local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), '
    'local("Source Han Serif SC Bold"), local("SourceHanSerifSC-Bold")'
)
"""方正小标宋 comes in one heavy weight: where it is missing, the bold face of a CJK
serif stands in for it, declared as a face of its own so that no font is emboldened."""
FONTS_TITLE = (
    '"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "xxgk-title", "STZhongsong", "华文中宋", '
    '"Noto Serif CJK SC", serif'
)
FONTS_HEADING = '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
FONTS_BODY = (
    '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif'
)
FONTS_SUBHEADING = '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif'
FONTS_TABLE = '"宋体", "SimSun", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif'

CSS = f"""
@font-face {{ font-family: "xxgk-title"; src: {TITLE_STAND_IN}; }}
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
html {{ background: #f4f4f4; }}
body {{ margin: 0; color: #000; font-family: {FONTS_BODY}; font-size: 16pt; line-height: 28pt; }}
main {{ box-sizing: border-box; width: 210mm; margin: 1em auto; padding: 37mm 26mm 35mm 28mm;
  background: #fff; box-shadow: 0 0 4px rgba(0, 0, 0, .3); }}
h1 {{ font-family: {FONTS_TITLE}; font-size: 22pt; line-height: 36pt; font-weight: normal;
  text-align: center; margin: 0 0 28pt; }}
h1 span {{ display: block; }}
h2 {{ font-family: {FONTS_HEADING}; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0;
  page-break-after: avoid; break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.subheading {{ font-family: {FONTS_SUBHEADING}; page-break-after: avoid; break-after: avoid; }}
table.form {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 14pt;
  font-family: {FONTS_TABLE}; font-size: 9pt; line-height: 1.35; page-break-inside: avoid;
  break-inside: avoid; }}
table.form.s2 {{ font-size: 10.5pt; }}
table.form th, table.form td {{ border: 1px solid #000; padding: 1pt 2pt; text-align: center;
  vertical-align: middle; overflow-wrap: anywhere; }}
table.form th {{ font-family: {FONTS_HEADING}; font-weight: normal; }}
table.form.s3 td.label {{ text-align: left; }}
table.form.s3 td.label.group {{ text-align: center; }}
thead {{ display: table-header-group; }}
.signature {{ margin-top: 28pt; text-align: right; padding-right: 2em; page-break-inside: avoid; }}
.signature p {{ text-indent: 0; text-align: right; }}
@media print {{
  html {{ background: none; }}
  main {{ width: auto; margin: 0; padding: 0; box-shadow: none; }}
}}
"""


def render_html(report: AnnualReport) -> str:
    """The report as one standalone HTML document."""
    head_title = escape(title(report))
    heading = "".join(f"<span>{escape(line)}</span>" for line in title_lines(report, TITLE_CAPACITY))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="xxgk">',
        f"<title>{head_title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{heading}</h1>",
    ]
    parts += [f"<p>{escape(p.text)}</p>" for p in preamble(report)]
    for block in sections(report):
        parts.append(f'<section id="{block.key}">')
        parts.append(f"<h2>{escape(block.heading)}</h2>")
        for p in block.paragraphs:
            cls = ' class="subheading"' if p.kind == "subheading" else ""
            parts.append(f"<p{cls}>{escape(p.text)}</p>")
        if block.table is not None:
            parts.append(table_html(block.table, report))
        parts.append("</section>")
    lines = signature(report)
    if lines:
        parts.append('<div class="signature">' + "".join(f"<p>{escape(x)}</p>" for x in lines) + "</div>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def table_html(grid: Grid, report: AnnualReport) -> str:
    """One statutory table as an HTML ``<table>`` with the form's row and column spans."""
    total = sum(grid.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in grid.widths)
    out = [f'<table class="form {grid.name}" border="1" cellspacing="0">', f"<colgroup>{cols}</colgroup>"]
    rows = grid.rows()
    if grid.header_rows:
        out.append("<thead>")
        out += [_row(cells, grid, report) for cells in rows[: grid.header_rows]]
        out.append("</thead>")
    out.append("<tbody>")
    out += [_row(cells, grid, report) for cells in rows[grid.header_rows :]]
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _row(cells: list[GridCell], grid: Grid, report: AnnualReport) -> str:
    return "<tr>" + "".join(_cell(c, grid, report) for c in cells) + "</tr>"


def _cell(c: GridCell, grid: Grid, report: AnnualReport) -> str:
    attrs = ""
    if c.rowspan > 1:
        attrs += f' rowspan="{c.rowspan}"'
    if c.colspan > 1:
        attrs += f' colspan="{c.colspan}"'
    text = "<br>".join(escape(line) for line in printed_lines(c, c.text))
    if c.kind == "header":
        return f"<th{attrs}>{text}</th>"
    if c.kind == "label":
        cls = "label group" if c.rowspan > 1 else "label"
        return f'<td class="{cls}"{attrs}>{text}</td>'
    return f'<td class="value" data-key="{c.key}"{attrs}>{escape(value_text(report, c.key or ""))}</td>'


__all__ = ["render_html", "table_html"]
