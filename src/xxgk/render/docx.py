"""The report as a Word document in the layout of a government report (公文格式).

A4 with the customary margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm);
title in 方正小标宋简体 二号; headings in 黑体 三号; body in 仿宋_GB2312 三号 with a
two-character first-line indent at a fixed 28 pt line pitch; the three statutory
tables in 宋体 五号 with the form's merged header cells, flowing with the text: a
table that does not fit where it falls continues on the next page under its repeated
header rows, never splitting a row. East Asian fonts are named in
``w:eastAsia`` and declared with alternates in the font table; where none of them is
installed (LibreOffice on Debian) :mod:`xxgk.render.pdf` maps them to Noto CJK.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from xxgk.render.grid import Grid, GridCell, printed_lines, value_text
from xxgk.render.outline import (
    Paragraph,
    preamble,
    printable,
    sections,
    signature,
    text_width,
    title,
    title_lines,
)
from xxgk.report.model import AnnualReport

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_TABLE = Pt(10.5)
"""五号, for every table: the largest customary size (五号–小四) at which the widest
table, section 三's ten columns, keeps its longest label line on one line across the
text block; 小五 (9 pt) left tables far smaller than the 三号 body."""
LINE_PITCH = Pt(28)
TITLE_PITCH = Pt(36)
SPACER = Pt(14)
EMU_PER_PT = 12700

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGINS["left"] - MARGINS["right"])
BODY_HEIGHT = Emu(PAGE_HEIGHT - MARGINS["top"] - MARGINS["bottom"])
FIT_SLACK = Pt(1)
"""Room left beside a label's widest line: LibreOffice breaks a line that fills its
cell to the exact point."""
CELL_MARGIN = {"s2": Twips(80), "s3": Twips(28), "s4": Twips(28)}

FONT_ALTERNATES = {
    TITLE_FONT: ("方正小标宋_GBK", "modern", "fixed"),
    HEADING_FONT: ("SimHei", "modern", "fixed"),
    BODY_FONT: ("仿宋", "modern", "fixed"),
    SUBHEADING_FONT: ("楷体", "modern", "fixed"),
    TABLE_FONT: ("SimSun", "auto", "variable"),
}


def render_docx(report: AnnualReport) -> bytes:
    """The report as the bytes of a .docx file."""
    doc = Document()
    _page_setup(doc)
    props = doc.core_properties
    props.title = title(report)
    props.author = props.last_modified_by = printable(report.agency or "")
    props.comments = ""
    props.language = "zh-CN"
    _styles(doc)
    _font_table(doc)
    heading_lines = title_lines(report, TEXT_WIDTH.pt / SIZE_TITLE.pt)
    _title(doc, heading_lines)
    for p in preamble(report):
        _body(doc, p)
    for block in sections(report):
        _heading(doc, block.heading)
        for p in block.paragraphs:
            _body(doc, p)
        if block.table is not None:
            _table(doc, block.table, report)
    _signature(doc, signature(report))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page_setup(doc: Document) -> None:
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = PAGE_WIDTH, PAGE_HEIGHT
    s.top_margin, s.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    s.left_margin, s.right_margin = MARGINS["left"], MARGINS["right"]
    s.footer_distance = Mm(28) - Mm(7)  # page number about 7 mm below the text block
    _page_number(s.footer.paragraphs[0])


def _page_number(p: DocxParagraph) -> None:
    """``— 1 —`` centred at the foot of each page, in 宋体 四号."""
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fmt_plain(p)
    for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
        if field is None:
            _run(p, text or "", TABLE_FONT, Pt(14))
            continue
        run = _run(p, "", TABLE_FONT, Pt(14))
        for tag, attrs in (
            ("w:fldChar", {"w:fldCharType": "begin"}),
            ("w:instrText", {"xml:space": "preserve"}),
            ("w:fldChar", {"w:fldCharType": "separate"}),
            ("w:t", {}),
            ("w:fldChar", {"w:fldCharType": "end"}),
        ):
            el = OxmlElement(tag)
            for k, v in attrs.items():
                el.set(qn(k), v)
            if tag == "w:instrText":
                el.text = f" {field} "
            if tag == "w:t":
                el.text = "1"
            run._r.append(el)


def _set_fonts(rpr_parent, east_asia: str, latin: str = LATIN_FONT) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = SIZE_BODY
    _set_fonts(normal.element, BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE_PITCH
    pf.space_before = pf.space_after = Pt(0)
    pf.widow_control = False


def _font_table(doc: Document) -> None:
    """Declare the Chinese fonts with their alternates, so Word substitutes sensibly."""
    part = next((p for p in doc.part.package.parts if p.partname == "/word/fontTable.xml"), None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alt, family, pitch) in FONT_ALTERNATES.items():
        if name in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, val in (("w:altName", alt), ("w:charset", "86"), ("w:family", family), ("w:pitch", pitch)):
            el = etree.SubElement(font, qn(tag))
            el.set(qn("w:val"), val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _run(p: DocxParagraph, text: str, font: str, size: Pt, bold: bool = False):
    run = p.add_run(text)
    run.font.size = size
    run.font.bold = bold
    _set_fonts(run._r, font)
    return run


def _mark_size(p: DocxParagraph, size: Pt) -> None:
    """Size the paragraph mark too: an empty cell is as tall as its mark's font."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size.pt * 2)))
        rpr.append(el)


def _fmt_plain(p: DocxParagraph) -> None:
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.space_before = pf.space_after = Pt(0)


