"""The applicant's pages: the form, the preview, the receipt (shown once), the status by 申请编号 + 查询码,
correction and withdrawal. Nothing personal goes into a URL, a log line or a GET parameter."""

from __future__ import annotations

import json
import secrets
import time

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from xxgk.agencies import options
from xxgk.agencies.models import Agency
from xxgk.ledger.crypto import decrypt, encrypt
from xxgk.portal import applications, search, status, texts, uploads, validation
from xxgk.portal.models import OnlineSubmission
from xxgk.portal.pages import agency_or_404, page

DRAFT_KEY = "portal_apply_draft"
RECEIPT_KEY = "portal_receipt"
STATUS_KEY = "portal_status_sub"
MIN_FILL_SECONDS = 3
"""A person needs longer than this to fill in the form; a faster post is asked to confirm again."""
HONEYPOT = "website"
STARTED_SALT = "portal.apply.started"


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _draft(request: HttpRequest, code: str) -> dict[str, str]:
    """The form as last typed, kept in the server-side session (encrypted): no timeout loses it."""
    stored = request.session.get(DRAFT_KEY, {}).get(code)
    return json.loads(decrypt(stored)) if stored else {}


def _keep_draft(request: HttpRequest, code: str, data: dict[str, str]) -> None:
    drafts = request.session.get(DRAFT_KEY, {})
    drafts[code] = encrypt(json.dumps(data, ensure_ascii=False))
    request.session[DRAFT_KEY] = drafts


def _form_context(agency: Agency, data: dict[str, str], checked: validation.Checked | None = None) -> dict:
    return {
        "agency": agency,
        "data": data,
        "checked": checked,
        "errors": checked.errors if checked else {},
        "warnings": checked.warnings if checked else {},
        "id_types": validation.ID_TYPES,
        "org_types": validation.ORG_TYPES,
        "obtain": validation.OBTAIN,
        "carriers": validation.CARRIER,
        "started": signing.dumps(time.time(), salt=STARTED_SALT),
        "receipt_rule": _rule_text(agency),
        "field_labels": FIELD_LABELS,
    }


FIELD_LABELS = {
    "kind": "申请人类型",
    "name": "姓名",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "org_type": "组织类型",
    "org_name": "名称",
    "uscc": "统一社会信用代码",
    "contact_person": "联系人姓名",
    "phone": "联系电话",
    "email": "电子邮箱",
    "address": "通信地址",
    "postcode": "邮政编码",
    "description": "所需信息的描述",
    "obtain_method": "获取方式",
    "carrier": "载体形式",
    "files": "身份证明等材料",
    "privacy": "隐私告知",
}


def _rule_text(agency: Agency) -> str:
    return texts.receipt_rule_text(
        options.value(agency, "online_receipt_rule"), options.value(agency, "confirm_within_workdays")
    )


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    if request.method == "GET":
        return page(request, "apply/form.html", _form_context(agency, _draft(request, code)))
    data = {k: v for k, v in request.POST.items() if k not in {"csrfmiddlewaretoken", HONEYPOT, "started"}}
    _keep_draft(request, code, data)
    checked = validation.check_application(data, require_id=options.value(agency, "require_id_number"))
    if request.POST.get(HONEYPOT):
        checked.errors["form"] = "提交未成功，请检查后再次提交"
    if checked.errors:
        return page(request, "apply/form.html", _form_context(agency, data, checked))
    if _too_fast(request.POST.get("started", "")):
        checked.flags.append("filled_fast")
    request.session["portal_apply_flags"] = checked.flags
    return redirect("portal:apply_preview", code=code)


def _too_fast(started: str) -> bool:
    try:
        began = signing.loads(started, salt=STARTED_SALT, max_age=60 * 60 * 24 * 7)
    except signing.BadSignature:
        return True
    return time.time() - float(began) < MIN_FILL_SECONDS


@never_cache
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    data = _draft(request, code)
    checked = validation.check_application(data, require_id=options.value(agency, "require_id_number"))
    if not data or checked.errors:
        return redirect("portal:apply", code=code)
    context = _preview_context(agency, data, checked)
    if request.method == "GET":
        return page(request, "apply/preview.html", context)
    return _submit(request, agency, data, checked, context)


