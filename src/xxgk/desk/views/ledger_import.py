"""Import of a 台账 workbook (ledger.md § The 台账 workbook): upload, see the dry run (rows and every
problem by row and column), then confirm; :func:`xxgk.ledger.workbook.import_workbook` does the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from xxgk.agencies.permissions import staff_of
from xxgk.desk import uploads
from xxgk.desk.views.common import forbidden
from xxgk.ledger.permissions import may_register_in
from xxgk.ledger.workbook import import_workbook


@login_required
def import_ledger(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request.user)
    if staff is None or not may_register_in(request.user, staff.agency):
        return forbidden(request, "台账导入")
    context: dict = {"agency": staff.agency}
    if request.method == "POST":
        confirm = request.POST.get("confirm") == "1"
        if confirm:
            data = uploads.take(request.user, request.POST.get("token", ""), remove=True)
            token = ""
        else:
            upload = request.FILES.get("file")
            data = upload.read() if upload is not None and upload.size <= uploads.MAX_BYTES else None
            token = uploads.keep(request.user, data) if data else ""
        if data is None:
            context["problems"] = [
                "请选择不超过20MB的 Excel 文件" if not confirm else "上传的文件已失效，请重新上传"
            ]
        else:
            result = import_workbook(data, staff.agency, dry_run=not confirm, user=request.user)
            if confirm and result.ok:
                messages.success(request, f"已导入 {result.created} 件申请")
                return redirect("desk:requests")
            context |= {
                "checked": True,
                "rows": result.rows,
                "problems": [str(p) for p in result.problems],
                "token": token if result.ok else "",
            }
    return render(request, "desk/import_ledger.html", context)
