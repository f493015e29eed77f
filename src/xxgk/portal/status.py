"""What an applicant sees of their request, and the two things they may do (补正, 撤回).

portal.md § What the applicant sees: the state in plain words, the date of receipt, the due dates with
the deadline engine's explanation, the notices issued — never a handler's name or an internal note.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from xxgk.agencies import options
from xxgk.ledger.models import EventKind, Notice, Request, State
from xxgk.portal import texts, uploads
from xxgk.portal.models import OnlineSubmission, SubmissionFile
from xxgk.workdays import fmt

PLAIN = {
    State.DRAFT: "已提交，待确认接收",
    State.REGISTERED: "办理中",
    State.IN_PROGRESS: "办理中",
    State.UNDER_REVIEW: "办理中",
    State.CONSULTING: "征求意见中（不计入答复期限）",
    State.AWAITING_CORRECTION: "待补正",
    State.AWAITING_FEE: "待缴费",
    State.REPLIED: "已答复",
    State.TERMINATED: "已终止",
    State.DELIVERED: "已送达",
    State.ARCHIVED: "已办结",
}
CLOSED = (State.REPLIED, State.TERMINATED, State.DELIVERED, State.ARCHIVED)
WITHDRAWN_BEFORE_RECEIPT = "已撤回（未确认接收，不作为申请办理）"


@dataclass
class DueDate:
    label: str
    on: date | None
    explanation: str


@dataclass
class StatusView:
    label: str
    detail: str
    received_on: date | None
    submitted_at: object
    dates: list[DueDate] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    may_correct: bool = False
    may_withdraw: bool = False
    correction_pending: bool = False
    correction_what: str = ""
    withdrawn: bool = False
    void: bool = False


def _last(req: Request, kind: str):
    return req.events.filter(kind=kind).order_by("-effective_on", "-pk").first()


REPLY_KEYS = ("extended_reply_due", "reply_due")
"""The deadline engine's keys of the reply date (the extended one once an extension is approved)."""


def _dates(req: Request) -> list[DueDate]:
    """The date of receipt and the due dates the ledger cached, each with the engine's explanation."""
    explained = req.deadline_explanation or {}
    by_key = {d.get("key"): d for d in explained.get("deadlines", [])}
    out = []
    receipt = explained.get("receipt") or {}
    if req.received_on and receipt.get("explanation"):
        out.append(DueDate("收到申请日期的确定", req.received_on, receipt["explanation"]))
    if req.reply_due and req.state not in CLOSED:
        iso = req.reply_due.isoformat()
        found = next((by_key[k] for k in REPLY_KEYS if k in by_key and by_key[k].get("date") == iso), {})
        out.append(DueDate(found.get("label") or "答复期限", req.reply_due, found.get("explanation", "")))
    if req.applicant_due:
        out.append(DueDate("您的补正或缴费期限", req.applicant_due, ""))
    return out


def view(sub: OnlineSubmission) -> StatusView:
    req = Request.objects.get(pk=sub.request_id)
    asked = _last(req, EventKind.CORRECTION_REQUESTED)
    correction_pending = (
        req.state == State.AWAITING_CORRECTION
        and asked is not None
        and sub.files.filter(purpose="correction", uploaded_at__gte=asked.recorded_at).exists()
    )
    s = StatusView(
        label=PLAIN.get(req.state, req.get_state_display()),
        detail="",
        received_on=req.received_on if req.counts_in_report else None,
        submitted_at=sub.submitted_at,
        dates=_dates(req) if req.counts_in_report else [],
        notices=list(req.notices.order_by("issued_on", "pk")),
        correction_pending=correction_pending,
    )
    if req.state == State.DRAFT:
        days = options.value(sub.agency, "confirm_within_workdays")
        s.detail = texts.receipt_rule_text(sub.receipt_rule, days)
    elif req.state == State.AWAITING_CORRECTION:
        by = (asked.data or {}).get("correct_by") if asked else None
        s.correction_what = (asked.data or {}).get("what", "") if asked else ""
        s.label = f"待补正，请于{fmt(date.fromisoformat(by))}前提交" if by else "待补正"
        s.may_correct = not correction_pending
    elif req.state == State.AWAITING_FEE:
        s.label = f"待缴费（{fmt(req.applicant_due)}前）" if req.applicant_due else "待缴费"
    elif req.state == State.TERMINATED:
        s.withdrawn = req.outcome == "other.other" and _last(req, EventKind.WITHDRAWN) is not None
        s.void = not req.counts_in_report
        reason = "申请人撤回" if s.withdrawn else (req.get_outcome_display() or "")
        s.label = WITHDRAWN_BEFORE_RECEIPT if s.void else f"已终止：{reason}"
    s.may_withdraw = req.state not in CLOSED
    return s


@transaction.atomic
def submit_correction(sub: OnlineSubmission, text: str, files: list[tuple[str, bytes, str]]) -> None:
    """The applicant's corrected application: kept as evidence beside the submission. Under ``on_submit``
    it is received the same day (the ledger's clock restarts); otherwise the clerk confirms its receipt."""
    from xxgk.portal.applications import suffix_of

    if text:
        stored, digest = uploads.store(text.encode("utf-8"), ".txt")
        SubmissionFile.objects.create(
            submission=sub,
            purpose="correction",
            name="补正说明.txt",
            stored=stored,
            mime="text/plain",
            size=len(text.encode("utf-8")),
            sha256=digest,
        )
    for name, data, mime in files:
        stored, digest = uploads.store(data, suffix_of(mime))
        SubmissionFile.objects.create(
            submission=sub,
            purpose="correction",
            name=name,
            stored=stored,
            mime=mime,
            size=len(data),
            sha256=digest,
        )
    if sub.receipt_rule == "on_submit":
        from xxgk.portal import ledger_bridge

        ledger_bridge.correction_received(sub.request_id, timezone.localdate())


def withdraw(sub: OnlineSubmission, reason: str) -> None:
    from xxgk.portal import ledger_bridge

    ledger_bridge.withdraw(sub.request_id, timezone.localdate(), reason or "申请人撤回申请")


# --- documents ---------------------------------------------------------------------------------------


def _pdf_of_docx(docx: bytes) -> bytes:
    """A DOCX as PDF through LibreOffice, kept by its checksum (a notice never changes once issued)."""
    from xxgk.render.pdf import docx_to_pdf

    cached = uploads.root() / f"pdf-{hashlib.sha256(docx).hexdigest()}.pdf"
    if not cached.exists():
        cached.write_bytes(docx_to_pdf(docx))
    return cached.read_bytes()


def notice_pdf(notice: Notice) -> bytes:
    return _pdf_of_docx(bytes(notice.docx))


def receipt_docx(sub: OnlineSubmission) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("政府信息公开申请在线提交凭证", level=1)
    rows = (
        ("受理机关", sub.agency.name),
        ("申请编号", sub.number),
        ("提交时间", timezone.localtime(sub.submitted_at).strftime("%Y年%m月%d日 %H:%M:%S（北京时间）")),
        ("提交内容校验值（SHA-256）", sub.sha256),
    )
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (k, v) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = k, v
    days = options.value(sub.agency, "confirm_within_workdays")
    doc.add_paragraph("收到申请日期：" + texts.receipt_rule_text(sub.receipt_rule, days))
    doc.add_paragraph("查询码仅在提交成功页面显示一次，本凭证不载明查询码，请另行妥善保存。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def receipt_pdf(sub: OnlineSubmission) -> bytes:
    return _pdf_of_docx(receipt_docx(sub))
