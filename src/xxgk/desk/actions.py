"""The actions a request page offers: for each service of :mod:`xxgk.ledger.services`, the form that
asks for its arguments. Which ones a user sees is the ledger's rule (:func:`~xxgk.ledger.permissions.may`)
and the state machine's (``can_proceed``); the service decides again when the form is sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_fsm import can_proceed

from xxgk.agencies.models import Role
from xxgk.deadlines import ConsultationKind
from xxgk.ledger import notices, services
from xxgk.ledger.models import CLOSED_STATES, FeeScale, NoticeKind, ObtainMethod, Request, State
from xxgk.ledger.permissions import may
from xxgk.ledger.vocabulary import OUTCOME_CHOICES

CONSULTATION_KINDS = [
    (ConsultationKind.THIRD_PARTY.value, "第三方"),
    (ConsultationKind.AGENCY.value, "其他机关"),
]


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _date(label: str, required: bool = True, today: bool = True) -> forms.DateField:
    """A date field; ``today``: filled in with today's date (most acts are recorded the day they happen)."""
    field = forms.DateField(label=label, required=required, widget=DateInput)
    field.today = today and required
    return field


def _text(label: str, required: bool = True, rows: int = 0, initial: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(label=label, required=required, widget=widget, initial=initial)


def _outcome(required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(label="处理结果", choices=[("", "—"), *OUTCOME_CHOICES], required=required)


@dataclass(frozen=True)
class Action:
    key: str
    fields: Callable[[Request], dict[str, forms.Field]]
    primary: bool = False
    when: Callable[[Request], bool] | None = None
    """For actions that are not a transition of the state machine: when the state allows them."""
    runner: Callable[..., Any] | None = None
    """The function that acts, when it is not the service of the same name."""

    @property
    def label(self) -> str:
        return services.ACTION_LABELS[self.key]

    def form(self, req: Request, data: Any = None) -> forms.Form:
        form_class = type(f"{self.key}_form", (forms.Form,), self.fields(req))
        form = form_class(data, prefix=self.key)
        for name, field in form.fields.items():
            if getattr(field, "today", False):
                form.initial.setdefault(name, timezone.localdate().isoformat())
        return form

    def run(self, req: Request, user: Any, data: dict[str, Any], version: int) -> Any:
        function = self.runner or getattr(services, self.key)
        args = {k: v for k, v in data.items() if v not in (None, "")}
        return function(req, user, version=version, **args)


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        staff = getattr(obj, "staff", None)
        return (staff.display_name if staff else "") or obj.get_username()


def _assign_fields(req: Request) -> dict[str, forms.Field]:
    handlers = get_user_model().objects.filter(staff__agency=req.agency, staff__role=Role.HANDLER)
    return {
        "on": _date("交办日期"),
        "department": forms.ModelChoiceField(
            label="承办科室", queryset=req.agency.departments.order_by("name"), required=False
        ),
        "handler": StaffChoice(label="承办人", queryset=handlers.select_related("staff"), required=False),
    }


ACTIONS: tuple[Action, ...] = (
    Action("confirm_receipt", lambda r: {"confirmed_on": _date("确认收到日期")}, primary=True),
    Action("assign", _assign_fields, primary=True),
    Action(
        "request_correction",
        lambda r: {
            "sent_on": _date("告知日期"),
            "correct_by": _date("补正期限", today=False),
            "what": _text("需要补正的事项", rows=3),
        },
    ),
    Action("receive_correction", lambda r: {"received_on": _date("收到补正日期")}, primary=True),
    Action(
        "lapse_correction",
        lambda r: {"on": _date("终止日期"), "reason": _text("理由", initial="申请人逾期未补正")},
    ),
    Action(
        "start_consultation",
        lambda r: {
            "sent_on": _date("发出日期"),
            "kind": forms.ChoiceField(label="征求对象", choices=CONSULTATION_KINDS),
            "party": _text("第三方或机关名称"),
        },
    ),
    Action(
        "end_consultation",
        lambda r: {"answered_on": _date("回复日期"), "opinion": _text("意见", required=False, rows=2)},
        primary=True,
    ),
    Action(
        "approve_extension", lambda r: {"approved_on": _date("批准日期"), "reason": _text("延期理由", rows=2)}
    ),
    Action(
        "ask_reasons",
        lambda r: {"on": _date("日期"), "note": _text("说明", rows=2)},
        when=lambda r: r.is_open,
    ),
    Action(
        "issue_fee_notice",
        lambda r: {
            "issued_on": _date("通知发出日期"),
            "scale": forms.ChoiceField(label="计收方式", choices=FeeScale.choices),
            "units": forms.IntegerField(label="件数/页数", min_value=1, initial=1),
            "received_on": _date("申请人收到日期", required=False),
        },
    ),
    Action(
        "fee_notice_received",
        lambda r: {"on": _date("申请人收到日期")},
        when=lambda r: r.state == State.AWAITING_FEE,
    ),
    Action(
        "record_payment",
        lambda r: {"paid_on": _date("缴费日期"), "receipt_number": _text("票据号", required=False)},
        primary=True,
    ),
    Action(
        "lapse_fee", lambda r: {"on": _date("终止日期"), "reason": _text("理由", initial="申请人逾期未缴费")}
    ),
    Action(
        "propose_reply",
        lambda r: {
            "on": _date("拟办日期"),
            "outcome": _outcome(True),
            "reason": _text("理由", required=False, rows=2),
            "articles": _text("依据条款", required=False),
        },
        primary=True,
    ),
    Action("return_reply", lambda r: {"on": _date("退回日期"), "note": _text("退回意见", rows=2)}),
    Action(
        "reply",
        lambda r: {
            "replied_on": _date("答复日期"),
            "outcome": _outcome(r.state != State.UNDER_REVIEW),
            "reason": _text("理由", required=False, rows=2),
            "articles": _text("依据条款", required=False),
            "method": forms.ChoiceField(
                label="答复方式", choices=[("", "—"), *ObtainMethod.choices], required=False
            ),
        },
        primary=True,
    ),
    Action(
        "withdraw", lambda r: {"on": _date("撤回日期"), "reason": _text("理由", initial="申请人撤回申请")}
    ),
    Action(
        "deliver",
        lambda r: {"delivered_on": _date("送达日期"), "proof": _text("送达凭证", required=False)},
        primary=True,
    ),
    Action("archive", lambda r: {"archived_on": _date("归档日期")}),
    Action(
        "reopen",
        lambda r: {"on": _date("重新办理日期"), "reason": _text("原因（如复议决定书文号）")},
        when=lambda r: r.state in CLOSED_STATES,
    ),
    Action("add_note", lambda r: {"text": _text("备注", rows=2)}, when=lambda r: True),
    Action(
        "issue_notice",
        lambda r: {
            "kind": forms.ChoiceField(label="告知书类型", choices=NoticeKind.choices),
            "issued_on": _date("印发日期"),
        },
        when=lambda r: r.received_on is not None,
        runner=notices.issue_notice,
    ),
)
BY_KEY = {a.key: a for a in ACTIONS}


def allowed(action: Action, req: Request, user: Any) -> bool:
    """Whether the page offers ``action``: the user's role allows it and so does the request's state."""
    if not may(action.key, user, req):
        return False
    if action.when is not None:
        return action.when(req)
    method = getattr(req, action.key, None)
    return method is not None and can_proceed(method)


def offered(req: Request, user: Any) -> list[Action]:
    return [a for a in ACTIONS if allowed(a, req, user)]