def _indent_chars(p: DocxParagraph, chars: int, size: Pt) -> None:
    """A first-line indent of ``chars`` characters (w:firstLineChars, with twips for
    readers that ignore it)."""
    p.paragraph_format.first_line_indent = Pt(size.pt * chars)
    ind = p._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def _title(doc: Document, text_lines: list[str]) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = p.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = TITLE_PITCH
    pf.space_after = LINE_PITCH
    for i, line in enumerate(text_lines):
        run = _run(p, line, TITLE_FONT, SIZE_TITLE)
        if i < len(text_lines) - 1:
            run.add_break()


def _heading(doc: Document, text: str) -> DocxParagraph:
    p = doc.add_paragraph()
    _indent_chars(p, 2, SIZE_BODY)
    p.paragraph_format.keep_with_next = True
    _run(p, text, HEADING_FONT, SIZE_BODY)
    return p


def _body(doc: Document, para: Paragraph) -> None:
    """A paragraph of prose, set flush left: CJK lines fill the measure anyway, and
    LibreOffice drops a comma that ends a justified line from the PDF."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _indent_chars(p, 2, SIZE_BODY)
    if para.kind == "subheading":
        p.paragraph_format.keep_with_next = True
        _run(p, para.text, SUBHEADING_FONT, SIZE_BODY)
    else:
        _run(p, para.text, BODY_FONT, SIZE_BODY)


def _signature(doc: Document, lines: list[str]) -> None:
    """The agency and date at the right, never on a page of their own: the report's
    last paragraph goes over with them."""
    if not lines:
        return
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(SIZE_BODY.pt * 2)
        p.paragraph_format.keep_with_next = i < len(lines) - 1
        _run(p, line, BODY_FONT, SIZE_BODY)


def _table(doc: Document, grid: Grid, report: AnnualReport) -> None:
    size = SIZE_TABLE
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _widths(grid)
    _table_properties(table, widths, CELL_MARGIN[grid.name])
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
    cells = [list(row.cells) for row in table.rows]
    for gc in grid.cells:
        cell = cells[gc.row][gc.col]
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(cells[gc.last_row][gc.last_col])
        text = value_text(report, gc.key) if gc.key else gc.text
        p = cell.paragraphs[0]
        _fmt_plain(p)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if _left_aligned(grid, gc) else WD_ALIGN_PARAGRAPH.CENTER
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        font = HEADING_FONT if gc.kind == "header" else TABLE_FONT
        first, *more = printed_lines(gc, text)
        run = _run(p, first, font, size)
        for line in more:
            run.add_break()
            run.add_text(line)
        _mark_size(p, size)
    spacer = doc.add_paragraph()
    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacer.paragraph_format.line_spacing = SPACER


def _left_aligned(grid: Grid, cell: GridCell) -> bool:
    """Row labels of section 三 sit at the left, as on the form; group labels centre."""
    return grid.name == "s3" and cell.kind == "label" and cell.rowspan == 1


def _widths(grid: Grid) -> list[int]:
    """Column widths in EMU filling the text block in the grid's proportions, except
    that a column is never narrower than the longest line of its own labels and
    headers at :data:`SIZE_TABLE`: such a column gets what it needs and the others
    share the rest. Where all the lines cannot fit side by side (section 四's fifteen
    columns), the proportions alone, and the cells wrap."""
    need = _label_widths(grid)
    if sum(need) > TEXT_WIDTH:
        need = [0.0] * grid.n_cols
    fixed: dict[int, float] = {}
    while True:
        free = [c for c in range(grid.n_cols) if c not in fixed]
        room = TEXT_WIDTH - sum(fixed.values())
        share = sum(grid.widths[c] for c in free)
        wanting = {c: need[c] for c in free if room * grid.widths[c] / share < need[c]}
        if not wanting or len(wanting) == len(free):
            break
        fixed.update(wanting)
    widths = [int(fixed[c]) if c in fixed else int(room * grid.widths[c] / share) for c in range(grid.n_cols)]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def _label_widths(grid: Grid) -> list[float]:
    """The width in EMU each column needs for the widest line of its labels and
    headers: a label spanning columns widens the widest of them by what it lacks."""
    margin = 2 * CELL_MARGIN[grid.name].emu + FIT_SLACK.emu
    need = [0.0] * grid.n_cols
    labels = sorted((c for c in grid.cells if c.key is None), key=lambda c: c.last_col - c.col)
    for c in labels:
        span = range(c.col, c.last_col + 1)
        widest = max(text_width(line) for line in printed_lines(c, c.text)) * SIZE_TABLE.emu + margin
        lacking = widest - sum(need[k] for k in span)
        if lacking > 0 and c.last_col - c.col < grid.n_cols - 1:
            need[max(span, key=lambda k: need[k])] += lacking
    return need


_TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)


def _put(parent, tag: str, order: tuple[str, ...]):
    """The child ``w:tag`` of ``parent``, created at its place in the schema's order."""
    existing = parent.find(qn(f"w:{tag}"))
    if existing is not None:
        return existing
    el = OxmlElement(f"w:{tag}")
    later = set(order[order.index(tag) + 1 :])
    for i, child in enumerate(parent):
        if child.tag.split("}")[-1] in later:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _table_properties(table: Table, widths: list[int], margin: Twips) -> None:
    tbl_pr = table._tbl.tblPr
    width = _put(tbl_pr, "tblW", _TBL_PR_ORDER)
    width.set(qn("w:w"), str(sum(widths) // 635))
    width.set(qn("w:type"), "dxa")
    margins = _put(tbl_pr, "tblCellMar", _TBL_PR_ORDER)
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(margin.twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w


__all__ = ["render_docx"]
