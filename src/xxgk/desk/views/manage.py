"""The administration pages: agencies and their tree, users and roles, the holiday table, settings.

Thin: each action is a service of :mod:`xxgk.agencies.services` or :mod:`xxgk.desk.holidays`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xxgk.agencies import options
from xxgk.agencies import services as agency_services
from xxgk.agencies.models import Agency, Department, Staff
from xxgk.desk import forms, holidays
from xxgk.desk.views.common import forbidden, form_errors, needs
from xxgk.ledger.sweep import sweep
from xxgk.workdays import HolidayTableError

ADMIN = "desk.manage"
WHAT = "系统管理页面"


@needs(ADMIN, WHAT)
def agencies(request: HttpRequest) -> HttpResponse:
    tree = [
        (a, a.path.count("/") - 2)
        for a in Agency.objects.annotate(n_staff=Count("staff", distinct=True)).order_by("path")
    ]
    form = forms.AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = agency_services.create_agency(
                data["code"],
                data["name"],
                parent=data["parent"].code if data["parent"] else None,
                kind=data["kind"],
                level=data["level"],
            )
        except ValidationError as e:
            form_errors(form, e)
        else:
            messages.success(request, f"已新建机关“{agency.name}”")
            return redirect("desk:agencies")
    return render(request, "desk/manage/agencies.html", {"tree": tree, "form": form})


@needs(ADMIN, WHAT)
def agency_edit(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    form = forms.AgencyEditForm(request.POST or None, instance=agency)
    department_form = forms.DepartmentForm(prefix="dept")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "已保存")
        return redirect("desk:agency", code=agency.code)
    return render(
        request,
        "desk/manage/agency.html",
        {
            "agency": agency,
            "form": form,
            "department_form": department_form,
            "departments": agency.departments.order_by("name"),
            "staff": agency.staff.select_related("user", "department").order_by("role", "user__username"),
        },
    )


@require_POST
@needs(ADMIN, WHAT)
def department_add(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    form = forms.DepartmentForm(request.POST, prefix="dept")
    if form.is_valid():
        _, made = Department.objects.get_or_create(agency=agency, name=form.cleaned_data["name"].strip())
        if made:
            messages.success(request, f"已新建科室“{form.cleaned_data['name']}”")
        else:
            messages.error(request, "该科室已经存在")
    else:
        messages.error(request, "请填写科室名称")
    return redirect("desk:agency", code=agency.code)


@login_required
def agency_settings(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's ``[setting]``s. A head sees only their own agency; others get 404 for agencies they
    cannot see, 403 for ones they see but may not change."""
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404
    allowed = request.user.has_perm("desk.change_settings", agency)
    if not allowed:
        if request.user.has_perm("agencies.view_agency", agency):
            return forbidden(request, "机关设置")
        raise Http404
    form_class = forms.settings_form(agency)
    current = options.values(agency)
    initial = {name: (str(v) if options.BY_NAME[name].choices else v) for name, v in current.items()}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v is not None and v != current.get(k)}
        try:
            agency_services.update_settings(agency, changes)
        except ValidationError as e:
            form_errors(form, e)
        else:
            messages.success(request, f"已保存 {len(changes)} 项设置" if changes else "设置没有改变")
            return redirect("desk:agency_settings", code=agency.code)
    return render(
        request,
        "desk/manage/settings.html",
        {"agency": agency, "form": form, "groups": forms.grouped(form)},
    )


@needs(ADMIN, WHAT)
def users(request: HttpRequest) -> HttpResponse:
    staff = Staff.objects.select_related("user", "agency", "department").order_by("agency__path", "role")
    query = request.GET.get("q", "").strip()
    if query:
        staff = staff.filter(user__username__icontains=query) | staff.filter(display_name__icontains=query)
    form = forms.UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = agency_services.create_user(
                data["username"],
                data["password"],
                agency=data["agency"].code,
                role=data["role"],
                department=data["department"] or None,
                post=data["post"],
                display_name=data["display_name"],
            )
        except ValidationError as e:
            form_errors(form, e)
        else:
            messages.success(request, f"已新建用户“{made.user.username}”（{made.get_role_display()}）")
            return redirect("desk:users")
    return render(request, "desk/manage/users.html", {"staff": staff, "form": form, "q": query})


@needs(ADMIN, WHAT)
def user_edit(request: HttpRequest, username: str) -> HttpResponse:
    user = get_object_or_404(get_user_model(), username=username)
    staff = Staff.objects.filter(user=user).first()
    initial = {"is_active": user.is_active}
    if staff:
        initial |= {
            "display_name": staff.display_name,
            "agency": staff.agency,
            "role": staff.role,
            "department": staff.department,
            "post": staff.post,
        }
    form = forms.StaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _set_staff(request.user, user, staff, data)
        except ValidationError as e:
            form_errors(form, e)
        else:
            messages.success(request, f"已保存用户“{user.username}”")
            return redirect("desk:users")
    return render(request, "desk/manage/user.html", {"the_user": user, "staff": staff, "form": form})


@transaction.atomic
def _set_staff(me, user, staff: Staff | None, data: dict) -> None:
    if user == me and (not data["is_active"] or (staff and data["role"] != staff.role)):
        raise ValidationError("不能停用自己的账号或修改自己的角色")
    staff = staff or Staff(user=user)
    staff.agency = data["agency"]
    staff.role = data["role"]
    staff.department = data["department"]
    staff.post = data["post"]
    staff.display_name = data["display_name"]
    staff.full_clean()
    staff.save()
    user.is_active = data["is_active"]
    user.save(update_fields=["is_active"])


@needs(ADMIN, WHAT)
def holiday_years(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    return render(request, "desk/manage/holidays.html", {"rows": holidays.years(today.year + 1)})


@needs(ADMIN, WHAT)
def holiday_edit(request: HttpRequest, year: int) -> HttpResponse:
    if not 2000 <= year <= 2100:
        raise Http404
    form = forms.HolidayForm(request.POST or None, initial={"text": holidays.text_of(year)})
    if request.method == "POST" and form.is_valid():
        try:
            holidays.save(year, form.cleaned_data["text"])
        except HolidayTableError as e:
            form.add_error("text", str(e))
        else:
            swept = sweep(timezone.localdate())
            messages.success(
                request,
                f"已保存{year}年节假日安排；已按新表重新计算 {swept.checked} 件未办结申请的期限，"
                f"其中 {swept.changed} 件的期限有变化",
            )
            return redirect("desk:holidays")
    return render(
        request,
        "desk/manage/holiday.html",
        {"year": year, "form": form, "own": (holidays.folder() / f"{year}.toml").exists()},
    )


@require_POST
@needs(ADMIN, WHAT)
def holiday_delete(request: HttpRequest, year: int) -> HttpResponse:
    if holidays.remove(year):
        swept = sweep(timezone.localdate())
        messages.success(
            request, f"已删除管理员填写的{year}年节假日安排；{swept.changed} 件未办结申请的期限随之重新计算"
        )
    return redirect("desk:holidays")
