"""A suggested draft of the narrative sections, written from the computed numbers.

The clerk edits it; the numbers in it are worded so that the checker's reading of the prose
(:mod:`xxgk.check.narrative`) finds exactly the table's numbers. Row and column names come from
the form; sentences the statute does not dictate are marked for the clerk to complete.
"""

from __future__ import annotations

from decimal import Decimal

from xxgk.report.form import APPLICANT_COLUMNS, S3Row
from xxgk.report.form import edition as get_edition
from xxgk.report.labels import bare
from xxgk.report.model import AnnualReport

TO_COMPLETE = "（请结合本年度工作实际补充。）"


def _n(report: AnnualReport, key: str) -> int:
    v = report.cells.get(key)
    return int(v or 0)


def draft(
    report: AnnualReport, *, fees_paid: Decimal = Decimal(0), notes: tuple[str, ...] = ()
) -> dict[str, str]:
    """The six sections keyed as :data:`xxgk.report.SECTION_KEYS`."""
    return {
        "overview": _overview(report),
        "proactive": _proactive(report),
        "requests": _requests(report),
        "reviews": _reviews(report),
        "problems": "本年度政府信息公开工作存在的主要问题及改进情况：" + TO_COMPLETE,
        "other": _other(report, fees_paid, notes),
    }


def _overview(report: AnnualReport) -> str:
    who = report.agency or "本机关"
    return (
        f"{report.year}年，{who}按照《中华人民共和国政府信息公开条例》的要求做好政府信息公开工作。"
        f"全年新收政府信息公开申请{_n(report, 's3.received.total')}件，"
        f"办结{_n(report, 's3.total.total')}件，"
        f"结转下年度继续办理{_n(report, 's3.carried_forward.total')}件。{TO_COMPLETE}"
    )


def _proactive(report: AnnualReport) -> str:
    ed = get_edition(report.edition or "2021")
    parts = []
    for row in ed.s2_rows:
        if row.key not in ("rules", "normative"):
            continue
        cols = "，".join(
            f"{bare(c.label).removesuffix('件数')}{_n(report, f's2.{row.key}.{c.key}')}件"
            for c in row.columns
        )
        parts.append(f"{row.label}：{cols}")
    decisions = [
        f"{row.label}处理决定{_n(report, f's2.{row.key}.decisions')}件"
        for row in ed.s2_rows
        if any(c.key == "decisions" for c in row.columns)
    ]
    return "；".join(parts) + "。" + "，".join(decisions) + "。" + TO_COMPLETE


def _requests(report: AnnualReport) -> str:
    ed = get_edition(report.edition or "2021")
    received, carried = _n(report, "s3.received.total"), _n(report, "s3.carried_over.total")
    by_applicant = "、".join(
        f"{c.label}{n}件" for c in APPLICANT_COLUMNS if (n := _n(report, f"s3.received.{c.key}"))
    )
    outcomes = "、".join(
        f"{_row_name(r)}{n}件" for r in ed.s3_outcome_rows if (n := _n(report, f"s3.{r.key}.total"))
    )
    text = f"本年度新收政府信息公开申请{received}件，上年结转政府信息公开申请{carried}件。"
    if by_applicant:
        text += f"新收申请中，其中{by_applicant}。"
    text += f"本年度办结申请{_n(report, 's3.total.total')}件"
    text += f"（{outcomes}）。" if outcomes else "。"
    text += f"结转下年度继续办理{_n(report, 's3.carried_forward.total')}件申请。"
    return text


def _row_name(row: S3Row) -> str:
    """``不予公开·属于国家秘密``: a sub-row named with its group."""
    if row.group and "." in row.key:
        return f"{bare(row.group)}·{bare(row.label)}"
    return bare(row.label)


def _reviews(report: AnnualReport) -> str:
    review = _n(report, "s4.review.total")
    suits = _n(report, "s4.suit_direct.total") + _n(report, "s4.suit_after_review.total")
    if review == 0 and suits == 0:
        return "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼。"
    return (
        f"本年度因政府信息公开工作引起行政复议{review}件，"
        f"其中结果纠正{_n(report, 's4.review.corrected')}件、尚未审结{_n(report, 's4.review.pending')}件；"
        f"政府信息公开行政诉讼{suits}件，"
        f"其中结果纠正{_n(report, 's4.suit_direct.corrected') + _n(report, 's4.suit_after_review.corrected')}"
        "件。"
    )


def _other(report: AnnualReport, fees_paid: Decimal, notes: tuple[str, ...]) -> str:
    if fees_paid:
        amount = f"{fees_paid.normalize():f}"
        text = f"本年度共收取信息处理费{amount}元。"
    else:
        text = "本年度未收取信息处理费。"
    return text + "".join(notes)
