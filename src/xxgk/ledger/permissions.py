"""Who may see and do what with a request (ledger.md § People), as django-rules predicates built on
:mod:`xxgk.agencies.permissions`.

Each action of :mod:`xxgk.ledger.services` has one rule here (``ACTIONS``); the model's fsm transitions
ask the same rule, so a page, the API and the services agree. Superusers are system administrators:
no rule lets them act on requests (ledger.md: "no request edits"), which is why the rules are asked
through :func:`may` and not ``user.has_perm`` (Django lets a superuser pass every ``has_perm``).
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from xxgk.agencies.models import ApproverPost, Role
from xxgk.agencies.permissions import is_staff_of_agency, staff_of, supervises, visible_agencies

AGENCY_ROLES_SEEING_ALL = frozenset({Role.CLERK, Role.APPROVER, Role.HEAD})
"""Roles of the agency itself that see every request of it (a handler sees those assigned)."""
PERSONAL_DATA_ROLES = frozenset({Role.CLERK, Role.APPROVER, Role.HEAD, Role.HANDLER})
"""Roles of the agency that see applicants' personal data unmasked; supervisors and auditors see it
masked (ledger.md: supervisors "personal data masked"; auditors read everything else)."""


def _role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"agency_role({','.join(roles)})")
    def predicate(user: Any, request: Any) -> bool:
        staff = staff_of(user)
        return bool(
            request is not None and staff and staff.role in roles and is_staff_of_agency(user, request.agency)
        )

    return predicate


@rules.predicate
def is_assigned_handler(user: Any, request: Any) -> bool:
    """A handler to whom the request is assigned, by name or through their department."""
    staff = staff_of(user)
    if request is None or staff is None or staff.role != Role.HANDLER:
        return False
    if staff.agency_id != request.agency_id:
        return False
    return request.handler_id == user.pk or (
        staff.department_id is not None and request.department_id == staff.department_id
    )


@rules.predicate
def supervises_request(user: Any, request: Any) -> bool:
    return request is not None and supervises(user, request.agency)


@rules.predicate
def is_office_head(user: Any, request: Any) -> bool:
    """The head of the disclosure office (公开办负责人): the only one who may extend (Art 33(2))."""
    staff = staff_of(user)
    return bool(staff and staff.post == ApproverPost.OFFICE_HEAD) and _role(Role.APPROVER)(user, request)


is_clerk = _role(Role.CLERK)
is_approver = _role(Role.APPROVER, Role.HEAD)
sees_whole_agency = _role(*AGENCY_ROLES_SEEING_ALL)

can_view = sees_whole_agency | is_assigned_handler | supervises_request
can_see_personal_data = sees_whole_agency | is_assigned_handler

ACTIONS: dict[str, rules.Predicate] = {
    "register": is_clerk,
    "confirm_receipt": is_clerk,
    "request_correction": is_clerk,
    "receive_correction": is_clerk,
    "lapse_correction": is_clerk,
    "assign": is_clerk,
    "start_consultation": is_clerk | is_assigned_handler,
    "end_consultation": is_clerk | is_assigned_handler,
    "approve_extension": is_office_head,
    "ask_reasons": is_clerk,
    "issue_fee_notice": is_clerk,
    "fee_notice_received": is_clerk,
    "record_payment": is_clerk,
    "lapse_fee": is_clerk,
    "propose_reply": is_assigned_handler | is_clerk,
    "return_reply": is_approver,
    "reply": is_approver | is_clerk,
    "withdraw": is_clerk,
    "deliver": is_clerk,
    "archive": is_clerk,
    "reopen": is_clerk,
    "add_note": is_clerk | is_assigned_handler | is_approver,
    "issue_notice": is_clerk | is_approver,
    "update_details": is_clerk,
}

for _name, _predicate in ACTIONS.items():
    rules.add_perm(f"ledger.{_name}", _predicate)
rules.add_perm("ledger.view_request", can_view)
rules.add_perm("ledger.see_personal_data", can_see_personal_data)


def _no_admin(user: Any) -> bool:
    return staff_of(user) is not None


def may(action: str, user: Any, request: Any) -> bool:
    """Whether ``user`` may do ``action`` (a key of ``ACTIONS``) on ``request``."""
    return _no_admin(user) and ACTIONS[action].test(user, request)


def may_view(user: Any, request: Any) -> bool:
    return _no_admin(user) and can_view.test(user, request)


def may_see_personal_data(user: Any, request: Any) -> bool:
    return _no_admin(user) and can_see_personal_data.test(user, request)


def may_register_in(user: Any, agency: Any) -> bool:
    """Registering creates a request, so the rule is asked about the agency."""
    staff = staff_of(user)
    return bool(staff and staff.role == Role.CLERK and staff.agency_id == agency.pk)


def transition_permission(action: str):
    """The ``permission`` of an fsm transition: the same rule as :func:`may`."""

    def check(instance: Any, user: Any) -> bool:
        return may(action, user, instance)

    return check


def visible_requests(user: Any) -> QuerySet:
    """The requests ``user`` may read: one filter, used by every list (pages, API, exports)."""
    from xxgk.ledger.models import Request

    staff = staff_of(user)
    if staff is None:
        return Request.objects.none()
    if staff.role == Role.HANDLER:
        mine = Q(handler=user)
        if staff.department_id:
            mine |= Q(department_id=staff.department_id)
        return Request.objects.filter(Q(agency_id=staff.agency_id) & mine)
    return Request.objects.filter(agency__in=visible_agencies(user))
