"""The supervisor's board and its read-only drill-down to one agency."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xxgk.agencies.models import Agency
from xxgk.agencies.permissions import SUBTREE_ROLES, staff_of, supervises
from xxgk.desk import board
from xxgk.desk.views.common import forbidden
from xxgk.registers.models import FIRST_YEAR


def _year(request: HttpRequest) -> int:
    this = dt.date.today().year
    asked = request.GET.get("year", "")
    return int(asked) if asked.isdigit() and FIRST_YEAR <= int(asked) <= this else this


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request.user)
    if staff is None or staff.role not in SUBTREE_ROLES:
        return forbidden(request, "上级监督看板")
    year = _year(request)
    agencies = staff.agency.subtree()
    rows = board.rows(agencies, year, board.report_year(year))
    totals = {
        f: sum(getattr(r, f) for r in rows) for f in ("open", "overdue", "received", "closed", "on_time")
    }
    return render(
        request,
        "desk/board.html",
        {
            "year": year,
            "report_year": board.report_year(year),
            "years": range(dt.date.today().year, max(FIRST_YEAR, dt.date.today().year - 6), -1),
            "rows": rows,
            "totals": totals,
            "rate": f"{totals['on_time'] * 100 / totals['closed']:.0f}%" if totals["closed"] else "—",
            "charts": board.charts(agencies, year),
            "top": staff.agency,
        },
    )


@login_required
def agency(request: HttpRequest, code: str) -> HttpResponse:
    target = Agency.objects.filter(code=code).first()
    if target is None or not supervises(request.user, target):
        raise Http404("找不到该机关")
    year = _year(request)
    row = board.rows(Agency.objects.filter(pk=target.pk), year, board.report_year(year))[0]
    return render(
        request,
        "desk/board_agency.html",
        {
            "agency": target,
            "year": year,
            "report_year": board.report_year(year),
            "row": row,
            "requests": board.open_requests(target)[:200],
            "charts": board.charts(Agency.objects.filter(pk=target.pk), year),
        },
    )
