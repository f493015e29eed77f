"""DOCX → rows, read straight from ``word/document.xml`` with lxml.

Straight XML rather than python-docx because a report needs what python-docx does not
give in one pass: text boxes (``w:txbxContent``), merged cells (``w:gridSpan``,
``w:vMerge``, ``w:gridBefore``), content controls, automatic numbering of headings
(``一、``, ``（一）`` live in ``numbering.xml``, not in the text) and a walk that does not
recurse. A table that holds another table, or has one column, is layout (an office
suite typesetting HTML keeps the outer layout table): its content is read as paragraphs.

The archive is checked before anything is inflated: member sizes and ratios as
declared, then each read is capped, so a zip bomb is refused in milliseconds.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import lxml.etree

from xxgk.ingest import limits
from xxgk.ingest.document import Document, ReadError, Row
from xxgk.ingest.formats import reader
from xxgk.ingest.grid import drop_columns
from xxgk.ingest.html import clean
from xxgk.ingest.numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, TBL, TR, TC, TAB, BR, CR = (q(t) for t in ("p", "r", "t", "tbl", "tr", "tc", "tab", "br", "cr"))
TXBX = q("txbxContent")
FALLBACK = f"{{{MC}}}Fallback"
SKIP = frozenset(
    {
        q("delText"),
        q("instrText"),
        q("pPr"),
        q("rPr"),
        q("tblPr"),
        q("trPr"),
        q("tcPr"),
        q("sectPr"),
        FALLBACK,
        q("del"),
        q("commentReference"),
        q("footnoteReference"),
    }
)
BOMB = "文件解压后过大，疑似压缩炸弹，未读取"


def _member(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        with zf.open(info) as fh:
            data = fh.read(min(info.file_size, limits.MAX_INFLATED_BYTES) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # zipfile stops at the size the header declares: a member that inflates past
        # it (a bomb with a lying header) ends here with a bad CRC, as does a damaged one.
        raise ReadError(f"DOCX 文件已损坏（{name} 无法解压），无法读取") from exc
    if len(data) > limits.MAX_INFLATED_BYTES:
        raise ReadError(BOMB)
    return data


def open_package(data: bytes) -> zipfile.ZipFile:
    """The DOCX archive, refused when its members declare an inflated size past the caps."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("DOCX 文件已损坏（不是有效的压缩包），无法读取") from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.MAX_INFLATED_BYTES or (
            info.file_size > 10 * limits.MB and ratio > limits.MAX_COMPRESSION_RATIO
        ):
            raise ReadError(BOMB)
    return zf


def _xml(raw: bytes) -> lxml.etree._Element:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    root = lxml.etree.fromstring(raw, parser=parser)
    if root is None:
        raise ReadError("DOCX 文件中的正文无法解析")
    return root


def _val(el: lxml.etree._Element | None, default: str | None = None) -> str | None:
    return default if el is None else el.get(q("val"), default)


class _Reader:
    def __init__(self, doc: Document, numbering: Numbering) -> None:
        self.doc = doc
        self.numbering = numbering
        self.paragraphs = 0
        self.tables = 0

    def paragraph_text(self, p: lxml.etree._Element, boxes: list[lxml.etree._Element] | None) -> str:
        """Text of one paragraph; text boxes met inside are collected into ``boxes``."""
        parts: list[str] = [self.numbering.label(p)]
        stack = [p]
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag in SKIP or not isinstance(tag, str):
                continue
            if tag == T:
                parts.append(el.text or "")
            elif tag in (TAB, BR, CR):
                parts.append(" ")
            elif tag == TXBX:
                if boxes is not None:
                    boxes.append(el)
                else:
                    stack.extend(reversed(el))
            else:
                stack.extend(reversed(el))
        return "".join(parts)

    def emit_paragraph(self, p: lxml.etree._Element) -> None:
        boxes: list[lxml.etree._Element] = []
        text = clean(self.paragraph_text(p, boxes))
        if text:
            self.paragraphs += 1
            self.doc.rows.append(Row([text], f"第{self.paragraphs}段"))
        for box in boxes:
            self.walk(box)

    def cell_text(self, tc: lxml.etree._Element) -> str:
        own = (p for p in tc.iter(P) if not any(a.tag == TXBX for a in p.iterancestors()))
        return clean(" ".join(self.paragraph_text(p, None) for p in own))

    def emit_table(self, tbl: lxml.etree._Element) -> None:
        rows: list[tuple[list[str], frozenset[int]]] = []
        for tr in tbl.iterchildren(TR):
            pr = tr.find(q("trPr"))
            before = int(_val(pr.find(q("gridBefore")) if pr is not None else None, "0") or 0)
            cells = [""] * min(before, 1000)
            spans: set[int] = set()
            for tc in tr.iterchildren(TC):
                pr = tc.find(q("tcPr"))
                span = min(
                    max(int(_val(pr.find(q("gridSpan")) if pr is not None else None, "1") or 1), 1), 1000
                )
                merge = pr.find(q("vMerge")) if pr is not None else None
                continued = merge is not None and _val(merge, "continue") != "restart"
                if continued:
                    spans.update(range(len(cells), len(cells) + span))
                else:
                    spans.update(range(len(cells) + 1, len(cells) + span))
                cells += [self.cell_text(tc) if not continued else ""] + [""] * (span - 1)
            if any(cells):
                rows.append((cells, frozenset(spans)))
        if not rows:
            return
        width = max(len(r) for r, _ in rows)
        rows = [(r + [""] * (width - len(r)), s) for r, s in rows]
        used = [any(r[c] for r, _ in rows) for c in range(width)]
        self.tables += 1
        for n, (r, s) in enumerate(rows, start=1):
            cells, spans = drop_columns(r, s, used)
            self.doc.rows.append(Row(cells, f"第{self.tables}个表格第{n}行", structured=True, spans=spans))

    def walk(self, container: lxml.etree._Element) -> None:
        """Paragraphs and tables under ``container`` in order, layout tables opened up."""
        stack = list(reversed(container))
        while stack:
            el = stack.pop()
            if el.tag == P:
                self.emit_paragraph(el)
            elif el.tag == TBL:
                if _is_layout(el):
                    stack.extend(
                        reversed([c for tr in el.iterchildren(TR) for tc in tr.iterchildren(TC) for c in tc])
                    )
                else:
                    self.emit_table(el)
            elif isinstance(el.tag, str) and el.tag not in SKIP:
                stack.extend(reversed(el))


def _is_layout(tbl: lxml.etree._Element) -> bool:
    if next(tbl.iterdescendants(TBL), None) is not None:
        return True
    return all(len(tr.findall(TC)) < 2 for tr in tbl.iterchildren(TR))


@reader("docx")
def read_docx(data: bytes, source: str) -> Document:
    zf = open_package(data)
    with zf:
        body_xml = _member(zf, "word/document.xml")
        if body_xml is None:
            raise ReadError("DOCX 文件中没有正文（缺少 word/document.xml）")
        numbering_xml = _member(zf, "word/numbering.xml")
    root = _xml(body_xml)
    body = root.find(q("body"))
    doc = Document(source=source, format="docx")
    numbering = Numbering(_xml(numbering_xml) if numbering_xml else None, W)
    _Reader(doc, numbering).walk(body if body is not None else root)
    if not doc.rows:
        raise ReadError("DOCX 文件中没有可读的文字")
    return doc
