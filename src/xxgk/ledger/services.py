"""The actions on a request, one function each (ledger.md § States and transitions).

Every action runs in one transaction: it locks the request (``select_for_update``), refuses a stale
``version`` (two people acting at once: the second is told, nothing is overwritten), checks the rule of
:mod:`xxgk.ledger.permissions`, checks its input, fires the fsm transition, appends a
:class:`~xxgk.ledger.models.RequestEvent` with the effective date, and recomputes the dates through
:mod:`xxgk.ledger.clock`. Any refusal is a :class:`LedgerError` with a Chinese message, and the
transaction leaves nothing half-written.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from xxgk import fees
from xxgk.agencies.models import Agency, Department, Role, Staff
from xxgk.deadlines import Channel, ConsultationKind
from xxgk.ledger import clock
from xxgk.ledger.models import (
    CLOSED_STATES,
    EventKind,
    FeeCharge,
    FeeScale,
    ReceiptBasis,
    Request,
    RequestEvent,
    State,
)
from xxgk.ledger.permissions import may, may_register_in, may_view
from xxgk.ledger.vocabulary import (
    APPLICANT_CHOICES,
    CHANNEL_CHOICES,
    OUTCOME_CHOICES,
    REASON_REQUIRED,
    channel,
    match_outcome,
    outcome_label,
)
from xxgk.workdays import fmt

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
QUERY_CODE_LENGTH = 8
LAPSE_OUTCOMES = {"other.no_correction": "lapse_correction", "other.no_fee": "lapse_fee"}

DETAIL_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "uscc",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "agent_name",
    "agent_authorisation",
    "description",
    "document_number",
    "index_number",
    "obtain_method",
    "carrier",
    "purpose",
)
"""What a clerk may type about the applicant and the information sought (never a date or a state)."""

ACTION_LABELS = {
    "register": "登记",
    "confirm_receipt": "确认收到申请",
    "request_correction": "发出补正告知",
    "receive_correction": "登记收到补正申请",
    "lapse_correction": "按逾期不补正终止办理",
    "assign": "交办",
    "start_consultation": "发出征求意见书",
    "end_consultation": "登记收到征求意见回复",
    "approve_extension": "批准延期答复",
    "ask_reasons": "要求说明理由",
    "issue_fee_notice": "发出收费通知",
    "fee_notice_received": "登记申请人收到收费通知",
    "record_payment": "登记缴费",
    "lapse_fee": "按逾期未缴费终止办理",
    "propose_reply": "提交拟答复意见",
    "return_reply": "退回拟答复意见",
    "reply": "答复",
    "withdraw": "登记撤回申请",
    "deliver": "登记送达",
    "archive": "归档",
    "reopen": "重新办理",
    "add_note": "添加备注",
    "update_details": "修改申请信息",
    "issue_notice": "印发告知书",
}


class LedgerError(ValidationError):
    """Input or an order of actions the ledger refuses; the message is Chinese, for the clerk."""

    def __str__(self) -> str:
        return "；".join(self.messages)


class ConcurrentChange(LedgerError):
    """Someone else changed the request since the caller read it."""


class NotFound(LookupError):
    """No such request, or one the user may not see: the two are not told apart (404)."""


def today() -> date:
    return timezone.localdate()


def message(error: ValidationError) -> str:
    """One Chinese sentence for any ValidationError (field errors joined)."""
    if hasattr(error, "error_dict"):
        return "；".join(f"{_field_label(f)}：{'，'.join(m)}" for f, m in error.message_dict.items())
    return "；".join(error.messages)


def _field_label(name: str) -> str:
    if name == "__all__":
        return "申请"
    try:
        return str(Request._meta.get_field(name).verbose_name)
    except Exception:
        return name


# -- the frame every action runs in ----------------------------------------------------------------


def get_visible(user: Any, pk: Any) -> Request:
    """The request ``pk`` if ``user`` may read it, else :class:`NotFound`."""
    try:
        req = Request.objects.select_related("agency").get(pk=pk)
    except (Request.DoesNotExist, ValueError, TypeError):
        raise NotFound("找不到该申请") from None
    if not may_view(user, req):
        raise NotFound("找不到该申请")
    return req


@contextmanager
def _acting(request: Request | int, user: Any, action: str, version: int | None) -> Iterator[Request]:
    pk = request.pk if isinstance(request, Request) else request
    with transaction.atomic():
        try:
            req = Request.objects.select_for_update().select_related("agency").get(pk=pk)
        except Request.DoesNotExist:
            raise NotFound("找不到该申请") from None
        if not may_view(user, req):
            raise NotFound("找不到该申请")
        if not may(action, user, req):
            raise PermissionDenied(f"您没有权限对申请 {req.number} {ACTION_LABELS[action]}")
        if version is not None and int(version) != req.version:
            raise ConcurrentChange(
                f"申请 {req.number} 已被他人修改（您看到的是第 {version} 版，现在是第 {req.version} 版），"
                "为免覆盖他人的办理结果，本次操作未保存，请刷新后重试"
            )
        req.warnings = []
        req._history_user = _user(user)
        yield req
        _save(req)


def _save(req: Request, events: list[RequestEvent] | None = None) -> None:
    clock.apply(req, events, today=today())
    req.version += 1
    try:
        req.full_clean(exclude=["agency", "department", "handler", "applicant_user"], validate_unique=False)
    except ValidationError as e:
        raise LedgerError(message(e)) from None
    req.save()


def _fire(req: Request, action: str) -> None:
    method = getattr(req, action)
    if not can_proceed(method):
        hint = "申请尚未办结" if req.state not in CLOSED_STATES and action in {"deliver", "archive"} else ""
        raise LedgerError(
            f"申请 {req.number} 当前状态为“{req.get_state_display()}”，不能{ACTION_LABELS[action]}"
            + (f"（{hint}）" if hint else "")
        )
    method()


def _event(
    req: Request, kind: str, on: date, user: Any, data: dict | None = None, note: str = ""
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=req, kind=kind, effective_on=on, actor=_user(user), data=data or {}, note=note
    )


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _last_event(req: Request) -> RequestEvent | None:
    """The latest legal act (notes are not acts and do not fix the order)."""
    return req.events.exclude(kind=EventKind.NOTE).order_by("-effective_on", "-id").first()


def _events(req: Request, kind: str) -> list[RequestEvent]:
    return list(req.events.filter(kind=kind).order_by("effective_on", "id"))


def _date(req: Request | None, on: Any, what: str, *, after_last: bool = True) -> date:
    """``on`` as a date that may be recorded now: not in the future, not before receipt, and not
    before the last recorded act (events happen in order)."""
    if on is None or on == "":
        raise LedgerError(f"请填写{what}")
    if isinstance(on, str):
        try:
            on = date.fromisoformat(on.strip())
        except ValueError:
            raise LedgerError(f"{what}“{on}”不是有效日期，请写作 2026-03-05") from None
    if not isinstance(on, date):
        raise LedgerError(f"{what}“{on}”不是日期")
    if on > today():
        raise LedgerError(f"{what}{fmt(on)}晚于今天，不能预先登记")
    if req is not None and req.received_on and on < req.received_on:
        raise LedgerError(f"{what}{fmt(on)}早于收到申请日期{fmt(req.received_on)}")
    if req is not None and after_last:
        last = _last_event(req)
        if last and on < last.effective_on:
            raise LedgerError(
                f"{what}{fmt(on)}早于上一办理事项“{last.get_kind_display()}”的日期{fmt(last.effective_on)}，"
                "办理事项须按发生先后登记"
            )
    return on


def outcome_key(text: str) -> str:
    """An outcome given as its key, its printed label or the label's distinctive part."""
    key = match_outcome(text)
    if key is None:
        choices = "、".join(label for _, label in OUTCOME_CHOICES)
        raise LedgerError(f"未知的处理结果“{(text or '').strip()}”，可选：{choices}")
    return key


