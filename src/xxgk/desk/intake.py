"""The registration form (Art 29), the deadlines it previews as the clerk types, and the duplicate
warning: what the 申请登记 page needs beside :func:`xxgk.ledger.services.register`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from rapidfuzz import fuzz

from xxgk.agencies.models import Agency
from xxgk.deadlines import compute_deadlines, date_of_receipt
from xxgk.desk.actions import DateInput
from xxgk.ledger.models import Carrier, IdType, ObtainMethod, Request
from xxgk.ledger.vocabulary import APPLICANT_CHOICES, CHANNEL_CHOICES, channel
from xxgk.workdays import fmt

SIMILAR = 80
"""rapidfuzz partial ratio from which two descriptions by the same applicant are called the same."""
DUPLICATES_SHOWN = 5


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class RegisterForm(forms.Form):
    channel = forms.ChoiceField(label="申请方式", choices=CHANNEL_CHOICES)
    submitted_on = forms.DateField(label="提交（签收）日期", widget=DateInput)
    confirmed_on = forms.DateField(
        label="确认日期",
        required=False,
        widget=DateInput,
        help_text="互联网、传真、平常信函申请与申请人确认的日期",
    )
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_CHOICES)
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=200)
    id_type = forms.ChoiceField(label="证件类型", choices=_blank(IdType.choices), required=False)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    uscc = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    legal_representative = forms.CharField(label="法定代表人", max_length=100, required=False)
    contact_person = forms.CharField(label="联系人", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=300, required=False)
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字"}
    )
    agent_name = forms.CharField(label="委托代理人", max_length=100, required=False)
    description = forms.CharField(
        label="所需政府信息的名称或特征描述", widget=forms.Textarea(attrs={"rows": 4})
    )
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    index_number = forms.CharField(label="索引号", max_length=100, required=False)
    obtain_method = forms.ChoiceField(label="获取方式", choices=_blank(ObtainMethod.choices), required=False)
    carrier = forms.ChoiceField(label="载体形式", choices=_blank(Carrier.choices), required=False)
    purpose = forms.CharField(label="用途说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    note = forms.CharField(label="登记备注", max_length=500, required=False)
    same_anyway = forms.BooleanField(label="已核对疑似重复的申请，仍作为新申请登记", required=False)

    GROUPS = (
        ("收到申请", ("channel", "submitted_on", "confirmed_on")),
        (
            "申请人",
            (
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
            ),
        ),
        (
            "所需信息",
            ("description", "document_number", "index_number", "obtain_method", "carrier", "purpose", "note"),
        ),
    )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("same_anyway", None)
        return {k: v for k, v in data.items() if v not in (None, "")}


def duplicates(agency: Agency, name: str, description: str) -> list[Request]:
    """Earlier requests to ``agency`` by the same applicant asking for much the same (重复申请 check)."""
    name = (name or "").strip()
    if not name or not description:
        return []
    earlier = Request.objects.filter(agency=agency, applicant_name=name).only(
        "number", "description", "received_on", "state", "outcome"
    )
    found = [
        r
        for r in earlier.order_by("-received_on")[:200]
        if fuzz.partial_ratio(r.description, description) >= SIMILAR
    ]
    return found[:DUPLICATES_SHOWN]


def preview(chan: str, submitted: dt.date, confirmed: dt.date | None) -> dict[str, Any]:
    """The date of receipt and the statutory dates that follow from it, explained (for the live box)."""
    receipt = date_of_receipt(channel(chan), submitted, confirmed)
    assert receipt.date is not None
    result = compute_deadlines(receipt.date, receipt=receipt)
    rows = [result.receipt, result.correction_notice_due, result.reply_due, result.extended_reply_due]
    return {
        "received": receipt.date.isoformat(),
        "deadlines": [
            {"label": d.label, "date": fmt(d.date) if d.date else "—", "explanation": d.explanation}
            for d in rows
        ],
        "warnings": list(result.warnings),
    }
