"""Who may see which agency: the scope every other app's predicates start from.

ledger.md § People: data scope is the user's agency and, for supervisors and auditors, the subtree of
agencies below it. Superusers are system administrators: they manage agencies and users, not requests.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from xxgk.agencies.models import Agency, Role, Staff

SUBTREE_ROLES = frozenset({Role.SUPERVISOR, Role.AUDITOR})
"""Roles whose scope is their agency and every agency below it."""


def staff_of(user: Any) -> Staff | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff
    except Staff.DoesNotExist:
        return None


def role_of(user: Any) -> str | None:
    staff = staff_of(user)
    return staff.role if staff else None


def visible_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies whose records ``user`` may read."""
    staff = staff_of(user)
    if staff is None:
        return Agency.objects.none()
    if staff.role in SUBTREE_ROLES:
        return staff.agency.subtree()
    if staff.role == Role.ADMIN:
        return Agency.objects.none()
    return Agency.objects.filter(pk=staff.agency_id)


@rules.predicate
def is_staff_of_agency(user: Any, agency: Agency | None) -> bool:
    """The user works in ``agency`` itself (any role but supervisor, auditor and admin)."""
    staff = staff_of(user)
    return bool(
        staff and agency is not None and staff.agency_id == agency.pk and staff.role not in SUBTREE_ROLES
    )


@rules.predicate
def supervises(user: Any, agency: Agency | None) -> bool:
    """The user is a supervisor or auditor of an agency at or above ``agency``."""
    staff = staff_of(user)
    return bool(
        staff and agency is not None and staff.role in SUBTREE_ROLES and agency.is_within(staff.agency)
    )


def has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user: Any) -> bool:
        return role_of(user) in roles

    return predicate


is_admin = rules.is_superuser | has_role(Role.ADMIN)
can_view_agency = is_staff_of_agency | supervises

rules.add_perm("agencies.view_agency", can_view_agency)
rules.add_perm("agencies.manage", is_admin)
