"""The statutory tables and the findings of a report, laid out for a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from xxgk.report import AnnualReport, Finding, edition
from xxgk.report.form import S3_APPLICANT_HEADER, S3_LEGAL_PERSONS

SEVERITY_STYLE = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}


def fmt(value: float | int | None) -> Text:
    if value is None:
        return Text("", style="dim")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Text(f"{value:g}" if isinstance(value, float) else str(value))


def print_report_tables(console: Console, report: AnnualReport) -> None:
    title = (
        f"{report.agency or '（机关未识别）'} {report.year or '（年度未识别）'}年 政府信息公开工作年度报告"
    )
    console.print(Text(title, style="bold"))
    console.print(
        f"统计表格式：{report.edition or '未识别'}版"
        + (f"（{edition(report.edition).notice}）" if report.edition else "")
        + f"    发布日期：{report.published_on or '未注明'}"
    )
    if not report.edition:
        console.print("[red]未能识别统计表格式，无法显示表格。[/red]")
        return
    ed = edition(report.edition)
    console.print(s2_table(report, ed))
    console.print(s3_table(report, ed))
    console.print(s4_table(report, ed))


def s2_table(report: AnnualReport, ed) -> Table:
    table = Table(title="二、主动公开政府信息情况", show_header=False, show_lines=True, title_justify="left")
    width = max(len(r.columns) for r in ed.s2_rows)
    table.add_column("信息内容", style="bold")
    for _ in range(width):
        table.add_column(justify="right")
    for article, row_keys in ed.s2_headers:
        rows = [r for r in ed.s2_rows if r.key in row_keys]
        table.add_row(Text(article, style="bold magenta"), *[""] * width)
        headers = [Text(c.label, style="bold") for c in rows[0].columns]
        table.add_row("信息内容", *headers, *[""] * (width - len(headers)))
        for r in rows:
            values = [fmt(report.get(k)) for k in r.keys()]
            table.add_row(r.label, *values, *[""] * (width - len(values)))
    return table


def s3_table(report: AnnualReport, ed) -> Table:
    table = Table(title="三、收到和处理政府信息公开申请情况", show_lines=False, title_justify="left")
    table.add_column(S3_APPLICANT_HEADER, style="bold")
    for c in ed.s3_columns:
        header = c.label if c.key in ("natural", "total") else f"{S3_LEGAL_PERSONS}\n{c.label}"
        table.add_column(header, justify="right")
    group = None
    for r in ed.s3_rows:
        if r.group and r.group != group and r.group.startswith("（"):
            table.add_row(Text(r.group, style="bold magenta"), *[""] * len(ed.s3_columns))
        group = r.group
        label = ("    " if r.group and r.group.startswith("（") else "") + r.label
        table.add_row(label, *[fmt(report.get(f"s3.{r.key}.{c.key}")) for c in ed.s3_columns])
    return table


def s4_table(report: AnnualReport, ed) -> Table:
    table = Table(title="四、政府信息公开行政复议、行政诉讼情况", title_justify="left")
    table.add_column("")
    for c in ed.s4_columns:
        table.add_column(c.label, justify="right")
    for g in ed.s4_groups:
        label = f"{g.parent}：{g.label}" if g.parent else g.label
        table.add_row(label, *[fmt(report.get(f"s4.{g.key}.{c.key}")) for c in ed.s4_columns])
    return table


def print_findings(console: Console, source: str, report: AnnualReport, findings: list[Finding]) -> None:
    head = f"{report.agency or '—'} {report.year or ''}（{source}）"
    errors = sum(f.severity == "error" for f in findings)
    mark = "[bold red]✗[/bold red]" if errors else "[green]✓[/green]"
    console.print(f"{mark} [bold]{head}[/bold]：{len(findings)} 个问题，其中错误 {errors} 个")
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(findings, key=lambda f: order.get(f.severity, 3)):
        name, style = SEVERITY_STYLE.get(f.severity, (f.severity, ""))
        line = Text("  ")
        line.append(f"[{name}]", style=style)
        line.append(f" {f.message}")
        line.append(f"  ({f.rule})", style="dim")
        console.print(line)
