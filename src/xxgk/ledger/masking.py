"""Applicants' personal data as a given user may see it: the one masking function that the API,
exports and pages use (ledger.md § People: supervisors and auditors see it masked; the applicant
never sees internal notes or handlers' names).
"""

from __future__ import annotations

from typing import Any

from xxgk.ledger.models import Request
from xxgk.ledger.permissions import may_see_personal_data

MASK = "*"
PERSONAL_FIELDS = (
    "applicant_name",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "contact_person",
    "legal_representative",
    "agent_name",
)
"""Fields masked for a role that may not see personal data. An organisation's name, 统一社会信用代码
and the information sought are not personal data and stay visible."""


def mask(value: str, field: str) -> str:
    """``value`` with the identifying part hidden, keeping enough to tell records apart."""
    if not value:
        return value
    if field == "email" and "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}{MASK * 3}@{domain}"
    if field in {"id_number", "phone"}:
        keep_head, keep_tail = (3, 4) if len(value) >= 11 else (1, 2)
        if len(value) <= keep_head + keep_tail:
            return MASK * len(value)
        return value[:keep_head] + MASK * (len(value) - keep_head - keep_tail) + value[-keep_tail:]
    if field == "address":
        return value[:6] + MASK * 4
    if field == "postcode":
        return value[:2] + MASK * (len(value) - 2)
    return value[:1] + MASK * max(1, len(value) - 1)


def personal_data(request: Request, user: Any) -> dict[str, str]:
    """The applicant's personal fields of ``request``, masked unless ``user`` may see them."""
    clear = may_see_personal_data(user, request)
    natural = request.applicant_type == "natural"
    out = {}
    for field in PERSONAL_FIELDS:
        value = getattr(request, field) or ""
        hidden = not clear and (natural or field != "applicant_name")
        out[field] = mask(value, field) if hidden else value
    return out