def _close(req: Request, outcome: str, on: date, reason: str, articles: str = "") -> None:
    if outcome in REASON_REQUIRED and not reason.strip():
        raise LedgerError(f"处理结果为“{outcome_label(outcome)}”时须写明理由")
    req.outcome, req.closed_on, req.outcome_reason, req.articles = outcome, on, reason.strip(), articles


# -- intake ------------------------------------------------------------------------------------------


def _choice(value: Any, choices: list[tuple[str, str]], what: str) -> str:
    for key, label in choices:
        if value in (key, label):
            return key
    raise LedgerError(f"未知的{what}“{value}”，可选：{'、'.join(label for _, label in choices)}")


def _details(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise LedgerError(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    if "applicant_type" in out:
        out["applicant_type"] = _choice(out["applicant_type"], APPLICANT_CHOICES, "申请人类型")
    for name in ("applicant_name", "description"):
        if name in out and not out[name]:
            raise LedgerError(f"请填写{_field_label(name)}")
    return out


def _next_number(agency: Agency, year: int) -> str:
    """``{agency code}-{year}-{serial}``; the agency row is locked so two clerks never get one number."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    prefix = f"{agency.code}-{year}-"
    serials = [
        int(n[len(prefix) :])
        for n in Request.objects.filter(agency=agency, number__startswith=prefix).values_list(
            "number", flat=True
        )
        if n[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(serials, default=0) + 1:04d}"


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def _receipt(chan: str, submitted_on: date, confirmed_on: date | None) -> tuple[date, str, list[str]]:
    from xxgk.deadlines import date_of_receipt

    if confirmed_on and confirmed_on < submitted_on:
        raise LedgerError(f"确认日期{fmt(confirmed_on)}早于提交日期{fmt(submitted_on)}")
    ch = channel(chan)
    receipt = date_of_receipt(ch, submitted_on, confirmed_on)
    if ch is Channel.IN_PERSON:
        basis = ReceiptBasis.SUBMITTED
    elif ch is Channel.POST:
        basis = ReceiptBasis.SIGNED
    else:
        basis = ReceiptBasis.CONFIRMED if confirmed_on else ReceiptBasis.SUBMITTED
    assert receipt.date is not None
    return receipt.date, basis, list(receipt.warnings)


def register(
    agency: Agency,
    user: Any,
    *,
    channel: str,
    submitted_on: Any,
    confirmed_on: Any = None,
    note: str = "",
    **details: Any,
) -> Request:
    """登记: a request received in person, by post, letter, fax or online, registered at once."""
    if not may_register_in(user, agency):
        raise PermissionDenied(f"您没有权限在{agency.name}登记申请")
    chan = _choice(channel, CHANNEL_CHOICES, "申请方式")
    submitted = _date(None, submitted_on, "提交（签收）日期")
    confirmed = _date(None, confirmed_on, "确认日期") if confirmed_on else None
    fields = _details(details)
    for name in ("applicant_type", "applicant_name", "description"):
        if not fields.get(name):
            raise LedgerError(f"请填写{_field_label(name)}")
    with transaction.atomic():
        received, basis, warnings = _receipt(chan, submitted, confirmed)
        req = Request(
            agency=agency,
            number=_next_number(agency, received.year),
            query_code=new_query_code(),
            channel=chan,
            submitted_on=submitted,
            received_on=received,
            receipt_basis=basis,
            registered_by=_user(user),
            receipt_confirmed_by=_user(user) if basis == ReceiptBasis.CONFIRMED else None,
            **fields,
        )
        _fire(req, "register")
        req._history_user = _user(user)
        req.version = 0
        _save(req, [])
        _event(req, EventKind.REGISTERED, received, user, {"warnings": warnings}, note)
        req.warnings = warnings
        return req


def submit_online(
    agency: Agency,
    *,
    submitted_at: Any = None,
    applicant_user: Any = None,
    channel: str = "internet",
    **details: Any,
) -> Request:
    """An online application (the portal): a draft with its number and query code; the agency's clock
    starts only when a clerk confirms it (:func:`confirm_receipt`, Art 31(3))."""
    fields = _details(details)
    for name in ("applicant_type", "applicant_name", "description"):
        if not fields.get(name):
            raise LedgerError(f"请填写{_field_label(name)}")
    at = submitted_at or timezone.now()
    with transaction.atomic():
        req = Request(
            agency=agency,
            number=_next_number(agency, timezone.localtime(at).year),
            query_code=new_query_code(),
            channel=_choice(channel, CHANNEL_CHOICES, "申请方式"),
            submitted_at=at,
            submitted_on=timezone.localtime(at).date(),
            applicant_user=applicant_user if getattr(applicant_user, "is_authenticated", False) else None,
            counts_in_report=False,
            **fields,
        )
        req.version = 0
        _save(req, [])
        _event(req, EventKind.SUBMITTED, req.submitted_on, None)
        return req


def confirm_receipt(
    request: Request | int, user: Any, *, confirmed_on: Any, version: int | None = None
) -> Request:
    """确认: the office confirms an online, fax or letter application; that day is the date of receipt."""
    with _acting(request, user, "confirm_receipt", version) as req:
        on = _date(None, confirmed_on, "确认日期")
        received, basis, warnings = _receipt(req.channel, req.submitted_on or on, on)
        _fire(req, "confirm_receipt")
        req.received_on, req.receipt_basis = received, basis
        req.receipt_confirmed_by = req.registered_by = _user(user)
        req.counts_in_report = True
        _event(req, EventKind.RECEIPT_CONFIRMED, received, user, {"warnings": warnings})
        req.warnings = warnings
    return req


def update_details(
    request: Request | int, user: Any, *, version: int | None = None, **fields: Any
) -> Request:
    """Correct what was typed about the applicant or the information sought (kept in the history)."""
    with _acting(request, user, "update_details", version) as req:
        for name, value in _details(fields).items():
            setattr(req, name, value)
    return req


# -- handling ----------------------------------------------------------------------------------------


def request_correction(
    request: Request | int,
    user: Any,
    *,
    sent_on: Any,
    correct_by: Any,
    what: str,
    version: int | None = None,
) -> Request:
    """补正告知 (Art 30): once only, listing everything; warns when later than 7 working days."""
    with _acting(request, user, "request_correction", version) as req:
        if _events(req, EventKind.CORRECTION_REQUESTED):
            raise LedgerError("补正告知只能一次性发出（《条例》第三十条），本申请已发出过补正告知")
        on = _date(req, sent_on, "补正告知日期")
        if not (what or "").strip():
            raise LedgerError("请写明需要补正的事项")
        if isinstance(correct_by, str):
            correct_by = _parse(correct_by, "补正期限")
        if not isinstance(correct_by, date) or correct_by <= on:
            raise LedgerError("请填写晚于补正告知日期的补正期限")
        _fire(req, "request_correction")
        warnings = []
        if req.correction_notice_due and on > req.correction_notice_due:
            warnings.append(
                f"补正告知于{fmt(on)}发出，晚于第三十条规定的期限{fmt(req.correction_notice_due)}"
            )
        _event(
            req,
            EventKind.CORRECTION_REQUESTED,
            on,
            user,
            {"correct_by": correct_by.isoformat(), "what": what.strip(), "warnings": warnings},
        )
        req.warnings = warnings
    return req


def _parse(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise LedgerError(f"{what}“{text}”不是有效日期，请写作 2026-03-05") from None


def receive_correction(
    request: Request | int, user: Any, *, received_on: Any, version: int | None = None
) -> Request:
    """收到补正后的申请: the reply clock restarts from this day (Art 30)."""
    with _acting(request, user, "receive_correction", version) as req:
        on = _date(req, received_on, "收到补正申请日期")
        _fire(req, "receive_correction")
        _event(req, EventKind.CORRECTION_RECEIVED, on, user)
    return req


def lapse_correction(
    request: Request | int,
    user: Any,
    *,
    on: Any,
    reason: str = "申请人逾期未补正",
    version: int | None = None,
) -> Request:
    """逾期不补正 → outcome ``other.no_correction``; only after the period the notice set."""
    with _acting(request, user, "lapse_correction", version) as req:
        day = _date(req, on, "终止办理日期")
        if req.applicant_due and day <= req.applicant_due:
            raise LedgerError(f"补正期限{fmt(req.applicant_due)}尚未届满，不能按逾期不补正处理")
        _fire(req, "lapse_correction")
        _close(req, "other.no_correction", day, reason)
        _event(req, EventKind.CORRECTION_LAPSED, day, user, {"outcome": req.outcome}, reason)
    return req


def assign(
    request: Request | int,
    user: Any,
    *,
    on: Any,
    department: Department | None = None,
    handler: Any = None,
    version: int | None = None,
) -> Request:
    """拟办 / 交办 to a department and (or) a handler of the same agency."""
    with _acting(request, user, "assign", version) as req:
        day = _date(req, on, "交办日期")
        if department is None and handler is None:
            raise LedgerError("请选择承办科室或承办人")
        if department is not None and department.agency_id != req.agency_id:
            raise LedgerError(f"科室“{department}”不属于{req.agency.name}")
        if handler is not None:
            staff = Staff.objects.filter(user=handler, agency=req.agency, role=Role.HANDLER).first()
            if staff is None:
                raise LedgerError(f"“{handler}”不是{req.agency.name}的承办人")
            department = department or staff.department
        _fire(req, "assign")
        req.department, req.handler = department, handler
        _event(
            req,
            EventKind.ASSIGNED,
            day,
            user,
            {"department": str(department or ""), "handler": getattr(handler, "username", "")},
        )
    return req


def start_consultation(
    request: Request | int, user: Any, *, sent_on: Any, kind: str, party: str, version: int | None = None
) -> Request:
    """征求意见 (Art 32 third party / Art 34 co-producing agency): the time is not counted (Art 33(3))."""
    with _acting(request, user, "start_consultation", version) as req:
        day = _date(req, sent_on, "征求意见发出日期")
        try:
            kind = ConsultationKind(kind).value
        except ValueError:
            raise LedgerError("征求意见对象只能是第三方（third_party）或其他机关（agency）") from None
        if not (party or "").strip():
            raise LedgerError("请写明征求意见的对象")
        _fire(req, "start_consultation")
        _event(req, EventKind.CONSULTATION_STARTED, day, user, {"kind": kind, "party": party.strip()})
    return req


def end_consultation(
    request: Request | int, user: Any, *, answered_on: Any, opinion: str = "", version: int | None = None
) -> Request:
    """征求意见回复 received (or, for an agency, its silence after 15 working days, dated that day)."""
    with _acting(request, user, "end_consultation", version) as req:
        day = _date(req, answered_on, "征求意见回复日期")
        _fire(req, "end_consultation")
        _event(req, EventKind.CONSULTATION_ENDED, day, user, {"opinion": opinion.strip()})
    return req


def approve_extension(
    request: Request | int, user: Any, *, approved_on: Any, reason: str, version: int | None = None
) -> Request:
    """延期答复 (Art 33(2)): once, by the head of the disclosure office, before the original due date."""
    with _acting(request, user, "approve_extension", version) as req:
        if _events(req, EventKind.EXTENSION_APPROVED):
            raise LedgerError("本申请已延期答复一次，《条例》第三十三条只允许延长一次")
        day = _date(req, approved_on, "延期批准日期")
        if not (reason or "").strip():
            raise LedgerError("请写明延期答复的理由")
        if req.reply_due is None:
            raise LedgerError("答复期限尚未起算（等待补正），不能延期")
        if day > req.reply_due:
            raise LedgerError(f"原答复期限为{fmt(req.reply_due)}，延期须在此之前批准（批准日期为{fmt(day)}）")
        _fire(req, "approve_extension")
        original = req.reply_due
        _event(
            req,
            EventKind.EXTENSION_APPROVED,
            day,
            user,
            {"original_due": original.isoformat()},
            reason.strip(),
        )
    return req


def ask_reasons(
    request: Request | int, user: Any, *, on: Any, note: str, version: int | None = None
) -> Request:
    """说明理由 (Art 35): the agency asks the applicant of massive or repeated requests for reasons."""
    with _acting(request, user, "ask_reasons", version) as req:
        day = _date(req, on, "告知日期")
        _event(req, EventKind.REASONS_ASKED, day, user, note=(note or "").strip())
    return req


def _same_month_requests(req: Request) -> int:
    """The applicant's earlier requests to this agency in the same calendar month (per-request scale)."""
    assert req.received_on is not None
    return (
        Request.objects.filter(
            agency=req.agency,
            applicant_name=req.applicant_name,
            received_on__year=req.received_on.year,
            received_on__month=req.received_on.month,
        )
        .exclude(pk=req.pk)
        .filter(received_on__lt=req.received_on)
        .count()
    )


def issue_fee_notice(
    request: Request | int,
    user: Any,
    *,
    issued_on: Any,
    scale: str,
    units: int = 1,
    already: int | None = None,
    received_on: Any = None,
    version: int | None = None,
) -> FeeCharge:
    """收费通知 (国办函〔2020〕109号): the amount from :mod:`xxgk.fees`."""
    with _acting(request, user, "issue_fee_notice", version) as req:
        day = _date(req, issued_on, "收费通知发出日期")
        scale = _choice(scale, FeeScale.choices, "计收方式")
        try:
            if scale == FeeScale.PER_REQUEST:
                count = _same_month_requests(req) if already is None else already
                fee = fees.fee_per_request(units, count)
            else:
                fee = fees.fee_per_page(units)
        except fees.FeeInputError as e:
            raise LedgerError(str(e)) from None
        if fee.amount == 0:
            raise LedgerError("按此计收方式不收费（在免费数量之内），无需发出收费通知")
        _fire(req, "issue_fee_notice")
        charge = FeeCharge.objects.create(
            request=req,
            scale=scale,
            units=units,
            already=fee.already,
            amount=fee.amount,
            explanation=fee.explanation(),
            issued_on=day,
        )
        _event(req, EventKind.FEE_NOTICE_ISSUED, day, user, {"amount": fee.amount, "charge": charge.pk})
        if received_on:
            got = _date(req, received_on, "申请人收到收费通知日期")
            _event(req, EventKind.FEE_NOTICE_RECEIVED, got, user)
            charge.received_on = got
        req.fee_amount = fee.amount
        _settle_charge(req, charge)
    return charge


def _settle_charge(req: Request, charge: FeeCharge) -> None:
    """The charge's pay-by date is the engine's (the request's dates are recomputed first)."""
    clock.apply(req, today=today())
    due = req.deadline_explanation.get("fee_payment_due")
    charge.pay_by = date.fromisoformat(due) if due else None
    charge.save()


def _open_charge(req: Request) -> FeeCharge:
    charge = req.fees.order_by("-id").first()
    if charge is None:
        raise LedgerError("本申请没有收费通知")
    return charge


def fee_notice_received(request: Request | int, user: Any, *, on: Any, version: int | None = None) -> Request:
    """The applicant received the fee notice: the 20 working days to pay run from the next day."""
    with _acting(request, user, "fee_notice_received", version) as req:
        if req.state != State.AWAITING_FEE:
            raise LedgerError(
                f"申请 {req.number} 当前状态为“{req.get_state_display()}”，没有待缴费的收费通知"
            )
        if _events(req, EventKind.FEE_NOTICE_RECEIVED):
            raise LedgerError("已登记申请人收到收费通知的日期")
        day = _date(req, on, "申请人收到收费通知日期")
        _event(req, EventKind.FEE_NOTICE_RECEIVED, day, user)
        charge = _open_charge(req)
        charge.received_on = day
        _settle_charge(req, charge)
    return req


def record_payment(
    request: Request | int, user: Any, *, paid_on: Any, receipt_number: str = "", version: int | None = None
) -> Request:
    with _acting(request, user, "record_payment", version) as req:
        if not _events(req, EventKind.FEE_NOTICE_RECEIVED):
            raise LedgerError("请先登记申请人收到收费通知的日期")
        day = _date(req, paid_on, "缴费日期")
        _fire(req, "record_payment")
        charge = _open_charge(req)
        charge.paid_on, charge.receipt_number = day, (receipt_number or "").strip()
        charge.save()
        _event(
            req, EventKind.FEE_PAID, day, user, {"amount": charge.amount, "receipt": charge.receipt_number}
        )
    return req


def lapse_fee(
    request: Request | int,
    user: Any,
    *,
    on: Any,
    reason: str = "申请人逾期未缴费",
    version: int | None = None,
) -> Request:
    """逾期未缴费 → outcome ``other.no_fee``; only after the payment period."""
    with _acting(request, user, "lapse_fee", version) as req:
        day = _date(req, on, "终止办理日期")
        if req.applicant_due is None:
            raise LedgerError("尚未登记申请人收到收费通知的日期，缴费期限未起算")
        if day <= req.applicant_due:
            raise LedgerError(f"缴费期限{fmt(req.applicant_due)}尚未届满，不能按逾期未缴费处理")
        _fire(req, "lapse_fee")
        _close(req, "other.no_fee", day, reason)
        _event(req, EventKind.FEE_LAPSED, day, user, {"outcome": req.outcome}, reason)
    return req


# -- the reply ---------------------------------------------------------------------------------------


def _reply_outcome(outcome: Any) -> str:
    key = outcome_key(outcome)
    if key in LAPSE_OUTCOMES:
        raise LedgerError(f"“{outcome_label(key)}”不是答复结果，请使用“{ACTION_LABELS[LAPSE_OUTCOMES[key]]}”")
    return key


def propose_reply(
    request: Request | int,
    user: Any,
    *,
    on: Any,
    outcome: str,
    reason: str = "",
    articles: str = "",
    version: int | None = None,
) -> Request:
    """拟答复 → 审核: the handler's proposed outcome goes to the approvers."""
    with _acting(request, user, "propose_reply", version) as req:
        day = _date(req, on, "拟答复日期")
        key = _reply_outcome(outcome)
        if key in REASON_REQUIRED and not reason.strip():
            raise LedgerError(f"处理结果为“{outcome_label(key)}”时须写明理由")
        _fire(req, "propose_reply")
        _event(
            req,
            EventKind.REPLY_PROPOSED,
            day,
            user,
            {"outcome": key, "reason": reason.strip(), "articles": articles.strip()},
        )
    return req


def return_reply(
    request: Request | int, user: Any, *, on: Any, note: str, version: int | None = None
) -> Request:
    with _acting(request, user, "return_reply", version) as req:
        day = _date(req, on, "退回日期")
        if not (note or "").strip():
            raise LedgerError("请写明退回的理由")
        _fire(req, "return_reply")
        _event(req, EventKind.REPLY_RETURNED, day, user, note=note.strip())
    return req


def reply(
    request: Request | int,
    user: Any,
    *,
    replied_on: Any,
    outcome: str | None = None,
    reason: str = "",
    articles: str = "",
    method: str = "",
    version: int | None = None,
) -> Request:
    """答复 (签发): the outcome and closed_on are set. After a proposal the proposed outcome is used
    unless another is given; an on-the-spot reply is :func:`register` then this, the same day."""
    with _acting(request, user, "reply", version) as req:
        day = _date(req, replied_on, "答复日期")
        if outcome is None and req.state == State.UNDER_REVIEW:
            proposed = _events(req, EventKind.REPLY_PROPOSED)[-1].data
            outcome = proposed["outcome"]
            reason = reason or proposed.get("reason", "")
            articles = articles or proposed.get("articles", "")
        if outcome is None:
            raise LedgerError("请选择处理结果")
        key = _reply_outcome(outcome)
        if method:
            req.reply_method = _choice(
                method, list(Request._meta.get_field("reply_method").choices), "答复方式"
            )
        _fire(req, "reply")
        _close(req, key, day, reason, articles)
        _event(req, EventKind.REPLIED, day, user, {"outcome": key, "articles": articles})
    return req


def withdraw(
    request: Request | int,
    user: Any,
    *,
    on: Any,
    reason: str = "申请人撤回申请",
    version: int | None = None,
) -> Request:
    """撤回 → outcome ``other.other`` with its reason (a draft withdrawn was never received)."""
    with _acting(request, user, "withdraw", version) as req:
        return _withdraw(req, user, on, reason)


def _withdraw(req: Request, user: Any, on: Any, reason: str) -> Request:
    day = _date(req, on, "撤回日期")
    _fire(req, "withdraw")
    if req.received_on is None:
        req.counts_in_report = False
        req.received_on = day
    _close(req, "other.other", day, reason)
    _event(req, EventKind.WITHDRAWN, day, user, {"outcome": req.outcome}, reason)
    return req


def applicant_withdraw(number: str, query_code: str, *, on: Any, reason: str = "申请人撤回申请") -> Request:
    """The applicant withdraws through the portal, proving who they are by number and query code."""
    with transaction.atomic():
        req = Request.objects.select_for_update().filter(number=number, query_code=query_code).first()
        if req is None or not query_code:
            raise NotFound("申请编号或查询码不正确")
        req.warnings = []
        _withdraw(req, None, on, reason)
        _save(req)
    return req


def deliver(
    request: Request | int, user: Any, *, delivered_on: Any, proof: str = "", version: int | None = None
) -> Request:
    with _acting(request, user, "deliver", version) as req:
        day = _date(req, delivered_on, "送达日期")
        _fire(req, "deliver")
        req.delivered_on, req.delivery_proof = day, (proof or "").strip()
        _event(req, EventKind.DELIVERED, day, user, {"proof": req.delivery_proof})
    return req


def archive(request: Request | int, user: Any, *, archived_on: Any, version: int | None = None) -> Request:
    with _acting(request, user, "archive", version) as req:
        day = _date(req, archived_on, "归档日期")
        _fire(req, "archive")
        req.archived_on = day
        _event(req, EventKind.ARCHIVED, day, user)
    return req


def add_note(request: Request | int, user: Any, *, text: str, version: int | None = None) -> Request:
    """An internal note (never shown to the applicant)."""
    with _acting(request, user, "add_note", version) as req:
        if not (text or "").strip():
            raise LedgerError("备注不能为空")
        stamp = today()
        req.internal_notes = (
            req.internal_notes + "\n" if req.internal_notes else ""
        ) + f"{stamp}：{text.strip()}"
        _event(req, EventKind.NOTE, stamp, user, note=text.strip())
    return req


def reopen(request: Request | int, user: Any, *, on: Any, reason: str, version: int | None = None) -> Request:
    """重新办理 after a review or a court corrected the reply: a new linked request received ``on``
    (it counts as 本年新收: ledger.md [setting], default yes)."""
    with _acting(request, user, "reopen", version) as old:
        if old.state not in CLOSED_STATES:
            raise LedgerError(f"申请 {old.number} 尚未办结，不能重新办理")
        day = _date(old, on, "重新办理日期", after_last=False)
        if not (reason or "").strip():
            raise LedgerError("请写明重新办理的原因（如复议决定书文号）")
        _event(old, EventKind.REOPENED, max(day, _last_event(old).effective_on), user, note=reason.strip())
        fields = {f: getattr(old, f) for f in DETAIL_FIELDS}
        new = Request(
            agency=old.agency,
            number=_next_number(old.agency, day.year),
            query_code=new_query_code(),
            channel=old.channel,
            submitted_on=day,
            received_on=day,
            receipt_basis=ReceiptBasis.SUBMITTED,
            registered_by=_user(user),
            reopened_from=old,
            applicant_user=old.applicant_user,
            **fields,
        )
        new.state = State.REGISTERED
        new._history_user = _user(user)
        new.version = 0
        new.warnings = []
        _save(new, [])
        _event(new, EventKind.REOPENED, day, user, {"from": old.number}, reason.strip())
    return new
