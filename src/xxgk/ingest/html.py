"""HTML → rows: the report's own tables as structured rows, the prose around them as paragraphs.

Reports are published inside portal pages (menus, footers, scripts), often as Word
"Save as HTML" markup, sometimes with the whole report inside an outer layout table
(dev ``d02``). A table that holds another table, or has a single column, is layout:
its content is read as flowing text. Every other table is data: its cells are
expanded into a grid (:mod:`xxgk.ingest.grid`).

Text inside a cell is joined as a browser shows it: inline pieces (``<span>1.</span>
<span>属于国家秘密</span>``) run together, separate blocks (two ``<p>`` in one cell:
``（三）不予`` / ``公开``) are joined by one space — as the dev ``-tsv.txt`` variants
print them.

The tree is walked with an explicit stack, never by recursion; libxml2 itself stops
nesting at depth 256, so a page nested ten thousand deep gives a bounded result.
"""

from __future__ import annotations

import codecs
import re

import lxml.etree
import lxml.html

from xxgk.check.rules import severity
from xxgk.ingest.document import Document, ReadError, Row
from xxgk.ingest.formats import reader
from xxgk.ingest.grid import Cell, drop_columns, expand_spans
from xxgk.report.model import Finding

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "select",
        "option",
        "button",
        "nav",
        "head",
        "object",
        "embed",
        "svg",
        "math",
        "input",
        "textarea",
        "map",
        "area",
        "canvas",
        "audio",
        "video",
    ]
)
CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|submenu|footer|foot|breadcrumbs?|crumbs?|sidebar|topbar|copyright|"
    r"share|toolbar|skip)(?:$|[\s_-])",
    re.IGNORECASE,
)
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SPACES = re.compile(r"[ \t\n\r\f\v\xa0\u200b\ufeff]+")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
LIBXML_MAX_DEPTH = 255

WIDER_ENCODINGS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
}


def _known(name: str | bytes | None) -> str | None:
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    label = label.strip().lower()
    label = WIDER_ENCODINGS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> str:
    """The text of an HTML page: BOM, then the server's charset, then ``<meta>``, then
    strict UTF-8, then GB18030 (which covers GB2312 and GBK)."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    head = data[:4096]
    candidates: list[str] = []
    for name in (
        declared,
        *(m.group(1) for m in (META_CHARSET.search(head), XML_ENCODING.search(head)) if m),
    ):
        enc = _known(name)
        if enc and enc not in candidates:
            candidates.append(enc)
    candidates += [e for e in ("utf-8", "gb18030") if e not in candidates]
    for enc in candidates:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace")


def clean(text: str) -> str:
    return SPACES.sub(" ", text).strip(" \u3000")


def _is_chrome(el: lxml.etree._Element) -> bool:
    if el.tag in SKIPPED_TAGS:
        return True
    marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
    if marks.strip() and CHROME.search(marks):
        return True
    style = el.get("style")
    return bool(style and HIDDEN.search(style)) or el.get("hidden") is not None


def cell_text(cell: lxml.etree._Element) -> str:
    """All the text of ``cell``: inline pieces joined as they are, blocks joined by a space."""
    parts: list[str] = []
    stack: list[tuple[lxml.etree._Element, bool]] = [(cell, False)]
    while stack:
        el, leaving = stack.pop()
        if leaving:
            if el.tag in BLOCK_TAGS or el.tag == "br":
                parts.append(" ")
            if el is not cell and el.tail:
                parts.append(el.tail)
            continue
        if not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            continue
        if el is not cell and _is_chrome(el):
            if el.tail:
                parts.append(el.tail)
            continue
        if el.tag in BLOCK_TAGS:
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return clean("".join(parts))


def _table_cells(table: lxml.etree._Element) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for tr in table.iter("tr"):
        if _owner_table(tr) is not table:
            continue
        cells = []
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            cells.append(Cell(cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan"))))
        rows.append(cells)
    return rows


def _owner_table(el: lxml.etree._Element) -> lxml.etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    """A rowspan or colspan: its first digits, so that ``\\"3\\"`` (a page kept as a
    string inside a script, its quotes escaped) still spans three."""
    if not value:
        return 1
    digits = re.search(r"\d+", value)
    return int(digits.group()) if digits else 1


def _is_data_table(table: lxml.etree._Element) -> bool:
    if next(table.iterdescendants("table"), None) is not None:
        return False
    return any(sum(1 for td in tr if td.tag in ("td", "th")) >= 2 for tr in table.iter("tr"))


def _grid_rows(table: lxml.etree._Element) -> list[tuple[list[str], frozenset[int]]]:
    grid = [(texts, spans) for texts, spans in expand_spans(_table_cells(table)) if any(texts)]
    if not grid:
        return []
    used = [any(texts[c] for texts, _ in grid) for c in range(len(grid[0][0]))]
    return [drop_columns(texts, spans, used) for texts, spans in grid]


class _Flow:
    """Paragraph rows accumulated from text outside data tables."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parts: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        text = clean("".join(self.parts))
        self.parts.clear()
        if text:
            self.paragraphs += 1
            self.doc.rows.append(Row([text], f"第{self.paragraphs}段"))

    def table(self, table: lxml.etree._Element) -> None:
        self.flush()
        self.tables += 1
        for r, (cells, spans) in enumerate(_grid_rows(table), start=1):
            self.doc.rows.append(Row(cells, f"第{self.tables}个表格第{r}行", structured=True, spans=spans))


def _walk(body: lxml.etree._Element, flow: _Flow) -> int:
    """Emit rows for everything under ``body`` in document order; returns the deepest level seen."""
    deepest = 0
    stack: list[tuple[lxml.etree._Element, bool, int]] = [(body, False, 0)]
    while stack:
        el, leaving, depth = stack.pop()
        if leaving:
            if el.tag in BLOCK_TAGS or el.tag == "br":
                flow.flush()
            flow.add(el.tail)
            continue
        deepest = max(deepest, depth)
        if not isinstance(el.tag, str) or _is_chrome(el):
            flow.add(el.tail)
            continue
        if el.tag == "table" and _is_data_table(el):
            flow.table(el)
            flow.add(el.tail)
            continue
        if el.tag in BLOCK_TAGS or el.tag == "br":
            flow.flush()
        flow.add(el.text)
        stack.append((el, True, depth))
        stack.extend((child, False, depth + 1) for child in reversed(el))
    flow.flush()
    return deepest


def read_html_text(text: str, source: str, fmt: str = "html") -> Document:
    """Rows of an already decoded HTML page."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError("HTML 页面为空或无法解析") from exc
    doc = Document(source=source, format=fmt)
    body = root.find("body")
    deepest = _walk(body if body is not None else root, _Flow(doc))
    too_deep = f"HTML 标签嵌套超过 {LIBXML_MAX_DEPTH} 层，更深处的内容未读取"
    if deepest >= LIBXML_MAX_DEPTH - 3:
        doc.findings.append(
            Finding(rule="read-truncated", severity=severity("read-truncated"), message=too_deep)
        )
    if not doc.rows:
        raise ReadError(too_deep if deepest >= LIBXML_MAX_DEPTH - 3 else "HTML 页面中没有可读的文字")
    return doc


@reader("html")
def read_html(data: bytes, source: str, encoding: str | None = None) -> Document:
    """Rows of an HTML page; ``encoding`` is the charset a web server declared, if any."""
    return read_html_text(decode(data, encoding), source)
