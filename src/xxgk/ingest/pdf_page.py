"""A PDF page's characters and ruling lines, read with PDFium (``pypdfium2``).

PDFium parses a page in C: the characters with their boxes and type sizes come from its
text page, the rules from the page's path objects (lines, rectangles, the straight sides
of other paths, inside form XObjects too). Coordinates are turned top-down, in points
from the page box's top-left corner, as the reader measures everything.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import pypdfium2  # noqa: F401  (initialises PDFium)
import pypdfium2.raw as pdfium_c

from xxgk.ingest.document import ReadError
from xxgk.ingest.pdf_settings import PdfSettings

A4 = (595.28, 841.89)
"""Width and height of an A4 page in points."""
FORM_DEPTH = 8
"""Form XObjects nested deeper than this are not entered (a form drawing itself)."""


class Char(NamedTuple):
    """One printed character: its box (top-down points) and its type size in points."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Rule(NamedTuple):
    """A horizontal (``top == bottom``) or vertical (``x0 == x1``) ruling line."""

    x0: float
    top: float
    x1: float
    bottom: float


class Layout(NamedTuple):
    """What the reader needs of one page."""

    width: float
    height: float
    chars: list[Char]
    vertical: list[Rule]
    horizontal: list[Rule]
    images: int
    notes: tuple[str, ...] = ()
    """What was left unread on this page, in Chinese, for a finding."""


OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "PDF 文件已加密，需要密码才能读取",
    pdfium_c.FPDF_ERR_SECURITY: "PDF 文件使用了不支持的加密方式，无法读取",
}


class PdfFile(NamedTuple):
    """An open document: PDFium's handle and its number of pages."""

    handle: ctypes.c_void_p
    pages: int


@contextmanager
def opened(data: bytes) -> Iterator[PdfFile]:
    """The document in ``data``, open while the block runs; :class:`ReadError` saying in
    Chinese why it cannot be opened. (A file protected by an owner password only, which
    anyone may open but not copy from, opens as any other.)"""
    handle = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not handle:
        raise ReadError(OPEN_ERRORS.get(pdfium_c.FPDF_GetLastError(), "PDF 文件已损坏，无法读取"))
    try:
        pages = pdfium_c.FPDF_GetPageCount(handle)
        if pages < 1:
            raise ReadError("PDF 文件中没有任何页面")
        yield PdfFile(handle, pages)
    finally:
        pdfium_c.FPDF_CloseDocument(handle)


def read_layout(pdf: PdfFile, index: int, settings: PdfSettings) -> Layout:
    """The characters and rules of page ``index`` (from 0); :class:`ReadError` if PDFium
    cannot load the page."""
    page = pdfium_c.FPDF_LoadPage(pdf.handle, index)
    if not page:
        raise ReadError(f"第{index + 1}页无法解析，可能已损坏")
    try:
        box = _page_box(page)
        origin = (box.left, box.top)
        chars, count = _page_chars(page, origin, settings.max_chars)
        rules, images, complete = _rules(page, origin, settings)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    return Layout(
        width=box.right - box.left,
        height=box.top - box.bottom,
        chars=chars,
        vertical=[r for r in rules if r.x0 == r.x1],
        horizontal=[r for r in rules if r.top == r.bottom],
        images=images,
        notes=_notes(index + 1, count > settings.max_chars, complete, settings),
    )


def _notes(number: int, cut: bool, complete: bool, s: PdfSettings) -> tuple[str, ...]:
    """What was left unread on page ``number``."""
    notes = []
    if cut:
        notes.append(f"第{number}页的字符超过 {s.max_chars} 个的上限，超出的部分未读取")
    if not complete:
        notes.append(f"第{number}页的线条超过 {s.max_path_segments} 段，未识别其中的表格，文字按行读取")
    return tuple(notes)


def _page_chars(page: ctypes.c_void_p, origin: tuple[float, float], most: int) -> tuple[list[Char], int]:
    """The page's characters (the first ``most`` of them), and how many it has."""
    textpage = pdfium_c.FPDFText_LoadPage(page)
    if not textpage:
        return [], 0
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        return _chars(textpage, min(count, most), origin), count
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)


def _page_box(page: ctypes.c_void_p) -> pdfium_c.FS_RECTF:
    """The visible box of the page (crop box within media box), in PDF coordinates; an
    A4 page when the file gives none that is finite."""
    box = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDF_GetPageBoundingBox(page, box) or not all(
        math.isfinite(v) for v in (box.left, box.top, box.right, box.bottom)
    ):
        box.left, box.bottom, box.right, box.top = 0.0, 0.0, *A4
    return box


