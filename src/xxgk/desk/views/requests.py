"""The clerk's pages on the request ledger: 工作台, 申请登记, the request page with its actions, the lists
and their export. Thin: every change is a function of :mod:`xxgk.ledger.services`; who sees what is
:mod:`xxgk.ledger.permissions`; personal data goes through :mod:`xxgk.ledger.masking`."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from xxgk.agencies.permissions import SUBTREE_ROLES, staff_of
from xxgk.desk import actions, intake, queries
from xxgk.desk.history import readable
from xxgk.desk.views.common import forbidden
from xxgk.ledger import services
from xxgk.ledger.masking import personal_data
from xxgk.ledger.models import Request
from xxgk.ledger.permissions import may, may_register_in, may_see_personal_data
from xxgk.ledger.vocabulary import channel as channel_of
from xxgk.ledger.vocabulary import outcome_label
from xxgk.workdays import default_calendar

LIST_PAGE = 50


def _visible(request: HttpRequest, pk: int) -> Request:
    try:
        return services.get_visible(request.user, pk)
    except services.NotFound:
        raise Http404("找不到该申请") from None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request.user)
    if staff is None:
        return render(request, "desk/home_other.html")
    board_link = staff.role in SUBTREE_ROLES
    today = timezone.localdate()
    return render(
        request,
        "desk/home.html",
        {
            "staff": staff,
            "today": today,
            "board_link": board_link,
            "may_register": may_register_in(request.user, staff.agency),
            **queries.home(request.user, today),
        },
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request.user)
    if staff is None or not may_register_in(request.user, staff.agency):
        return forbidden(request, "申请登记")
    form = intake.RegisterForm(request.POST or None, initial={"submitted_on": timezone.localdate()})
    dupes: list[Request] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dupes = intake.duplicates(staff.agency, data["applicant_name"], data["description"])
        if not dupes or data["same_anyway"]:
            try:
                req = services.register(staff.agency, request.user, **form.service_arguments())
            except (ValidationError, PermissionDenied) as e:
                form.add_error(None, services.message(e) if isinstance(e, ValidationError) else str(e))
            else:
                messages.success(request, f"已登记申请 {req.number}，查询码 {req.query_code}")
                for w in getattr(req, "warnings", []):
                    messages.warning(request, w)
                return redirect("desk:request", pk=req.pk)
    return render(request, "desk/register.html", {"form": form, "duplicates": dupes, "agency": staff.agency})


@require_GET
@login_required
def deadlines_preview(request: HttpRequest) -> JsonResponse:
    """The date of receipt and the statutory dates for what the registration form holds so far."""
    staff = staff_of(request.user)
    if staff is None or not may_register_in(request.user, staff.agency):
        return JsonResponse({"error": "无权登记申请"}, status=403)
    try:
        chan = request.GET.get("channel", "")
        channel_of(chan)
        submitted = dt.date.fromisoformat(request.GET.get("submitted_on", ""))
        confirmed_text = request.GET.get("confirmed_on", "")
        confirmed = dt.date.fromisoformat(confirmed_text) if confirmed_text else None
    except (KeyError, ValueError):
        return JsonResponse({"error": "请填写申请方式和有效的提交日期"}, status=400)
    return JsonResponse(intake.preview(chan, submitted, confirmed))


def _page_context(request: HttpRequest, req: Request, forms: dict | None = None) -> dict:
    offered = actions.offered(req, request.user)
    forms = forms or {}
    today = timezone.localdate()
    left = default_calendar().between(today, req.reply_due) if req.reply_due and req.is_open else None
    explanation = req.deadline_explanation or {}
    clear = may_see_personal_data(request.user, req)
    return {
        "req": req,
        "person": personal_data(req, request.user),
        "clear": clear,
        "actions": [(a, forms.get(a.key) or a.form(req)) for a in offered],
        "events": req.events.select_related("actor").order_by("effective_on", "id"),
        "deadlines": explanation.get("deadlines", []),
        "deadline_notes": explanation.get("notes", []),
        "receipt": explanation.get("receipt") or {},
        "left": left,
        "notices": req.notices.order_by("issued_at"),
        "history": readable(req, request.user),
        "outcome": outcome_label(req.outcome),
        "sees_notes": clear,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = _visible(request, pk)
    return render(request, "desk/request.html", _page_context(request, req))


@require_POST
@login_required
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    req = _visible(request, pk)
    spec = actions.BY_KEY.get(action)
    if spec is None:
        raise Http404
    if not actions.allowed(spec, req, request.user):
        if not may(action, request.user, req):
            return forbidden(request, spec.label)
        messages.error(request, f"申请当前状态为“{req.get_state_display()}”，不能{spec.label}")
        return redirect("desk:request", pk=req.pk)
    form = spec.form(req, request.POST)
    version = request.POST.get("version")
    if form.is_valid():
        try:
            spec.run(
                req, request.user, form.cleaned_data, int(version) if version and version.isdigit() else None
            )
        except PermissionDenied:
            return forbidden(request, spec.label)
        except ValidationError as e:
            form.add_error(None, services.message(e))
        else:
            messages.success(request, f"已{spec.label}")
            return redirect("desk:request", pk=req.pk)
    req = _visible(request, pk)
    context = _page_context(request, req, {action: form})
    context["open_action"] = action
    return render(request, "desk/request.html", context, status=400)


@login_required
def notice(request: HttpRequest, pk: int, notice_pk: int) -> HttpResponse:
    req = _visible(request, pk)
    found = req.notices.filter(pk=notice_pk).first()
    if found is None:
        raise Http404
    response = HttpResponse(
        bytes(found.docx),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="notice-{found.pk}.docx"'
    return response


def _list(request: HttpRequest):
    flt = queries.ListFilter(request.user, request.GET or None)
    return flt, queries.requests_for(request.user, flt)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    if staff_of(request.user) is None:
        return forbidden(request, "申请列表")
    flt, qs = _list(request)
    page = Paginator(qs.select_related("agency", "department", "handler__staff"), LIST_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(r, personal_data(r, request.user)["applicant_name"]) for r in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "desk/requests.html",
        {"filter": flt, "page": page, "rows": rows, "qs": query.urlencode()},
    )


EXPORT_COLUMNS = (
    ("申请编号", lambda r, p: r.number),
    ("机关", lambda r, p: r.agency.name),
    ("收到申请日期", lambda r, p: r.received_on),
    ("申请方式", lambda r, p: r.get_channel_display()),
    ("申请人类型", lambda r, p: r.get_applicant_type_display()),
    ("申请人姓名/名称", lambda r, p: p["applicant_name"]),
    ("申请内容", lambda r, p: r.description),
    ("状态", lambda r, p: r.get_state_display()),
    ("答复期限", lambda r, p: r.reply_due),
    ("已逾期", lambda r, p: "是" if r.overdue and r.is_open else ""),
    ("处理结果", lambda r, p: outcome_label(r.outcome)),
    ("办结日期", lambda r, p: r.closed_on),
    ("承办科室", lambda r, p: r.department.name if r.department else ""),
)
EXPORT_LIMIT = 100_000


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The list as filtered, to XLSX (personal data masked as on the page)."""
    from openpyxl import Workbook

    if staff_of(request.user) is None:
        return forbidden(request, "申请列表")
    _, qs = _list(request)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("申请列表")
    ws.append([name for name, _ in EXPORT_COLUMNS])
    for r in qs.select_related("agency", "department")[:EXPORT_LIMIT].iterator(chunk_size=2000):
        person = personal_data(r, request.user)
        ws.append([get(r, person) for _, get in EXPORT_COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="requests-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
