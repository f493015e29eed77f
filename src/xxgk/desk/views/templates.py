"""Notice templates (ledger.md § Notices): the system administrator replaces an agency's Word template
of a notice kind, downloads the one in use, or goes back to the built-in one."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from docxtpl import DocxTemplate

from xxgk.agencies.models import Agency
from xxgk.desk.views.common import needs
from xxgk.desk.views.manage import ADMIN, WHAT
from xxgk.ledger import notices
from xxgk.ledger.models import NoticeKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _checked(data: bytes) -> str | None:
    """Why ``data`` cannot serve as a template (Chinese), or None."""
    try:
        DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
    except Exception as e:
        return f"不是可用的 Word 模板（.docx），或模板标记有误：{e}"
    return None


@needs(ADMIN, WHAT)
def notice_templates(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    folder = notices.template_dir(agency)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        upload = request.FILES.get("file")
        if kind not in NoticeKind.values or upload is None:
            messages.error(request, "请选择告知书类型和 Word 文件")
        else:
            data = upload.read()
            problem = _checked(data)
            if problem:
                messages.error(request, problem)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{kind}.docx").write_bytes(data)
                messages.success(request, f"已更换{NoticeKind(kind).label}模板")
        return redirect("desk:notice_templates", code=agency.code)
    kinds = [(k, label, (folder / f"{k}.docx").is_file()) for k, label in NoticeKind.choices]
    return render(request, "desk/manage/notice_templates.html", {"agency": agency, "kinds": kinds})


@needs(ADMIN, WHAT)
def notice_template(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    if kind not in NoticeKind.values:
        raise Http404
    response = HttpResponse(notices.template(agency, kind), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{kind}.docx"'
    return response


@require_POST
@needs(ADMIN, WHAT)
def notice_template_reset(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    if kind not in NoticeKind.values:
        raise Http404
    own = notices.template_dir(agency) / f"{kind}.docx"
    if own.is_file():
        own.unlink()
        messages.success(request, f"{NoticeKind(kind).label}已恢复为系统默认模板")
    return redirect("desk:notice_templates", code=agency.code)
