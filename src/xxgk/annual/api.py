"""``GET /api/agencies/CODE/reports/YEAR``: the annual report computed from the ledgers (or, for a
closed year, its snapshot), in the ``xxgk parse --json`` contract, with the entries behind each cell.

Mounted by :mod:`xxgk.site.api`, whose authentication applies. An agency the user may not see is
answered 404, as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from xxgk.agencies.models import Agency
from xxgk.annual import services
from xxgk.annual.permissions import can_view_report
from xxgk.check import check_report
from xxgk.registers.models import FIRST_YEAR
from xxgk.report.form import EDITIONS

router = Router(tags=["年度报告"])


class ReportOut(Schema):
    closed: bool
    consolidated: bool
    report: dict[str, Any]
    entries: dict[str, list[str]] | None = None


def entry_name(ref: Hashable) -> str:
    """``request:12``, ``document:3``: a ledger entry named for a client."""
    if isinstance(ref, tuple):
        return ":".join(str(part) for part in ref)
    return f"request:{ref}"


@router.get("/agencies/{code}/reports/{year}", response=ReportOut, summary="机关年度报告（由台账统计）")
def annual_report(
    request: HttpRequest,
    code: str,
    year: int,
    edition: str | None = None,
    consolidated: bool = False,
    entries: bool = False,
) -> dict[str, Any]:
    """edition：2019 或 2021（默认按年度）；consolidated：汇总下级机关；entries：附各单元格对应的台账条目。

    已关账年度返回关账时的定稿（汇总或附条目时按台账重新统计，关账后数字不会改变）。
    """
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not can_view_report(request.user, agency):
        raise Http404("找不到该机关")
    if edition is not None and edition not in EDITIONS:
        raise HttpError(400, f"未知的表格版本“{edition}”，可选：{'、'.join(EDITIONS)}")
    if not FIRST_YEAR <= year <= dt.date.today().year:
        raise HttpError(400, f"年度 {year} 不在可统计的范围内")
    try:
        if not consolidated and not entries:
            report, frozen = services.report_for(agency, year, edition)
            behind = None
        else:
            counted = services.compute_report(
                agency, year, edition, consolidated=consolidated, drilldown=entries
            )
            report, frozen = counted.report, False
            behind = {k: [entry_name(r) for r in v] for k, v in counted.entries.items()} if entries else None
    except ValidationError as e:
        raise HttpError(400, "；".join(e.messages)) from None
    if not frozen:
        report.findings = check_report(report, today=dt.date.today())
    return {"closed": frozen, "consolidated": consolidated, "report": report.to_json(), "entries": behind}
