"""Writing annual reports out: the official document (DOCX, HTML, PDF, plain text,
Markdown) or data (JSON, XLSX, CSV), one module per format.

:func:`render` and :func:`render_many` are the one way in, for the command line and the
web system alike; :data:`FORMATS` says what each format is. Every format here is read
back by :func:`xxgk.ingest.load` to the same cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xxgk.report.model import AnnualReport


class RenderError(Exception):
    """A rendering that cannot be made. The message is for a person, in Chinese."""


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    description: str
    binary: bool
    many: bool
    """Whether many reports make one output (a dataset, JSON Lines)."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("docx", ".docx", "Word 文档（国务院统一格式）", binary=True, many=False),
        Format("pdf", ".pdf", "PDF 文档（由 LibreOffice 从 Word 文档转换）", binary=True, many=False),
        Format("html", ".html", "网页", binary=False, many=False),
        Format("txt", ".txt", "纯文本（表格以制表符分列）", binary=False, many=False),
        Format("md", ".md", "Markdown", binary=False, many=False),
        Format("json", ".json", "JSON（多份报告时为 JSON Lines，每行一份）", binary=False, many=True),
        Format("xlsx", ".xlsx", "Excel 工作簿（一份报告时另有三张统计表）", binary=True, many=True),
        Format("csv", ".csv", "CSV 数据集（UTF-8 带 BOM，每份报告一行）", binary=False, many=True),
    )
}
ALIASES = {"markdown": "md", "htm": "html", "text": "txt", "jsonl": "json", "ndjson": "json", "word": "docx"}


def format_named(name: str) -> Format | None:
    """The format called ``name`` (case, a leading dot and the usual aliases allowed)."""
    key = name.strip().lower().lstrip(".")
    return FORMATS.get(ALIASES.get(key, key))


def format_of_path(path: str) -> Format | None:
    """The format a file name's suffix announces, if any."""
    dot = path.rfind(".")
    return format_named(path[dot:]) if dot > path.rfind("/") else None


def render(report: AnnualReport, fmt: str) -> bytes:
    """``report`` in the format named ``fmt``, as bytes (UTF-8 for text formats).

    Raises :class:`RenderError` when the format needs a program that is missing."""
    return render_many([report], fmt)


def render_many(reports: Sequence[AnnualReport], fmt: str) -> bytes:
    """``reports`` as one output; a format that is not :attr:`Format.many` takes exactly one."""
    f = format_named(fmt)
    if f is None:
        raise ValueError(f"不支持的输出格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if not reports:
        raise ValueError("没有要输出的报告")
    if len(reports) > 1 and not f.many:
        raise ValueError(f"{f.name} 格式一次只能生成一份报告，却给出了 {len(reports)} 份")
    out = _WRITERS[f.name](reports)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def _docx(reports: Sequence[AnnualReport]) -> bytes:
    from xxgk.render.docx import render_docx

    return render_docx(reports[0])


def _pdf(reports: Sequence[AnnualReport]) -> bytes:
    from xxgk.render.pdf import render_pdf

    return render_pdf(reports[0])


def _html(reports: Sequence[AnnualReport]) -> str:
    from xxgk.render.html import render_html

    return render_html(reports[0])


def _txt(reports: Sequence[AnnualReport]) -> str:
    from xxgk.render.plaintext import render_text

    return render_text(reports[0], "tsv", quirks=False)


def _md(reports: Sequence[AnnualReport]) -> str:
    from xxgk.render.markdown import render_markdown

    return render_markdown(reports[0])


def _json(reports: Sequence[AnnualReport]) -> str:
    from xxgk.render.json import render_json

    if len(reports) == 1:
        return render_json(reports[0])
    return "".join(render_json(r, indent=None) for r in reports)


def _xlsx(reports: Sequence[AnnualReport]) -> bytes:
    from xxgk.render.xlsx import render_xlsx

    return render_xlsx(reports)


def _csv(reports: Sequence[AnnualReport]) -> str:
    from xxgk.render.csv import render_csv

    return render_csv(reports)


_WRITERS: dict[str, Callable[[Sequence[AnnualReport]], bytes | str]] = {
    "docx": _docx,
    "pdf": _pdf,
    "html": _html,
    "txt": _txt,
    "md": _md,
    "json": _json,
    "xlsx": _xlsx,
    "csv": _csv,
}