def _code_units(textpage: ctypes.c_void_p, count: int) -> list[int]:
    """The UTF-16 code unit of each of the first ``count`` characters of a text page, in
    one call (PDFium gives a character beyond the BMP as two, its surrogates)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    if written - 1 == count:
        return buffer[:count]
    return [pdfium_c.FPDFText_GetUnicode(textpage, k) & 0xFFFF for k in range(count)]


def _characters(units: list[int]) -> Iterator[tuple[int, str]]:
    """Each character with the index of its (first) code unit, surrogate pairs joined; a
    lone surrogate is the replacement character."""
    k = 0
    while k < len(units):
        unit = units[k]
        if 0xD800 <= unit < 0xDC00 and k + 1 < len(units) and 0xDC00 <= units[k + 1] < 0xE000:
            yield k, chr(0x10000 + ((unit - 0xD800) << 10) + units[k + 1] - 0xDC00)
            k += 2
            continue
        yield k, "\ufffd" if 0xD800 <= unit < 0xE000 else chr(unit)
        k += 1


def _chars(textpage: ctypes.c_void_p, count: int, origin: tuple[float, float]) -> list[Char]:
    """The upright printed characters of a text page (rotated text, such as a stamp or a
    vertical note in the margin, is not part of the report's reading order).

    The box runs from the baseline up by the type size, across the character's advance;
    the size is the font size scaled by the text's matrix. The spaces and line breaks
    that PDFium infers between words and lines are not printed text, nor are control
    characters (a glyph without a Unicode mapping)."""
    if count <= 0:
        return []
    left, top = origin
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    out: list[Char] = []
    for k, ch in _characters(_code_units(textpage, count)):
        if ch < " " or (ch == " " and pdfium_c.FPDFText_IsGenerated(textpage, k)):
            continue
        pdfium_c.FPDFText_GetMatrix(textpage, k, matrix)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        if a * d <= 0 or b * c > 0:
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, k, rect)
        size = pdfium_c.FPDFText_GetFontSize(textpage, k) * math.hypot(c, d)
        baseline = top - matrix.f
        if math.isfinite(size + baseline + rect.left + rect.right):
            out.append(Char(ch, rect.left - left, rect.right - left, baseline - size, baseline, size))
    return out


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _objects(page: ctypes.c_void_p) -> Iterator[tuple[ctypes.c_void_p, int, Matrix]]:
    """Every page object with its type and the matrix from its form to the page, forms
    entered (to ``FORM_DEPTH``) instead of given."""
    stack: list[tuple[ctypes.c_void_p | None, int, Matrix]] = [(None, 0, IDENTITY)]
    while stack:
        form, depth, to_page = stack.pop()
        count = (
            pdfium_c.FPDFPage_CountObjects(page) if form is None else pdfium_c.FPDFFormObj_CountObjects(form)
        )
        for i in range(max(count, 0)):
            obj = (
                pdfium_c.FPDFPage_GetObject(page, i)
                if form is None
                else pdfium_c.FPDFFormObj_GetObject(form, i)
            )
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth < FORM_DEPTH:
                    stack.append((obj, depth + 1, _compose(_matrix(obj), to_page)))
                continue
            yield obj, kind, to_page


def _rules(
    page: ctypes.c_void_p, origin: tuple[float, float], s: PdfSettings
) -> tuple[list[Rule], int, bool]:
    """The page's ruling lines, its count of images, and whether every object was read
    (``False`` past ``max_path_segments`` objects and path segments)."""
    rules: list[Rule] = []
    images = seen = 0
    for obj, kind, to_page in _objects(page):
        seen += 1
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and _painted(obj):
            count = pdfium_c.FPDFPath_CountSegments(obj)
            seen += max(count, 0)
            if seen > s.max_path_segments:
                return [], images, False
            matrix = _compose(_matrix(obj), to_page)
            rules += _path_rules(obj, count, matrix, origin, s.rule_slant)
    return rules, images, True


def _painted(path: ctypes.c_void_p) -> bool:
    """Whether the path is stroked or filled (a clipping path draws nothing)."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, fill, stroke):
        return False
    return fill.value != pdfium_c.FPDF_FILLMODE_NONE or bool(stroke.value)


def _path_rules(
    path: ctypes.c_void_p, count: int, matrix: Matrix, origin: tuple[float, float], slant: float
) -> list[Rule]:
    """The horizontal and vertical straight segments of a path (a rectangle's four sides,
    a line, the sides of a closed outline), in top-down page points."""
    a, b, c, d, e, f = matrix
    left, top = origin
    x = ctypes.c_float()
    y = ctypes.c_float()
    rules: list[Rule] = []
    start = here = None
    for i in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (x.value * a + y.value * c + e - left, top - (x.value * b + y.value * d + f))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and here is not None:
            rules += _segment_rule(here, point, slant)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        here = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            rules += _segment_rule(here, start, slant)
            here = start
    return rules


def _segment_rule(p: tuple[float, float], q: tuple[float, float], slant: float) -> list[Rule]:
    (x0, y0), (x1, y1) = p, q
    if not math.isfinite(x0 + y0 + x1 + y1):
        return []
    if abs(y1 - y0) <= slant and abs(x1 - x0) > slant:
        y = (y0 + y1) / 2
        return [Rule(min(x0, x1), y, max(x0, x1), y)]
    if abs(x1 - x0) <= slant and abs(y1 - y0) > slant:
        x = (x0 + x1) / 2
        return [Rule(x, min(y0, y1), x, max(y0, y1))]
    return []
