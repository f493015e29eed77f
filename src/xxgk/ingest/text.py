"""The plain-text reader: bytes → :class:`Document`, one row per line.

A line is split into cells at tabs, or at ``|`` when it is a markdown table row
(markdown separator rows ``|---|---|`` are dropped; a markdown heading loses its ``#``).
Plain-text rows are untrustworthy (one cell per line, stray empty cells), so only lines
that really had separators are marked ``structured``.
"""

from __future__ import annotations

import re

from xxgk.ingest.document import Document, ReadError, Row
from xxgk.ingest.formats import reader
from xxgk.ingest.limits import check_size

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_RULE = re.compile(r"^[\s\-—=_|+\t]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("文件声明为 UTF-16 编码，但内容无法按该编码解读") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(
            "无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030），可能不是文本文件"
        ) from None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad > max(8, len(sample) // 50)


def split_line(line: str) -> tuple[list[str], bool]:
    """A line's cells and whether it carried separators (tabs or markdown pipes)."""
    if "|" in line:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            return [c.strip() for c in stripped[1:-1].split("|")], True
    if "\t" in line:
        return [c.strip() for c in line.split("\t")], True
    return [line.strip()], False


def rows_from_text(text: str) -> list[Row]:
    """A row per line that holds something (a lone tab is a blank cell: it holds a place)."""
    rows: list[Row] = []
    append = rows.append
    for n, line in enumerate(text.splitlines(), start=1):
        if "-" in line and (_MD_SEPARATOR.match(line) or (line.strip() and _RULE.match(line))):
            continue
        if "\t" in line or "|" in line:
            cells, structured = split_line(line)
            append(Row(cells, f"第{n}行", structured))
        else:
            text = line.strip()
            if not text:
                continue
            if text.startswith("#"):
                text = _MD_HEADING.sub("", text)
            append(Row([text], f"第{n}行", False))
    return rows


@reader("text")
def read_text(data: bytes, source: str) -> Document:
    if not data.strip():
        raise ReadError("文件是空的，没有可读取的内容")
    check_size(data, "text")
    text = decode(data)
    if _looks_binary(text):
        raise ReadError("文件内容不是文字（像是二进制数据），无法作为年度报告读取")
    return Document(source=source, format="text", rows=rows_from_text(text))
