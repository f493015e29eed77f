"""The statutory tables and the findings of a report, laid out for a terminal.

The tables are laid out for the console's width (``COLUMNS`` or the terminal): labels
wrap within their column rather than being cut, numbers are never wrapped, and where
the form's column headers do not fit, short headers are printed with a legend beneath.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xxgk.render.grid import format_number
from xxgk.report import AnnualReport, Finding, edition
from xxgk.report.form import S3_APPLICANT_HEADER, S3_LEGAL_PERSONS, Edition
from xxgk.report.labels import cell_name

SEVERITY_STYLE = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}
FULL_HEADERS_FROM = 150
"""The console width from which table three prints its column headers in full."""
SHORT_HEADER = 2
"""Characters kept of a legal-person column's label as its short header."""
CELLS_LISTED = 6
"""Cells named under a finding before ``等 N 个``."""


def fmt(value: float | int | None) -> Text:
    if value is None:
        return Text("", style="dim")
    return Text(format_number(value))


def print_report_tables(console: Console, report: AnnualReport) -> None:
    year = f"{report.year}年" if report.year else "（年度未识别）"
    title = f"{report.agency or '（机关未识别）'} {year} 政府信息公开工作年度报告"
    console.print(Text(title, style="bold"))
    edition_text = f"{report.edition} 版（{edition(report.edition).notice}）" if report.edition else "未识别"
    console.print(
        Text(f"统计表格式：{edition_text}    发布日期：{report.published_on or '未注明'}"), soft_wrap=False
    )
    if not report.edition:
        console.print("[red]未能识别统计表格式，无法显示表格。[/red]")
        return
    ed = edition(report.edition)
    console.print(s2_table(report, ed))
    table, legend = s3_table(report, ed, console.width)
    console.print(table)
    if legend:
        console.print(Text(legend, style="dim"))
    console.print(s4_table(report, ed))


def _label_column(table: Table, header: str = "", **kw) -> None:
    table.add_column(header, overflow="fold", ratio=1, **kw)


def _value_column(table: Table, header: str) -> None:
    table.add_column(header, justify="right", no_wrap=False, overflow="fold", min_width=4)


def s2_table(report: AnnualReport, ed: Edition) -> Table:
    table = Table(
        title="二、主动公开政府信息情况", show_header=False, box=box.SIMPLE, title_justify="left", expand=True
    )
    width = max(len(r.columns) for r in ed.s2_rows)
    _label_column(table, style="bold")
    for _ in range(width):
        _value_column(table, "")
    for article, row_keys in ed.s2_headers:
        rows = [r for r in ed.s2_rows if r.key in row_keys]
        table.add_row(Text(article, style="bold magenta"), *[""] * width)
        headers = [Text(c.label, style="bold") for c in rows[0].columns]
        table.add_row("信息内容", *headers, *[""] * (width - len(headers)))
        for r in rows:
            values = [fmt(report.get(k)) for k in r.keys()]
            table.add_row(r.label, *values, *[""] * (width - len(values)))
    return table


def s3_table(report: AnnualReport, ed: Edition, width: int) -> tuple[Table, str]:
    """Table three, and the legend of its short column headers (empty when printed in full)."""
    full = width >= FULL_HEADERS_FROM
    table = Table(
        title="三、收到和处理政府信息公开申请情况", box=box.SIMPLE_HEAD, title_justify="left", expand=True
    )
    _label_column(table, S3_APPLICANT_HEADER, style="bold")
    legend: list[str] = []
    for c in ed.s3_columns:
        if c.key in ("natural", "total"):
            header = c.label
        elif full:
            header = f"{S3_LEGAL_PERSONS}\n{c.label}"
        else:
            header = c.label[:SHORT_HEADER]
            if header != c.label:
                legend.append(f"{header}＝{c.label}")
        _value_column(table, header)
    group = None
    for r in ed.s3_rows:
        if r.group and r.group != group and r.group.startswith("（"):
            table.add_row(Text(r.group, style="bold magenta"), *[""] * len(ed.s3_columns))
        group = r.group
        label = ("  " if r.group and r.group.startswith("（") else "") + r.label
        table.add_row(label, *[fmt(report.get(f"s3.{r.key}.{c.key}")) for c in ed.s3_columns])
    text = f"表头简称（均属“{S3_LEGAL_PERSONS}”）：" + "；".join(legend) if legend else ""
    return table, text


def s4_table(report: AnnualReport, ed: Edition) -> Table:
    table = Table(
        title="四、政府信息公开行政复议、行政诉讼情况", box=box.SIMPLE_HEAD, title_justify="left", expand=True
    )
    _label_column(table)
    for c in ed.s4_columns:
        _value_column(table, c.label)
    for g in ed.s4_groups:
        label = f"{g.parent}：{g.label}" if g.parent else g.label
        table.add_row(label, *[fmt(report.get(f"s4.{g.key}.{c.key}")) for c in ed.s4_columns])
    return table


def where(report: AnnualReport, f: Finding) -> str | None:
    """Where in the document a finding is: its own place, else where its first located cell was read."""
    if f.where:
        return f.where
    for key in f.cells:
        p = report.provenance.get(key)
        if p is not None and p.where:
            return p.where
    return None


def cell_list(report: AnnualReport, f: Finding) -> str:
    """The cells of a finding by their printed table, row and column labels, ``；``-separated;
    empty when the message already names them."""
    if not f.cells or not report.edition or "”·“" in f.message:
        return ""
    names = [cell_name(report.edition, k) for k in f.cells[:CELLS_LISTED]]
    tables = {n.table for n in names}
    shown = [f"“{n.row_label}”行“{n.column_label}”列" if len(tables) == 1 else n.full for n in names]
    head = f"“{names[0].table}”表" if len(tables) == 1 and names[0].table else ""
    more = f"等 {len(f.cells)} 个单元格" if len(f.cells) > CELLS_LISTED else ""
    return head + "；".join(shown) + more


def print_findings(console: Console, source: str, report: AnnualReport, findings: list[Finding]) -> None:
    head = f"{report.agency or '—'} {report.year or ''}（{source}）"
    errors = sum(f.severity == "error" for f in findings)
    mark = Text("✗ ", style="bold red") if errors else Text("✓ ", style="green")
    console.print(mark + Text(f"{head}：{len(findings)} 个问题，其中错误 {errors} 个", style="bold"))
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(findings, key=lambda f: order.get(f.severity, 3)):
        name, style = SEVERITY_STYLE.get(f.severity, (f.severity, ""))
        line = Text("  ")
        line.append(f"[{name}]", style=style)
        line.append(f" {f.message}")
        line.append(f"  ({f.rule})", style="dim")
        console.print(line)
        place = where(report, f)
        if place:
            console.print(Text(f"      位置：{place}", style="dim"))
        cells = cell_list(report, f)
        if cells:
            console.print(Text(f"      单元格：{cells}", style="dim"))
