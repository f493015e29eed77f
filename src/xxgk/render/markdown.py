"""The report as Markdown: the six sections with their text, the tables flattened.

Markdown tables cannot merge cells, so each statutory table is printed with one column
per value column; table 三 keeps the form's three label columns (``三、本年度办理结果``,
``（三）不予公开``, ``1.属于国家秘密``), each group named on its first row as where the
form merges it, so that ``xxgk parse`` reads every row back; section 四 is turned so
that its three groups are rows and its five results columns.
"""

from __future__ import annotations

from xxgk.render.grid import value_text
from xxgk.render.outline import date_text, preamble, sections, title
from xxgk.report.form import G_RESULTS, S3_LEGAL_PERSONS, Edition
from xxgk.report.form import edition as get_edition
from xxgk.report.model import AnnualReport

LABEL_JOIN = " › "


def render_markdown(report: AnnualReport) -> str:
    ed = get_edition(report.edition) if report.edition else None
    out = [f"# {_cell(title(report))}", ""]
    meta = []
    if ed is not None:
        meta.append(f"统计表格式：{ed.name}版（{ed.notice}）")
    if report.published_on:
        meta.append(f"发布日期：{date_text(report)}")
    if meta:
        out += ["　".join(meta), ""]
    for p in preamble(report):
        out += [p.text, ""]
    for block in sections(report):
        out += [f"## {block.heading}", ""]
        for p in block.paragraphs:
            out += [f"**{p.text}**" if p.kind == "subheading" else p.text, ""]
        if block.table is not None and ed is not None:
            out += {"proactive": _s2, "requests": _s3, "reviews": _s4}[block.key](report, ed)
            out.append("")
    closing = [x for x in (report.agency, date_text(report)) if x]
    if closing:
        out += [*[f"{x}  " for x in closing], ""]
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |"]
    lines.append("|" + "|".join([" --- "] + [" ---: "] * (len(head) - 1)) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return lines


def _s2(report: AnnualReport, ed: Edition) -> list[str]:
    out: list[str] = []
    for article, row_keys in ed.s2_headers:
        rows = [r for r in ed.s2_rows if r.key in row_keys]
        out += [f"**{article}**", ""]
        head = ["信息内容", *[c.label for c in rows[0].columns]]
        out += _table(head, [[r.label, *[value_text(report, k) for k in r.keys()]] for r in rows])
        out.append("")
    return out[:-1]


def _s3(report: AnnualReport, ed: Edition) -> list[str]:
    head = ["本列数据的勾稽关系：第一项加第二项之和，等于第三项加第四项之和", "", ""]
    head += [
        c.label if c.key in ("natural", "total") else f"{S3_LEGAL_PERSONS}：{c.label}" for c in ed.s3_columns
    ]
    rows = []
    named: set[str] = set()

    def first(group: str) -> str:
        """A group's name on its first row only, as the form merges it over its rows."""
        if group in named:
            return ""
        named.add(group)
        return group

    for r in ed.s3_rows:
        if r.group == G_RESULTS:
            labels = [first(G_RESULTS), r.label, ""]
        elif r.group:
            labels = [first(G_RESULTS), first(r.group), r.label]
        else:
            labels = [r.label, "", ""]
        rows.append([*labels, *[value_text(report, f"s3.{r.key}.{c.key}") for c in ed.s3_columns]])
    return _table(head, rows)


def _s4(report: AnnualReport, ed: Edition) -> list[str]:
    head = ["", *[c.label for c in ed.s4_columns]]
    rows = []
    for g in ed.s4_groups:
        label = LABEL_JOIN.join([g.parent, g.label]) if g.parent else g.label
        rows.append([label, *[value_text(report, f"s4.{g.key}.{c.key}") for c in ed.s4_columns]])
    return _table(head, rows)
