"""Who may use the administration pages (ledger.md § People: the system administrator manages
agencies, users, the holiday table and templates; an agency's head may change its own settings)."""

from __future__ import annotations

from typing import Any

import rules

from xxgk.agencies.models import Agency, Role
from xxgk.agencies.permissions import has_role, is_admin, is_staff_of_agency


@rules.predicate
def heads_agency(user: Any, agency: Agency | None) -> bool:
    return bool(has_role(Role.HEAD)(user) and is_staff_of_agency(user, agency))


can_change_settings = is_admin | heads_agency

rules.add_perm("desk.manage", is_admin)
rules.add_perm("desk.change_settings", can_change_settings)


can_draft_report = is_staff_of_agency & has_role(Role.CLERK, Role.HEAD)
"""ledger.md § People: the clerk drafts the annual report, the head approves it."""

rules.add_perm("desk.draft_report", can_draft_report)