def _preview_context(agency: Agency, data: dict[str, str], checked: validation.Checked) -> dict:
    v = checked.values
    return {
        "agency": agency,
        "v": v,
        "warnings": checked.warnings,
        "hints": search.matching(v["description"], agency.pk),
        "id_type_label": dict(validation.ID_TYPES).get(v.get("id_type", ""), ""),
        "org_type_label": dict(validation.ORG_TYPES).get(v.get("applicant_type", ""), ""),
        "obtain_label": dict(validation.OBTAIN).get(v["obtain_method"], ""),
        "carrier_label": dict(validation.CARRIER).get(v["carrier"], ""),
        "receipt_rule": _rule_text(agency),
        "idempotency_key": secrets.token_urlsafe(24),
        "notice_version": applications.NOTICE_VERSION,
        "max_files": uploads.MAX_FILES,
        "errors": {},
    }


def _submit(request: HttpRequest, agency: Agency, data: dict, checked: validation.Checked, context: dict):
    key = request.POST.get("idempotency_key", "")[:64]
    if not key:
        return redirect("portal:apply_preview", code=agency.code)
    context["idempotency_key"] = key
    if not request.POST.get("privacy"):
        context["errors"] = {"privacy": "请阅读隐私告知并勾选“我已阅读并同意”"}
        return page(request, "apply/preview.html", context)
    ip = client_ip(request)
    v = checked.values
    if OnlineSubmission.objects.filter(idempotency_key=key).exists():
        return _after_submit(request, agency, v, key, ip, [])
    if applications.submission_limits_exceeded(agency, ip, v.get("id_number") or v.get("uscc", "")):
        return page(request, "apply/limit.html", {"agency": agency}, status=429)
    files = request.FILES.getlist("files")
    if len(files) > uploads.MAX_FILES:
        context["errors"] = {"files": f"最多上传{uploads.MAX_FILES}个文件"}
        return page(request, "apply/preview.html", context)
    checked_files = []
    for f in files:
        try:
            content, mime, _suffix = uploads.check_upload(f.name, f.read(uploads.MAX_BYTES + 1))
        except uploads.UploadError as e:
            context["errors"] = {"files": str(e)}
            return page(request, "apply/preview.html", context)
        checked_files.append((uploads.display_name(f.name), content, mime))
    return _after_submit(request, agency, v, key, ip, checked_files)


def _after_submit(request, agency, values, key, ip, files) -> HttpResponse:
    flags = request.session.get("portal_apply_flags", [])
    done = applications.submit(agency, values, files=files, flags=flags, ip=ip, idempotency_key=key)
    applications.note_attempt(ip, "submit")
    if done.query_code:
        request.session[RECEIPT_KEY] = {"uuid": str(done.submission.uuid), "code": done.query_code}
        drafts = request.session.get(DRAFT_KEY, {})
        drafts.pop(agency.code, None)
        request.session[DRAFT_KEY] = drafts
    return redirect("portal:receipt")


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    held = request.session.get(RECEIPT_KEY)
    if not held:
        return page(request, "apply/receipt_gone.html", {})
    sub = OnlineSubmission.objects.select_related("agency").get(uuid=held["uuid"])
    code = held.pop("code", None)
    request.session[RECEIPT_KEY] = held  # the code is shown this once
    context = {
        "sub": sub,
        "agency": sub.agency,
        "code": code,
        "grouped_code": " ".join(code[i : i + 4] for i in range(0, len(code), 4)) if code else "",
        "receipt_rule": texts.receipt_rule_text(
            sub.receipt_rule, options.value(sub.agency, "confirm_within_workdays")
        ),
    }
    return page(request, "apply/receipt.html", context)


@never_cache
def receipt_pdf(request: HttpRequest) -> HttpResponse:
    held = request.session.get(RECEIPT_KEY)
    if not held:
        raise Http404("回执已失效")
    sub = OnlineSubmission.objects.select_related("agency").get(uuid=held["uuid"])
    data = status.receipt_pdf(sub)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sub.number}-tjpz.pdf"'
    return response


