"""The request ledger (ledger.md § Requests): requests, their append-only events, issued notices and
信息处理费 charges.

A request's *state* says where it is, its *outcome* how it ended (a section 三 row key of edition 2021,
from :mod:`xxgk.ledger.vocabulary`). Dates the law sets are never typed in: they are computed from the
events by :mod:`xxgk.deadlines` (see :mod:`xxgk.ledger.clock`) and cached here with their explanation.
Transitions are django-fsm methods called only by :mod:`xxgk.ledger.services`, which writes the event,
recomputes the dates and bumps ``version`` in one transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from xxgk.agencies.models import Agency, Department
from xxgk.ledger.crypto import EncryptedTextField
from xxgk.ledger.permissions import transition_permission
from xxgk.ledger.vocabulary import APPLICANT_CHOICES, CHANNEL_CHOICES, OUTCOME_CHOICES


class State(models.TextChoices):
    DRAFT = "draft", "待确认"
    REGISTERED = "registered", "已登记"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    IN_PROGRESS = "in_progress", "办理中"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    UNDER_REVIEW = "under_review", "待审核"
    REPLIED = "replied", "已答复"
    TERMINATED = "terminated", "已终止"
    DELIVERED = "delivered", "已送达"
    ARCHIVED = "archived", "已归档"


OPEN_STATES = (
    State.REGISTERED,
    State.AWAITING_CORRECTION,
    State.IN_PROGRESS,
    State.CONSULTING,
    State.AWAITING_FEE,
    State.UNDER_REVIEW,
)
"""States in which the request has been received and not yet closed (the agency's clock may run)."""
CLOSED_STATES = (State.REPLIED, State.TERMINATED, State.DELIVERED, State.ARCHIVED)
HANDLING_STATES = (State.REGISTERED, State.IN_PROGRESS)
"""States from which the agency acts on the substance (assign, consult, fee notice, propose a reply)."""


class ReceiptBasis(models.TextChoices):
    """How received_on was fixed (Art 31)."""

    SUBMITTED = "submitted", "当面提交"
    SIGNED = "signed", "签收"
    CONFIRMED = "confirmed", "确认"


class ObtainMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    INSPECT = "inspect", "当场查阅"
    FAX = "fax", "传真"
    ONLINE = "online", "在线"


class Carrier(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MO_TW = "hk_mo_tw", "港澳台居民证件"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Request(models.Model):
    """One application (一件). Invariant: ``received_on ≤ closed_on``."""

    # identity
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="requests")
    number = models.CharField("申请编号", max_length=64)
    query_code = models.CharField("查询码", max_length=16, blank=True)
    # intake
    channel = models.CharField("申请方式", max_length=16, choices=CHANNEL_CHOICES)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_on = models.DateField("提交（签收）日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    receipt_basis = models.CharField("收到日期依据", max_length=16, choices=ReceiptBasis.choices, blank=True)
    receipt_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # applicant (a snapshot)
    applicant_type = models.CharField("申请人类型", max_length=16, choices=APPLICANT_CHOICES)
    applicant_name = models.CharField("申请人姓名/名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices, blank=True)
    id_number = EncryptedTextField("证件号码", blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=100, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    email = EncryptedTextField("电子邮箱", blank=True)
    address = EncryptedTextField("通信地址", blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    agent_name = models.CharField("委托代理人", max_length=100, blank=True)
    agent_authorisation = models.TextField("委托情况", blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人账户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_requests",
    )
    # what
    description = models.TextField("申请内容（名称/特征描述）")
    document_number = models.CharField("文号", max_length=100, blank=True)
    index_number = models.CharField("索引号", max_length=100, blank=True)
    obtain_method = models.CharField("获取方式", max_length=16, choices=ObtainMethod.choices, blank=True)
    carrier = models.CharField("载体形式", max_length=16, choices=Carrier.choices, blank=True)
    purpose = models.TextField("用途说明", blank=True)
    # handling
    department = models.ForeignKey(
        Department, verbose_name="承办科室", null=True, blank=True, on_delete=models.SET_NULL
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_requests",
    )
    state = FSMField("状态", max_length=24, choices=State.choices, default=State.DRAFT, db_index=True)
    internal_notes = models.TextField("内部备注", blank=True)
    # computed from the events by xxgk.deadlines (xxgk.ledger.clock)
    correction_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    applicant_due = models.DateField("申请人补正/缴费期限", null=True, blank=True)
    overdue = models.BooleanField("已逾期", default=False, db_index=True)
    due_soon = models.BooleanField("即将到期", default=False)
    deadline_explanation = models.JSONField("期限说明", default=dict, blank=True)
    swept_on = models.DateField("最近核查日期", null=True, blank=True)
    # ending
    outcome = models.CharField("处理结果", max_length=32, choices=OUTCOME_CHOICES, blank=True, db_index=True)
    outcome_reason = models.TextField("理由", blank=True)
    articles = models.CharField("依据条款", max_length=200, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    reply_method = models.CharField("答复方式", max_length=16, choices=ObtainMethod.choices, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_proof = models.CharField("送达凭证", max_length=200, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("收费金额（元）", null=True, blank=True)
    counts_in_report = models.BooleanField(
        "计入年度报告", default=True, help_text="草稿（未确认的在线申请）不计入"
    )
    # links
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="重复申请之原申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    split_from = models.ForeignKey(
        "self", verbose_name="拆分自", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_from = models.ForeignKey(
        "self", verbose_name="重新办理自", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    competent_agency = models.CharField("告知的负责机关", max_length=200, blank=True)
    # bookkeeping
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["swept_on", "updated_at"])

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="request_unique_number"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(received_on__isnull=True)
                | models.Q(closed_on__gte=models.F("received_on")),
                name="request_closed_after_received",
            ),
        ]
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["agency", "closed_on"])]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.received_on and self.closed_on and self.closed_on < self.received_on:
            raise ValidationError({"closed_on": "办结日期不能早于收到申请日期"})

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    # The transitions (ledger.md § States and transitions). Only xxgk.ledger.services calls them: they
    # change the state; the service checks the input, the permission, writes the event and the dates.

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.REGISTERED,
        permission=transition_permission("confirm_receipt"),
    )
    def confirm_receipt(self) -> None: ...

    @transition(
        field=state, source=State.DRAFT, target=State.REGISTERED, permission=transition_permission("register")
    )
    def register(self) -> None: ...

    @transition(
        field=state,
        source=HANDLING_STATES,
        target=State.AWAITING_CORRECTION,
        permission=transition_permission("request_correction"),
    )
    def request_correction(self) -> None: ...

    @transition(
        field=state,
        source=State.AWAITING_CORRECTION,
        target=State.IN_PROGRESS,
        permission=transition_permission("receive_correction"),
    )
    def receive_correction(self) -> None: ...

    @transition(
        field=state,
        source=State.AWAITING_CORRECTION,
        target=State.TERMINATED,
        permission=transition_permission("lapse_correction"),
    )
    def lapse_correction(self) -> None: ...

    @transition(
        field=state,
        source=HANDLING_STATES,
        target=State.IN_PROGRESS,
        permission=transition_permission("assign"),
    )
    def assign(self) -> None: ...

    @transition(
        field=state,
        source=HANDLING_STATES,
        target=State.CONSULTING,
        permission=transition_permission("start_consultation"),
    )
    def start_consultation(self) -> None: ...

    @transition(
        field=state,
        source=State.CONSULTING,
        target=State.IN_PROGRESS,
        permission=transition_permission("end_consultation"),
    )
    def end_consultation(self) -> None: ...

    @transition(
        field=state, source=OPEN_STATES, target=None, permission=transition_permission("approve_extension")
    )
    def approve_extension(self) -> None: ...

    @transition(
        field=state,
        source=HANDLING_STATES,
        target=State.AWAITING_FEE,
        permission=transition_permission("issue_fee_notice"),
    )
    def issue_fee_notice(self) -> None: ...

    @transition(
        field=state,
        source=State.AWAITING_FEE,
        target=State.IN_PROGRESS,
        permission=transition_permission("record_payment"),
    )
    def record_payment(self) -> None: ...

    @transition(
        field=state,
        source=State.AWAITING_FEE,
        target=State.TERMINATED,
        permission=transition_permission("lapse_fee"),
    )
    def lapse_fee(self) -> None: ...

    @transition(
        field=state,
        source=HANDLING_STATES,
        target=State.UNDER_REVIEW,
        permission=transition_permission("propose_reply"),
    )
    def propose_reply(self) -> None: ...

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.IN_PROGRESS,
        permission=transition_permission("return_reply"),
    )
    def return_reply(self) -> None: ...

    @transition(
        field=state,
        source=(*HANDLING_STATES, State.UNDER_REVIEW),
        target=State.REPLIED,
        permission=transition_permission("reply"),
    )
    def reply(self) -> None: ...

    @transition(
        field=state,
        source=(State.DRAFT, *OPEN_STATES),
        target=State.TERMINATED,
        permission=transition_permission("withdraw"),
    )
    def withdraw(self) -> None: ...

    @transition(
        field=state,
        source=(State.REPLIED, State.TERMINATED),
        target=State.DELIVERED,
        permission=transition_permission("deliver"),
    )
    def deliver(self) -> None: ...

    @transition(
        field=state,
        source=(State.REPLIED, State.TERMINATED, State.DELIVERED),
        target=State.ARCHIVED,
        permission=transition_permission("archive"),
    )
    def archive(self) -> None: ...


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交申请"
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    REGISTERED = "registered", "登记"
    CORRECTION_REQUESTED = "correction_requested", "发出补正告知"
    CORRECTION_RECEIVED = "correction_received", "收到补正申请"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    ASSIGNED = "assigned", "交办"
    CONSULTATION_STARTED = "consultation_started", "发出征求意见书"
    CONSULTATION_ENDED = "consultation_ended", "收到征求意见回复"
    EXTENSION_APPROVED = "extension_approved", "批准延期答复"
    REASONS_ASKED = "reasons_asked", "要求说明理由"
    FEE_NOTICE_ISSUED = "fee_notice_issued", "发出收费通知"
    FEE_NOTICE_RECEIVED = "fee_notice_received", "申请人收到收费通知"
    FEE_PAID = "fee_paid", "缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    REPLY_PROPOSED = "reply_proposed", "拟办答复"
    REPLY_RETURNED = "reply_returned", "退回答复"
    REPLIED = "replied", "答复"
    WITHDRAWN = "withdrawn", "撤回申请"
    DELIVERED = "delivered", "送达"
    ARCHIVED = "archived", "归档"
    REOPENED = "reopened", "重新办理"
    NOTE = "note", "备注"
    IMPORTED = "imported", "从台账导入"


class RequestEvent(models.Model):
    """A legal act on a request, with the day it took effect. Rows are never changed or deleted."""

    request = models.ForeignKey(Request, verbose_name="申请", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=32, choices=EventKind.choices)
    effective_on = models.DateField("生效日期")
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField("内容", default=dict, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.effective_on} {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("办理记录一经写入不能修改；更正请另行记录")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("办理记录不能删除")


class NoticeKind(models.TextChoices):
    """The notice set of ledger.md § Notices; the value is also the 文号 type suffix's key."""

    RECEIPT = "receipt", "接收回执"
    CORRECTION = "correction", "补正告知书"
    REASONS = "reasons", "说明理由告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求意见书"
    CONSULTATION_NOTICE = "consultation_notice", "征求意见告知书"
    THIRD_PARTY = "third_party", "依申请公开告知书"
    FEE = "fee", "收费通知书"
    REPLY = "reply", "政府信息公开申请答复书"
    TERMINATION = "termination", "终止办理告知书"
    DELIVERY = "delivery", "送达回证"


class Notice(models.Model):
    """A notice generated from the agency's template. Once issued its number, context, file and
    checksum never change; a re-issue is a new notice."""

    request = models.ForeignKey(
        Request, verbose_name="申请", on_delete=models.PROTECT, related_name="notices"
    )
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField("文书类型", max_length=24, choices=NoticeKind.choices)
    year = models.PositiveIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=100)
    context = models.JSONField("内容", default=dict)
    docx = models.BinaryField("Word 文件")
    checksum = models.CharField("SHA-256", max_length=64)
    issued_on = models.DateField("印发日期")
    issued_at = models.DateTimeField("生成时间", auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replaces = models.ForeignKey(
        "self", verbose_name="重新印发自", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="notice_unique_number"),
            models.UniqueConstraint(fields=["agency", "year", "kind", "serial"], name="notice_unique_serial"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("已印发的告知书不能修改；如需更正请重新印发")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("已印发的告知书不能删除")


class FeeScale(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class FeeCharge(models.Model):
    """A 信息处理费 charge (ledger.md § The other ledgers): the amount comes from :mod:`xxgk.fees`.
    Section 六's sentence on fees collected is the sum of ``amount`` over charges paid in the year."""

    request = models.ForeignKey(Request, verbose_name="申请", on_delete=models.PROTECT, related_name="fees")
    scale = models.CharField("计收方式", max_length=16, choices=FeeScale.choices)
    units = models.PositiveIntegerField("件数/页数")
    already = models.PositiveIntegerField("本月此前已计件数", default=0)
    amount = models.PositiveIntegerField("金额（元）")
    explanation = models.TextField("计算说明", blank=True)
    issued_on = models.DateField("通知发出日期")
    received_on = models.DateField("申请人收到日期", null=True, blank=True)
    pay_by = models.DateField("缴费期限", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True, db_index=True)
    receipt_number = models.CharField("票据号", max_length=64, blank=True)
    waived = models.BooleanField("减免", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "信息处理费"
        verbose_name_plural = "信息处理费"
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return f"{self.request} {self.amount}元"
