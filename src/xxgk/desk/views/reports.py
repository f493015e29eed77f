"""The annual report pages: the form's tables with every number linked to the entries behind it, the
checker's findings beside them, the narrative edited in place, downloads, closing the year."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xxgk.agencies.models import Agency
from xxgk.agencies.permissions import staff_of, visible_agencies
from xxgk.annual.permissions import can_close_year, can_view_report
from xxgk.desk import entries, reports
from xxgk.desk.permissions import can_draft_report
from xxgk.desk.views.common import forbidden
from xxgk.registers.models import FIRST_YEAR
from xxgk.render.grid import value_text
from xxgk.report.form import EDITIONS
from xxgk.report.sections import SECTION_KEYS

DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _agency(request: HttpRequest, code: str, year: int) -> Agency:
    """The agency if the user may see its report (else 404, as for one that does not exist)."""
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not can_view_report(request.user, agency):
        raise Http404("找不到该机关")
    if not FIRST_YEAR <= year <= dt.date.today().year:
        raise Http404("年度不在可统计的范围内")
    return agency


def _edition(request: HttpRequest) -> str | None:
    edition = request.GET.get("edition") or request.POST.get("edition") or None
    return edition if edition in EDITIONS else None


@login_required
def pick(request: HttpRequest) -> HttpResponse:
    """Which report: the user's own agency this year (or last year in the first quarter)."""
    staff = staff_of(request.user)
    agencies = visible_agencies(request.user)
    if staff is None or not agencies.exists():
        return forbidden(request, "年度报告页面")
    today = dt.date.today()
    year = today.year - 1 if today.month <= 3 else today.year
    return redirect("desk:report", code=staff.agency.code, year=year)


@login_required
def report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) != year:
        edition = _edition(request)
        return redirect(
            reverse("desk:report", args=[agency.code, int(asked)])
            + (f"?edition={edition}" if edition else "")
        )
    try:
        s = reports.shown(agency, year, _edition(request))
    except ValidationError as e:
        return render(request, "desk/report_error.html", {"agency": agency, "year": year, "error": e})
    this_year = dt.date.today().year
    return render(
        request,
        "desk/report.html",
        {
            "agency": agency,
            "year": year,
            "s": s,
            "tables": reports.tables(s),
            "sections": reports.sections(s),
            "findings": reports.findings(s),
            "years": range(this_year, max(FIRST_YEAR, this_year - 6), -1),
            "editions": EDITIONS,
            "may_draft": can_draft_report(request.user, agency) and not s.closed,
            "may_close": can_close_year(request.user, agency) and not s.closed and year < this_year,
        },
    )


@login_required
def cell(request: HttpRequest, code: str, year: int, key: str) -> HttpResponse:
    """The ledger entries behind one number (applicants never named: this page is also a supervisor's)."""
    agency = _agency(request, code, year)
    s = reports.shown(agency, year, _edition(request))
    if key not in s.report.cells:
        raise Http404("没有这个单元格")
    return render(
        request,
        "desk/report_cell.html",
        {
            "agency": agency,
            "year": year,
            "s": s,
            "key": key,
            "title": reports.cell_title(s.report.edition, key),
            "value": value_text(s.report, key),
            "rows": entries.describe(request.user, s.entries.get(key, [])),
        },
    )


@require_POST
@login_required
def narrative(request: HttpRequest, code: str, year: int, key: str) -> HttpResponse:
    agency = _agency(request, code, year)
    if key not in SECTION_KEYS:
        raise Http404
    if not can_draft_report(request.user, agency):
        return forbidden(request, "年度报告正文的修改")
    try:
        reports.save_narrative(agency, year, key, request.POST.get("text", ""), request.user)
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, "正文已保存")
    return redirect(f"{request.path.rsplit('/narrative/', 1)[0]}/#section-{key}")


@login_required
def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    from xxgk.render import RenderError
    from xxgk.render import render as render_report

    agency = _agency(request, code, year)
    if fmt not in DOWNLOADS:
        raise Http404
    s = reports.shown(agency, year, _edition(request))
    try:
        data = render_report(s.report, fmt)
    except RenderError as e:
        messages.error(request, f"无法生成{fmt.upper()}文件：{e}")
        return redirect("desk:report", code=agency.code, year=year)
    response = HttpResponse(data, content_type=DOWNLOADS[fmt])
    name = f"{agency.code}-{year}-annual-report.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@login_required
def close(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    if not can_close_year(request.user, agency):
        return forbidden(request, "关账")
    try:
        reports.close_year(agency, year, request.user, _edition(request))
    except PermissionDenied:
        return forbidden(request, "关账")
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, f"{year}年度已审核并关账，报告定稿不再改变")
    return redirect("desk:report", code=agency.code, year=year)
