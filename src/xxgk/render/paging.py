"""A rough page model of the DOCX rendering, to keep each statutory table on one page.

Word and LibreOffice split a table across pages wherever it falls, cutting the form's
merged row labels in two. Neither honours "keep with next" across a whole table
reliably, so the renderer estimates where the page ends — characters per line at the
body's fixed 28 pt pitch, rows of a table from the wrapped length of their cells —
and starts a table on a new page when it would not fit in what is left. Estimates err
on the tall side: an early break costs white space, a late one cuts the table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xxgk.render.grid import Grid, printed_lines
from xxgk.render.outline import text_width

LINE_FACTOR = 1.45
"""Height of a line of single-spaced CJK text, in ems (Noto CJK's ascent + descent)."""
ROW_PADDING = 1.0
"""Points added to every row for its borders (LibreOffice's rows measure about half a
point more than their lines)."""


def lines(text: str, width_pt: float, size_pt: float, indent_ems: float = 0) -> int:
    capacity = max(1.0, width_pt / size_pt)
    return max(1, math.ceil((text_width(text) + indent_ems) / capacity - 1e-9))


def table_height(
    grid: Grid,
    texts: dict[tuple[int, int], str],
    widths_pt: Sequence[float],
    size_pt: float,
    margin_pt: float,
) -> float:
    """Estimated height in points of ``grid`` drawn with column widths ``widths_pt``."""
    line = size_pt * LINE_FACTOR
    heights = [line + ROW_PADDING] * grid.n_rows
    spanning = []
    for c in grid.cells:
        width = sum(widths_pt[c.col : c.last_col + 1]) - 2 * margin_pt
        text = texts.get((c.row, c.col), c.text)
        need = sum(lines(part, width, size_pt) for part in printed_lines(c, text)) * line + ROW_PADDING
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], need)
        else:
            spanning.append((c, need))
    for c, need in spanning:
        have = sum(heights[c.row : c.last_row + 1])
        if need > have:
            heights[c.last_row] += need - have
    return sum(heights)


class Pager:
    """Where on the page the next block starts, in points from the top of the text."""

    def __init__(self, page_height_pt: float) -> None:
        self.page = page_height_pt
        self.y = 0.0

    def room(self) -> float:
        return self.page - self.y

    def add(self, height: float) -> None:
        self.y += height
        while self.y > self.page:
            self.y -= self.page

    def add_lines(self, count: int, pitch: float) -> None:
        """Lines at a fixed pitch: a line that does not fit whole goes to the next page."""
        for _ in range(count):
            if self.y + pitch > self.page + 0.01:
                self.y = 0.0
            self.y += pitch

    def new_page(self) -> None:
        self.y = 0.0
