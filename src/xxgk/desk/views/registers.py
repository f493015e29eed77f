"""The registers' pages: list, add, change, import (dry run, then confirm)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from xxgk.agencies.permissions import staff_of
from xxgk.desk import uploads
from xxgk.desk.registers import REGISTERS, Register, import_rows
from xxgk.desk.views.common import forbidden, form_errors
from xxgk.registers.permissions import can_edit_registers, can_view_registers

ROWS = 200


def _scope(request: HttpRequest, key: str):
    register = REGISTERS.get(key)
    if register is None:
        raise Http404
    staff = staff_of(request.user)
    if staff is None or not can_view_registers(request.user, staff.agency):
        return register, None
    return register, staff.agency


@login_required
def index(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request.user)
    if staff is None or not can_view_registers(request.user, staff.agency):
        return forbidden(request, "登记簿")
    counts = [(r, r.model.objects.filter(agency=staff.agency).count()) for r in REGISTERS.values()]
    return render(request, "desk/registers.html", {"counts": counts, "agency": staff.agency})


@login_required
def listing(request: HttpRequest, key: str) -> HttpResponse:
    register, agency = _scope(request, key)
    if agency is None:
        return forbidden(request, "登记簿")
    may_edit = can_edit_registers(request.user, agency)
    form = register.add_form(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            return forbidden(request, "登记簿的修改")
        if form.is_valid():
            try:
                register.add(request.user, agency, form.cleaned_data)
            except PermissionDenied:
                return forbidden(request, "登记簿的修改")
            except ValidationError as e:
                form_errors(form, e)
            else:
                messages.success(request, f"已添加到{register.title}")
                return redirect("desk:register_list", key=key)
    objects = register.model.objects.filter(agency=agency)[:ROWS]
    return render(
        request,
        "desk/register_list.html",
        {
            "register": register,
            "registers": REGISTERS.values(),
            "agency": agency,
            "rows": [(o, register.cells(o)) for o in objects],
            "form": form,
            "may_edit": may_edit,
        },
    )


@login_required
def edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    register, agency = _scope(request, key)
    if agency is None:
        raise Http404
    obj = register.model.objects.filter(agency=agency, pk=pk).first()
    if obj is None or register.edit is None:
        raise Http404
    if not can_edit_registers(request.user, agency):
        return forbidden(request, "登记簿的修改")
    form = register.edit_form(obj, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            register.edit(request.user, obj, form.cleaned_data)
        except PermissionDenied:
            return forbidden(request, "登记簿的修改")
        except ValidationError as e:
            form_errors(form, e)
        else:
            messages.success(request, "已保存")
            return redirect("desk:register_list", key=key)
    return render(request, "desk/register_edit.html", {"register": register, "obj": obj, "form": form})


def _import(request: HttpRequest, register: Register, agency, confirm: bool) -> tuple[list[str], str, int]:
    if confirm:
        data = uploads.take(request.user, request.POST.get("token", ""), remove=True)
        if data is None:
            return ["上传的文件已失效，请重新上传"], "", 0
        token = ""
    else:
        upload = request.FILES.get("file")
        if upload is None or upload.size > uploads.MAX_BYTES:
            return ["请选择不超过20MB的 Excel 文件"], "", 0
        data = upload.read()
        token = uploads.keep(request.user, data)
    try:
        rows = uploads.rows(data)
    except ValueError as e:
        return [str(e)], "", 0
    problems = import_rows(register, request.user, agency, rows, dry_run=not confirm)
    return problems, token, max(0, len(rows) - 1)


@login_required
def import_view(request: HttpRequest, key: str) -> HttpResponse:
    register, agency = _scope(request, key)
    if agency is None or not can_edit_registers(request.user, agency):
        return forbidden(request, "登记簿的导入")
    context = {
        "register": register,
        "labels": [str(register.model._meta.get_field(n).verbose_name) for n in register.add_fields],
    }
    if request.method == "POST":
        confirm = request.POST.get("confirm") == "1"
        problems, token, n = _import(request, register, agency, confirm)
        if confirm and not problems:
            messages.success(request, f"已导入 {n} 行到{register.title}")
            return redirect("desk:register_list", key=register.key)
        context |= {"problems": problems, "token": token if not problems else "", "rows": n, "checked": True}
    return render(request, "desk/register_import.html", context)
