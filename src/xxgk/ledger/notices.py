"""Notices (告知书, ledger.md § Notices) generated from Word templates an agency can replace.

A template is a .docx with docxtpl (Jinja) tags. The agency's own, if any, is
``$XXGK_DATA_DIR/notice_templates/<agency code>/<kind>.docx``; otherwise the default built here with
python-docx (``xxgk manage notice_templates --agency CODE`` writes the defaults there to edit in Word).
An issued notice keeps its number (``{prefix}{type}〔{year}〕{serial}号``), context, file and SHA-256;
it is never changed (the model refuses), and a re-issue is a new notice. PDF via LibreOffice, through
:func:`xxgk.render.pdf.docx_to_pdf` like the annual report.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from docx import Document
from docxtpl import DocxTemplate

from xxgk.agencies import options
from xxgk.agencies.models import Agency
from xxgk.ledger import services
from xxgk.ledger.models import EventKind, FeeCharge, Notice, NoticeKind, Request, RequestEvent
from xxgk.ledger.vocabulary import outcome_label
from xxgk.render.pdf import docx_to_pdf
from xxgk.workdays import fmt

TYPE_SUFFIX = {
    NoticeKind.RECEIPT: "收",
    NoticeKind.CORRECTION: "补",
    NoticeKind.REASONS: "理",
    NoticeKind.EXTENSION: "延",
    NoticeKind.CONSULTATION: "征",
    NoticeKind.CONSULTATION_NOTICE: "征告",
    NoticeKind.THIRD_PARTY: "三",
    NoticeKind.FEE: "费",
    NoticeKind.REPLY: "答",
    NoticeKind.TERMINATION: "终",
    NoticeKind.DELIVERY: "送",
}
REMEDY = (
    "如对本告知不服，可以自收到本告知之日起六十日内向{review_body}申请行政复议，"
    "或者在六个月内向{court}提起行政诉讼。"
)
BODIES: dict[str, tuple[str, ...]] = {
    NoticeKind.RECEIPT: (
        "本机关于{{ received }}收到您（单位）提交的政府信息公开申请"
        "（申请编号：{{ request_number }}，查询码：{{ query_code }}）。",
        "本机关将依照《中华人民共和国政府信息公开条例》的规定，在{{ reply_due }}前予以答复。",
    ),
    NoticeKind.CORRECTION: (
        "本机关于{{ received }}收到您（单位）的政府信息公开申请（申请编号：{{ request_number }}）。"
        "经审查，申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您作出补正：",
        "{{ what }}",
        "请于{{ correct_by }}前补正。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    NoticeKind.EXTENSION: (
        "本机关于{{ received }}收到您（单位）的政府信息公开申请（申请编号：{{ request_number }}）。"
        "因{{ reason }}，不能在{{ original_due }}前答复。"
        "根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长至{{ new_due }}。",
    ),
    NoticeKind.FEE: (
        "本机关于{{ received }}收到您（单位）的政府信息公开申请（申请编号：{{ request_number }}）。"
        "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        "本次申请应缴纳信息处理费{{ amount }}元：",
        "{{ explanation }}",
        "请自收到本通知次日起20个工作日内缴纳（{{ pay_by }}前）。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该申请。",
    ),
    NoticeKind.REPLY: (
        "本机关于{{ received }}收到您（单位）的政府信息公开申请（申请编号：{{ request_number }}），"
        "申请获取“{{ description }}”。",
        "经审查，答复如下：{{ outcome }}。{{ reason }}",
        "{{ articles }}",
    ),
    NoticeKind.TERMINATION: (
        "本机关于{{ received }}收到您（单位）的政府信息公开申请（申请编号：{{ request_number }}）。",
        "{{ outcome }}。{{ reason }}本机关终止办理该申请。",
    ),
}
GENERIC = (
    "本机关于{{ received }}收到您（单位）的政府信息公开申请（申请编号：{{ request_number }}），"
    "申请获取“{{ description }}”。",
    "{{ text }}",
)
NO_REMEDY = {NoticeKind.RECEIPT, NoticeKind.CORRECTION, NoticeKind.CONSULTATION, NoticeKind.DELIVERY}


def default_template(kind: str) -> bytes:
    """The built-in template of ``kind``: title, number, addressee, body, remedy clause, signature."""
    doc = Document()
    doc.add_heading("{{ agency }}", level=1)
    doc.add_heading(str(NoticeKind(kind).label), level=2)
    doc.add_paragraph("{{ number }}")
    doc.add_paragraph("{{ addressee }}：")
    for line in BODIES.get(kind, GENERIC):
        doc.add_paragraph(line)
    if kind not in NO_REMEDY:
        doc.add_paragraph("{{ remedy }}")
    doc.add_paragraph("{{ agency }}")
    doc.add_paragraph("{{ issued }}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def template_dir(agency: Agency) -> Path:
    return Path(settings.DATA_DIR) / "notice_templates" / agency.code


def template(agency: Agency, kind: str) -> bytes:
    own = template_dir(agency) / f"{kind}.docx"
    return own.read_bytes() if own.is_file() else default_template(kind)


def _context(req: Request, kind: str, issued_on: date, extra: dict[str, Any]) -> dict[str, Any]:
    agency = req.agency
    review_body = options.value(agency, "review_body") or "本级人民政府"
    court = options.value(agency, "court") or "有管辖权的人民法院"
    ctx = {
        "agency": agency.name,
        "addressee": req.applicant_name,
        "request_number": req.number,
        "query_code": req.query_code,
        "received": fmt(req.received_on) if req.received_on else "",
        "reply_due": fmt(req.reply_due) if req.reply_due else "",
        "description": req.description,
        "outcome": outcome_label(req.outcome).split("·")[-1] if req.outcome else "",
        "reason": req.outcome_reason,
        "articles": f"依据：{req.articles}" if req.articles else "",
        "issued": fmt(issued_on),
        "remedy": REMEDY.format(review_body=review_body, court=court),
    }
    if kind == NoticeKind.CORRECTION:
        asked = req.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
        if asked:
            ctx["what"] = asked.data.get("what", "")
            ctx["correct_by"] = fmt(date.fromisoformat(asked.data["correct_by"]))
    if kind == NoticeKind.EXTENSION:
        ext = req.events.filter(kind=EventKind.EXTENSION_APPROVED).last()
        if ext:
            ctx |= {
                "reason": ext.note,
                "original_due": fmt(date.fromisoformat(ext.data["original_due"])),
                "new_due": fmt(req.reply_due) if req.reply_due else "",
            }
    if kind == NoticeKind.FEE:
        charge: FeeCharge | None = req.fees.order_by("-id").first()
        if charge:
            ctx |= {
                "amount": charge.amount,
                "explanation": charge.explanation,
                "pay_by": fmt(charge.pay_by) if charge.pay_by else "收到本通知次日起20个工作日",
            }
    return ctx | extra


def _number(agency: Agency, kind: str, year: int) -> tuple[int, str]:
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    last = Notice.objects.filter(agency=agency, year=year, kind=kind).order_by("-serial").first()
    serial = (last.serial if last else 0) + 1
    prefix = (agency.settings or {}).get("notice_prefix") or agency.name
    return serial, f"{prefix}{TYPE_SUFFIX[NoticeKind(kind)]}〔{year}〕{serial}号"


def issue_notice(
    request: Request | int,
    user: Any,
    *,
    kind: str,
    issued_on: Any,
    extra: dict[str, Any] | None = None,
    replaces: Notice | None = None,
    version: int | None = None,
) -> Notice:
    """Render, number and freeze a notice of ``kind`` for ``request``."""
    try:
        kind = NoticeKind(kind).value
    except ValueError:
        raise services.LedgerError(f"未知的告知书类型“{kind}”") from None
    with transaction.atomic(), services._acting(request, user, "issue_notice", version) as req:
        on = services._date(req, issued_on, "印发日期", after_last=False)
        if kind in {NoticeKind.REPLY, NoticeKind.TERMINATION} and not req.outcome:
            raise services.LedgerError("申请尚未办结，不能印发答复书或终止办理告知书")
        if kind == NoticeKind.FEE and not req.fees.exists():
            raise services.LedgerError("本申请没有收费通知，不能印发收费通知书")
        serial, number = _number(req.agency, kind, on.year)
        ctx = _context(req, kind, on, extra or {}) | {"number": number}
        tpl = DocxTemplate(io.BytesIO(template(req.agency, kind)))
        try:
            tpl.render(ctx)
        except Exception as e:  # a template an agency edited may have any Jinja error
            raise services.LedgerError(f"告知书模板有误，无法生成：{e}") from None
        out = io.BytesIO()
        tpl.save(out)
        data = out.getvalue()
        notice = Notice.objects.create(
            request=req,
            agency=req.agency,
            kind=kind,
            year=on.year,
            serial=serial,
            number=number,
            context={k: str(v) for k, v in ctx.items()},
            docx=data,
            checksum=hashlib.sha256(data).hexdigest(),
            issued_on=on,
            issued_by=services._user(user),
            replaces=replaces,
        )
        RequestEvent.objects.create(
            request=req,
            kind=EventKind.NOTE,
            effective_on=on,
            actor=services._user(user),
            data={"notice": number},
            note=f"印发{notice.get_kind_display()} {number}",
        )
    return notice


def notice_pdf(notice: Notice) -> bytes:
    """The issued notice as PDF (LibreOffice); raises :class:`xxgk.render.pdf.RenderError`."""
    return docx_to_pdf(bytes(notice.docx))
