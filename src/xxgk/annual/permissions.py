"""Who may see an agency's annual report and who may close its year (ledger.md § People)."""

from __future__ import annotations

import rules

from xxgk.agencies.models import Role
from xxgk.agencies.permissions import can_view_agency, has_role, is_staff_of_agency

can_view_report = can_view_agency
"""Everyone of the agency, and supervisors and auditors above it (the report is published anyway; the
drill-down names only ledger entries, whose pages check their own permissions)."""
can_close_year = is_staff_of_agency & has_role(Role.HEAD)

rules.add_perm("annual.view_report", can_view_report)
rules.add_perm("annual.close_year", can_close_year)