UNKNOWN = "申请编号或查询码不正确。请核对后重试；查询码遗失的，请联系受理机关。"


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        sub = _held_submission(request)
        if sub is not None and request.GET.get("again") != "1":
            return _status_page(request, sub)
        return page(request, "apply/lookup.html", {})
    try:
        sub = applications.find(
            request.POST.get("number", ""), request.POST.get("code", ""), client_ip(request)
        )
    except applications.LookupThrottled:
        return page(
            request, "apply/lookup.html", {"lookup_error": "查询过于频繁，请一分钟后再试。"}, status=429
        )
    if sub is None:
        return page(
            request,
            "apply/lookup.html",
            {"lookup_error": UNKNOWN, "number": request.POST.get("number", "")[:64]},
        )
    request.session.cycle_key()
    request.session[STATUS_KEY] = str(sub.uuid)
    return _status_page(request, sub)


def _held_submission(request: HttpRequest) -> OnlineSubmission | None:
    held = request.session.get(STATUS_KEY)
    if not held:
        return None
    return OnlineSubmission.objects.select_related("request", "agency").filter(uuid=held).first()


def _status_page(request: HttpRequest, sub: OnlineSubmission) -> HttpResponse:
    return page(request, "apply/status.html", {"sub": sub, "agency": sub.agency, "s": status.view(sub)})


def _own(request: HttpRequest, number: str) -> OnlineSubmission:
    sub = _held_submission(request)
    if sub is None or sub.number != number:
        raise Http404("请先用申请编号和查询码查询")
    return sub


@never_cache
@require_http_methods(["GET", "POST"])
def correction(request: HttpRequest, number: str) -> HttpResponse:
    sub = _own(request, number)
    s = status.view(sub)
    if not s.may_correct:
        return redirect("portal:status")
    context = {"sub": sub, "agency": sub.agency, "s": s, "errors": {}}
    if request.method == "GET":
        return page(request, "apply/correction.html", context)
    text = validation.fold(request.POST.get("text", ""))[:2000]
    files = request.FILES.getlist("files")
    checked_files = []
    try:
        if len(files) > uploads.MAX_FILES:
            raise uploads.UploadError(f"最多上传{uploads.MAX_FILES}个文件")
        for f in files:
            content, mime, _ = uploads.check_upload(f.name, f.read(uploads.MAX_BYTES + 1))
            checked_files.append((uploads.display_name(f.name), content, mime))
    except uploads.UploadError as e:
        context["errors"] = {"files": str(e)}
    if not text and not checked_files and not context["errors"]:
        context["errors"] = {"text": "请填写补正内容或上传补正材料"}
    if context["errors"]:
        context["text"] = text
        return page(request, "apply/correction.html", context)
    status.submit_correction(sub, text, checked_files)
    return redirect("portal:status")


@never_cache
@require_http_methods(["GET", "POST"])
def withdrawal(request: HttpRequest, number: str) -> HttpResponse:
    sub = _own(request, number)
    s = status.view(sub)
    if not s.may_withdraw:
        return redirect("portal:status")
    context = {"sub": sub, "agency": sub.agency, "s": s}
    if request.method == "GET" or request.POST.get("confirm") != "1":
        return page(request, "apply/withdraw.html", context)
    status.withdraw(sub, validation.fold(request.POST.get("reason", ""))[:200])
    return redirect("portal:status")


@never_cache
def notice_pdf(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    sub = _own(request, number)
    notice = sub.request.notices.filter(pk=pk).first()
    if notice is None:
        raise Http404("没有这份告知书")
    response = HttpResponse(status.notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}.pdf"'
    return response


def submission_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An applicant's upload, for the staff of the agency applied to only (others: 404)."""
    from django.http import FileResponse

    from xxgk.agencies.permissions import is_staff_of_agency
    from xxgk.portal.models import SubmissionFile

    f = SubmissionFile.objects.select_related("submission__agency").filter(pk=pk).first()
    if f is None or not is_staff_of_agency(request.user, f.submission.agency):
        raise Http404("没有这个文件")
    return FileResponse(
        uploads.open_stored(f.stored), as_attachment=True, filename=f.name, content_type=f.mime
    )
