"""The ledger's part of the JSON API (mounted by :mod:`xxgk.site.api`).

Staff see the requests :func:`~xxgk.ledger.permissions.visible_requests` allows, personal data through
:func:`~xxgk.ledger.masking.personal_data`. Applicants use ``GET /api/requests/status`` with the number
and query code, the same proof as the portal's status lookup: it shows the state, the dates and the
outcome, never personal data, internal notes or handlers' names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Body, Query, Router, Schema, Status

from xxgk.agencies.models import Agency, Department
from xxgk.agencies.permissions import visible_agencies
from xxgk.ledger import services
from xxgk.ledger.masking import personal_data
from xxgk.ledger.models import Request
from xxgk.ledger.permissions import visible_requests
from xxgk.ledger.vocabulary import outcome_label

router = Router(tags=["requests"])
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Detail(Schema):
    detail: str


class RequestItem(Schema):
    id: int
    number: str
    agency: str
    state: str
    state_label: str
    channel: str
    received_on: date | None
    applicant_type: str
    applicant: dict[str, str]
    description: str
    department: str | None
    handler: str | None
    reply_due: date | None
    overdue: bool
    due_soon: bool
    outcome: str | None
    outcome_label: str | None
    closed_on: date | None
    version: int


class RequestPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RequestItem]


class EventOut(Schema):
    kind: str
    label: str
    effective_on: date
    actor: str | None
    note: str


class RequestDetail(RequestItem):
    deadlines: dict[str, Any]
    events: list[EventOut]
    internal_notes: str


class Filters(Schema):
    agency: str | None = None
    state: str | None = None
    year: int | None = None
    overdue: bool | None = None
    page: int = 1
    page_size: int = PAGE_SIZE


def item(req: Request, user: Any) -> dict[str, Any]:
    return {
        "id": req.pk,
        "number": req.number,
        "agency": req.agency.code,
        "state": req.state,
        "state_label": req.get_state_display(),
        "channel": req.channel,
        "received_on": req.received_on,
        "applicant_type": req.applicant_type,
        "applicant": personal_data(req, user),
        "description": req.description,
        "department": req.department.name if req.department else None,
        "handler": req.handler.get_username() if req.handler else None,
        "reply_due": req.reply_due,
        "overdue": req.overdue,
        "due_soon": req.due_soon,
        "outcome": req.outcome or None,
        "outcome_label": outcome_label(req.outcome) or None,
        "closed_on": req.closed_on,
        "version": req.version,
    }


@router.get("/requests", response={200: RequestPage, 404: Detail})
def list_requests(request, filters: Query[Filters]):
    """申请列表（分页）：本人可见的申请；``agency`` 为机关代码。"""
    qs = visible_requests(request.user).select_related("agency", "department", "handler")
    if filters.agency:
        agency = visible_agencies(request.user).filter(code=filters.agency).first()
        if agency is None:
            return Status(404, {"detail": f"找不到机关“{filters.agency}”"})
        qs = qs.filter(agency=agency)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.year:
        qs = qs.filter(received_on__year=filters.year)
    if filters.overdue is not None:
        qs = qs.filter(overdue=filters.overdue)
    size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
    page = max(1, filters.page)
    rows = qs.order_by("-received_on", "-id")[(page - 1) * size : page * size]
    return Status(
        200,
        {
            "count": qs.count(),
            "page": page,
            "page_size": size,
            "items": [item(r, request.user) for r in rows],
        },
    )


class ApplicantStatus(Schema):
    number: str
    agency: str
    state: str
    state_label: str
    received_on: date | None
    reply_due: date | None
    applicant_due: date | None
    outcome_label: str | None
    closed_on: date | None
    notices: list[str]


@router.get("/requests/status", auth=None, response={200: ApplicantStatus, 404: Detail})
def applicant_status(request, number: str, code: str):
    """申请人查询：申请编号加查询码，只返回办理状态、期限、结果和已印发的告知书。"""
    req = (
        Request.objects.select_related("agency")
        .filter(number=number.strip(), query_code=code.strip())
        .first()
    )
    if req is None or not code.strip():
        return Status(404, {"detail": "申请编号或查询码不正确"})
    return Status(
        200,
        {
            "number": req.number,
            "agency": req.agency.name,
            "state": req.state,
            "state_label": req.get_state_display(),
            "received_on": req.received_on,
            "reply_due": req.reply_due,
            "applicant_due": req.applicant_due,
            "outcome_label": outcome_label(req.outcome) or None,
            "closed_on": req.closed_on,
            "notices": [n.number for n in req.notices.order_by("issued_at")],
        },
    )


@router.get("/requests/{request_id}", response={200: RequestDetail, 404: Detail})
def get_request(request, request_id: int):
    """一件申请：期限及其说明、办理记录。"""
    try:
        req = services.get_visible(request.user, request_id)
    except services.NotFound as e:
        return Status(404, {"detail": str(e)})
    from xxgk.ledger.permissions import may_see_personal_data

    out = item(req, request.user)
    out["deadlines"] = req.deadline_explanation
    out["events"] = [
        {
            "kind": e.kind,
            "label": e.get_kind_display(),
            "effective_on": e.effective_on,
            "actor": e.actor.get_username() if e.actor else None,
            "note": e.note,
        }
        for e in req.events.select_related("actor").order_by("effective_on", "id")
    ]
    out["internal_notes"] = req.internal_notes if may_see_personal_data(request.user, req) else ""
    return Status(200, out)


ACTIONS = {
    "confirm_receipt": services.confirm_receipt,
    "request_correction": services.request_correction,
    "receive_correction": services.receive_correction,
    "lapse_correction": services.lapse_correction,
    "assign": services.assign,
    "start_consultation": services.start_consultation,
    "end_consultation": services.end_consultation,
    "approve_extension": services.approve_extension,
    "ask_reasons": services.ask_reasons,
    "issue_fee_notice": services.issue_fee_notice,
    "fee_notice_received": services.fee_notice_received,
    "record_payment": services.record_payment,
    "lapse_fee": services.lapse_fee,
    "propose_reply": services.propose_reply,
    "return_reply": services.return_reply,
    "reply": services.reply,
    "withdraw": services.withdraw,
    "deliver": services.deliver,
    "archive": services.archive,
    "add_note": services.add_note,
    "update_details": services.update_details,
}


@router.post(
    "/requests/{request_id}/{action}",
    response={200: RequestItem, 400: Detail, 403: Detail, 404: Detail, 409: Detail},
)
def act(request, request_id: int, action: str, body: Body[dict[str, Any]]):
    """办理：``action`` 为服务函数名（如 ``reply``），请求体为其参数（日期写作 2026-03-05），
    建议带上 ``version``（所见版本），他人已修改时返回 409。"""
    fn = ACTIONS.get(action)
    if fn is None:
        return Status(404, {"detail": f"没有“{action}”这项操作"})
    args = dict(body)
    try:
        if action == "assign":
            args = _assign_args(request.user, request_id, args)
        fn(request_id, request.user, **args)
        req = services.get_visible(request.user, request_id)
    except services.NotFound as e:
        return Status(404, {"detail": str(e)})
    except PermissionDenied as e:
        return Status(403, {"detail": str(e) or "没有权限"})
    except services.ConcurrentChange as e:
        return Status(409, {"detail": str(e)})
    except services.LedgerError as e:
        return Status(400, {"detail": str(e)})
    except TypeError:
        return Status(400, {"detail": f"“{action}”的参数不正确"})
    return Status(200, item(req, request.user))


def _assign_args(user: Any, request_id: int, args: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    req = services.get_visible(user, request_id)
    if "department" in args:
        args["department"] = Department.objects.filter(agency=req.agency, name=args["department"]).first()
    if "handler" in args:
        args["handler"] = get_user_model().objects.filter(username=args["handler"]).first()
    return args


def agency_or_404(user: Any, code: str) -> Agency | None:
    """An agency the user may see, else None (for other routers: the 404 that reveals nothing)."""
    return visible_agencies(user).filter(code=code).first()
