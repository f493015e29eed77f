"""Actions on agencies and staff, one function each; the management commands and pages call these."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from xxgk.agencies import options
from xxgk.agencies.models import Agency, AgencyKind, AgencyLevel, ApproverPost, Department, Role, Staff


@transaction.atomic
def create_agency(
    code: str,
    name: str,
    *,
    parent: str | None = None,
    kind: str | None = None,
    level: str = AgencyLevel.COUNTY,
    **fields: Any,
) -> Agency:
    """A new agency below ``parent`` (a code). A name ending in 人民政府 is a government unless told."""
    if Agency.objects.filter(code=code).exists():
        raise ValidationError(f"机关代码“{code}”已被使用")
    parent_agency = None
    if parent:
        parent_agency = Agency.objects.filter(code=parent).first()
        if parent_agency is None:
            raise ValidationError(f"找不到上级机关“{parent}”")
    if kind is None:
        kind = AgencyKind.GOVERNMENT if name.endswith("人民政府") else AgencyKind.DEPARTMENT
    agency = Agency(code=code, name=name, parent=parent_agency, kind=kind, level=level, **fields)
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def update_settings(agency: Agency, changes: dict[str, Any]) -> Agency:
    """Change some of the agency's settings; refuses all of them when any is invalid."""
    problems = options.errors(changes)
    if problems:
        raise ValidationError(problems)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    agency.settings = {**agency.settings, **changes}
    agency.save(update_fields=["settings"])
    return agency


@transaction.atomic
def create_user(
    username: str,
    password: str,
    *,
    agency: str,
    role: str,
    department: str | None = None,
    post: str = "",
    display_name: str = "",
) -> Staff:
    """A user working in ``agency`` (a code) with ``role``; a handler may be placed in a department."""
    if role not in Role.values:
        raise ValidationError(f"未知的角色“{role}”，可选：{'、'.join(Role.values)}")
    if post and post not in ApproverPost.values:
        raise ValidationError(f"未知的审核岗位“{post}”，可选：{'、'.join(ApproverPost.values)}")
    found = Agency.objects.filter(code=agency).first()
    if found is None:
        raise ValidationError(f"找不到机关“{agency}”")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"用户名“{username}”已被使用")
    user = User(username=username, is_staff=role == Role.ADMIN)
    from django.contrib.auth.password_validation import validate_password

    validate_password(password, user)
    user.set_password(password)
    user.save()
    dept = None
    if department:
        dept, _ = Department.objects.get_or_create(agency=found, name=department)
    if role == Role.APPROVER and not post:
        post = ApproverPost.OFFICE_HEAD
    staff = Staff(user=user, agency=found, role=role, department=dept, post=post, display_name=display_name)
    staff.full_clean()
    staff.save()
    return staff
