"""What the lists and the home page ask of the request ledger, always within the user's scope
(:func:`xxgk.ledger.permissions.visible_requests`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from xxgk.agencies.models import Department, Role
from xxgk.agencies.permissions import staff_of
from xxgk.ledger.models import OPEN_STATES, Request, State
from xxgk.ledger.permissions import PERSONAL_DATA_ROLES, visible_requests
from xxgk.ledger.vocabulary import OUTCOME_CHOICES
from xxgk.workdays import default_calendar

TASK_ROWS = 15
"""Requests a task group of the home page lists; the group links to the whole list."""
SORTS = {
    "received": ("-received_on", "-id"),
    "-received": ("received_on", "id"),
    "due": ("reply_due", "id"),
    "-due": ("-reply_due", "-id"),
    "number": ("number",),
    "-number": ("-number",),
    "state": ("state", "-received_on"),
}
LIST_FIELDS = (
    "agency__name",
    "number",
    "applicant_type",
    "applicant_name",
    "description",
    "channel",
    "received_on",
    "reply_due",
    "state",
    "outcome",
    "closed_on",
    "overdue",
    "due_soon",
    "department__name",
    "handler__staff__display_name",
    "handler__username",
    "version",
)


class ListFilter(forms.Form):
    q = forms.CharField(label="查找", required=False)
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("open", "未办结"), *State.choices]
    )
    outcome = forms.ChoiceField(label="处理结果", required=False, choices=[("", "全部"), *OUTCOME_CHOICES])
    department = forms.TypedChoiceField(label="科室", required=False, coerce=int, empty_value=None)
    handler = forms.CharField(label="承办人", required=False)
    year = forms.IntegerField(label="收到年度", required=False, min_value=2008, max_value=2100)
    overdue = forms.BooleanField(label="仅逾期", required=False)
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[
            ("received", "收到日期（新→旧）"),
            ("-received", "收到日期（旧→新）"),
            ("due", "答复期限（近→远）"),
            ("-due", "答复期限（远→近）"),
            ("number", "申请编号"),
            ("state", "状态"),
        ],
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = staff_of(user)
        if staff is not None:
            self.fields["department"].queryset = Department.objects.filter(agency=staff.agency).order_by(
                "name"
            )


def requests_for(user: Any, flt: ListFilter) -> QuerySet[Request]:
    qs = visible_requests(user)
    data = flt.cleaned_data if flt.is_valid() else {}
    if data.get("state") == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("outcome"):
        qs = qs.filter(outcome=data["outcome"])
    if data.get("department"):
        qs = qs.filter(department_id=data["department"])
    if data.get("handler"):
        h = data["handler"].strip()
        qs = qs.filter(Q(handler__username=h) | Q(handler__staff__display_name=h))
    if data.get("year"):
        qs = qs.filter(received_on__year=data["year"])
    if data.get("overdue"):
        qs = qs.filter(overdue=True, state__in=OPEN_STATES)
    if text := (data.get("q") or "").strip():
        match = Q(number__icontains=text) | Q(description__icontains=text)
        staff = staff_of(user)
        if staff is not None and staff.role in PERSONAL_DATA_ROLES:
            match |= Q(applicant_name__icontains=text)
        qs = qs.filter(match)
    return qs.order_by(*SORTS.get(data.get("sort") or "received", SORTS["received"]))


@dataclass
class Task:
    request: Any
    due: dt.date | None
    left: int | None
    """Working days from today to ``due`` (negative: overdue by that many)."""

    @property
    def late(self) -> int:
        return -self.left if self.left is not None and self.left < 0 else 0


TASK_FIELDS = ("number", "description", "reply_due", "applicant_due", "state", "agency_id")


FIGURES_SECONDS = 60
"""This year's figures on the home page are kept this long per user (they change slowly, and counting
them reads every request of the year)."""


def home(user: Any, today: dt.date) -> dict[str, Any]:
    """The home page's task groups, counts per open state and the year's figures, in the user's scope.

    The task counts are one pass over the open requests (a small share of the ledger, found through the
    (agency, state) index); only the groups that have requests fetch their first rows."""
    mine = visible_requests(user)
    opened = mine.filter(state__in=OPEN_STATES)
    staff = staff_of(user)
    groups = [
        ("overdue", "已逾期", Q(overdue=True), "reply_due", "state=open&overdue=on&sort=due"),
        ("due_soon", "3个工作日内到期", Q(due_soon=True, overdue=False), "reply_due", "state=open&sort=due"),
        (
            "correction",
            "等待申请人补正",
            Q(state=State.AWAITING_CORRECTION),
            "applicant_due",
            "state=awaiting_correction",
        ),
        ("consulting", "征求意见中", Q(state=State.CONSULTING), "reply_due", "state=consulting"),
        ("fee", "等待缴费", Q(state=State.AWAITING_FEE), "applicant_due", "state=awaiting_fee"),
    ]
    own = None
    if staff is not None and staff.role in (Role.APPROVER, Role.HEAD):
        own = ("approval", "等待我审核", Q(state=State.UNDER_REVIEW), "reply_due", "state=under_review")
    elif staff is not None and staff.role == Role.HANDLER:
        own = ("assigned", "交给我办理", Q(state=State.IN_PROGRESS), "reply_due", "state=in_progress")
    elif staff is not None and staff.role == Role.CLERK:
        own = ("registered", "待交办", Q(state=State.REGISTERED), "reply_due", "state=registered")
    if own is not None:
        groups.insert(1, own)
    totals = opened.aggregate(
        **{f"group_{key}": Count("pk", filter=condition) for key, _, condition, _, _ in groups},
        **{f"state_{value}": Count("pk", filter=Q(state=value)) for value in OPEN_STATES},
        all_open=Count("pk"),
        all_overdue=Count("pk", filter=Q(overdue=True)),
    )
    cal = default_calendar()
    tasks = []
    for key, label, condition, due_field, query in groups:
        total = totals[f"group_{key}"]
        rows = []
        if total:
            for r in opened.filter(condition).only(*TASK_FIELDS).order_by(due_field, "id")[:TASK_ROWS]:
                due = getattr(r, due_field)
                rows.append(Task(r, due, cal.between(today, due) if due else None))
        tasks.append({"key": key, "label": label, "rows": rows, "total": total, "query": query})
    labels = dict(State.choices)
    per_state = [
        {"state": value, "label": labels[value], "n": totals[f"state_{value}"]}
        for value in OPEN_STATES
        if totals[f"state_{value}"]
    ]
    figures = {
        "open": totals["all_open"],
        "overdue": totals["all_overdue"],
        **year_figures(user, mine, today),
    }
    return {"tasks": tasks, "per_state": per_state, "figures": figures}


def year_figures(user: Any, mine: QuerySet[Request], today: dt.date) -> dict[str, int]:
    key = f"desk:figures:{user.pk}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        counted = mine.filter(counts_in_report=True)
        first = dt.date(today.year, 1, 1)
        found = {
            "received": counted.filter(received_on__gte=first).count(),
            "closed": counted.filter(closed_on__gte=first).count(),
        }
        cache.set(key, found, FIGURES_SECONDS)
    return found
