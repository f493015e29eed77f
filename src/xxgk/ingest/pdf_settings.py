"""Every tolerance of the PDF reader, in one object, each with the reason for its value.

Lengths are in PDF points (1/72 inch); shares of a type size are in ems of the text
they judge; shares of the page are of its width or height. The values were set on the
reports that LibreOffice, WPS and Word typeset (GB/T 9704 layouts: 16 pt 仿宋 body,
22 pt 小标宋 titles, tables in 10.5–12 pt) and are kept by the tests that name them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PdfSettings:
    # Page furniture: page numbers and running heads.
    margin: float = 0.08
    """Share of the page height at top and bottom where page numbers and running heads
    live: a 25–37 mm margin on an A4 page, and no text line of the body reaches into it."""
    foot: float = 0.15
    """A government document (GB/T 9704) prints ``— 2 —`` 7 mm under a text block that
    ends 35 mm above the page's edge, about 10 % of the height up: a page number so
    decorated is taken anywhere in this share at top and bottom."""
    running_head_share: float = 0.6
    """A text printed in the margin of at least this share of the pages is a running
    head or foot: a heading that happens to fall at a page's top does so once or twice,
    while a running head skips at most the title page and a blank one."""
    running_head_pages: int = 3
    """Fewer pages than this cannot tell a running head from a heading, and a text must
    recur on at least this many pages to be one."""

    # Characters into lines and words.
    line_overlap: float = 0.5
    """Characters whose tops differ by at most this share of the larger type size are on
    one line: Latin digits and CJK set on one baseline have boxes a little apart, while
    the next line is at least a whole type size lower."""
    word_gap: float = 0.2
    """A gap between two characters wider than this share of the type size is printed as
    a space: justification adds less between CJK characters, and a Latin word space is a
    quarter em or more."""
    autospace_gap: float = 0.4
    """Between a CJK character and a Latin letter or digit a gap must be wider than this
    share of the type size to be a space: office suites set about a fifth of an em there
    (autospace, not in the text: ``2022年`` prints as ``2022 年``) and justification
    stretches it to a third, while a typed space adds a further quarter em."""

    # Ruling lines into tables.
    rule_slant: float = 0.1
    """A straight segment whose ends differ by at most this many points across its
    direction is a horizontal or vertical rule: coordinates go through transformation
    matrices and can differ in the last digits."""
    min_rule_length: float = 3.0
    """Rules shorter than this are ignored: the ends of a thick border, the short sides
    of a hairline drawn as a filled rectangle."""
    frame_height: float = 0.8
    """A vertical rule at least this share of the page height may be a side of a frame
    drawn round the whole page (an office suite typesetting a report kept in an HTML
    layout table draws that table's box on every page)."""
    frame_tolerance: float = 2.5
    """A frame's horizontal sides lie within this many points of the ends of its
    vertical sides, and span them within the same distance."""
    frame_double: tuple[float, float] = (0.3, 4.0)
    """Only a frame that doubles a table's own border (a parallel rule between these many
    points inside it, which the table finder would snap onto) is dropped; a table that
    simply fills the page keeps its borders."""
    cap_tolerance: float = 2.0
    """A vertical rule's end within this many points of a horizontal rule is closed by it;
    otherwise the page break cut the table there and a closing rule is supplied."""
    snap_tolerance: float = 1.5
    """Parallel rules within this many points are one rule: a border drawn as two strokes,
    a shaded cell's edge beside its border (rows are 15 points or more apart)."""
    join_tolerance: float = 3.0
    """Collinear pieces of one rule with gaps up to this many points are one rule: office
    suites draw each cell's border on its own, with a small gap or overlap at corners."""
    intersection_tolerance: float = 3.0
    """A vertical and a horizontal rule that come within this many points of each other
    meet: borders stop short of, or overshoot, the rule they end on by a line width or
    two."""
    min_columns: int = 2
    """A ruled box needs at least this many columns to be a table; a single-column box is
    a framed paragraph (a note, a boxed heading), read as prose."""
    merged_cell_rows: int = 50
    """A character is looked for in the cells of at most this many rows above its own
    (a merged cell's text may sit below the row the cell starts in): more than any form's
    merged cell spans, and the bound keeps a hostile grid from costing rows × characters."""
    max_path_segments: int = 50_000
    """A page with more path objects and segments than this is not searched for ruled
    tables: the densest report pages (a browser's print, every cell's four borders a
    rectangle of its own) have some 5,000, more is a drawing or a hostile file. Its text
    is still read, as lines, and a finding says so."""
    max_grid: int = 20_000
    """Nor is a page searched whose vertical rules times horizontal rules (after snapping
    and joining) exceed this, for the search grows with that product: a page of tables
    has a few thousand (three tables' 40 columns by 80 rows), a page ruled into a
    hundred thousand cells is a drawing or a hostile file."""
    max_chars: int = 20_000
    """Characters read on one page at most: an A4 page of 6 pt type holds about 5,000, so
    more is not a page of a report; the rest is left unread and a finding says so."""

    # Tables going on over page breaks.
    head_rows: int = 4
    """Header rows a table may repeat at the top of each page it runs on to (the request
    table's heading is three rows deep)."""
    column_tolerance: float = 1.0
    """The rest of a row cut by a page break belongs to the column above whose bounds hold
    it within this many points (the same column, typeset on two pages)."""

    # Lines into paragraphs.
    indent: float = 0.8
    """A line starting within this share of its type size of the left edge goes on the
    open paragraph; a first-line indent (two characters) starts a new one."""
    open_end: float = 1.5
    """A line ending within this many characters of the right edge runs to the margin, so
    its paragraph may go on: justified lines end at the edge, a line of Latin digits and
    spaces can end up to a character short."""
    right_edge_reach: float = 2.0
    """The right edge of the text is the median end of the lines ending within this many
    characters of the furthest: a hanging comma reaches a character past the margin."""
    full_block: float = 0.5
    """A page whose text block is at least this share of the page width is a page of
    prose, so a line running to its right edge really was wrapped."""
    size_step: float = 0.5
    """Type sizes are compared in steps of this many points: the body size is counted in
    them, and a display title is set at least one step larger than the body while its
    lines differ by less."""
    title_gap: float = 1.0
    """Lines of one display title are at most this many type sizes apart."""
    title_centre: float = 1.0
    """Lines of one display title are centred: each line's middle within this many type
    sizes of the text block's middle."""


DEFAULT = PdfSettings()
