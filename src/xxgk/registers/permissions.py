"""Who may read and keep the registers (ledger.md § People), built on the agencies' scope predicates.

Everyone who may view the agency reads its registers (supervisors and auditors their subtree's); the
agency's own clerks (信息公开工作人员) keep them.
"""

from __future__ import annotations

import rules

from xxgk.agencies.models import Role
from xxgk.agencies.permissions import can_view_agency, has_role, is_staff_of_agency

can_view_registers = can_view_agency
can_edit_registers = is_staff_of_agency & has_role(Role.CLERK)

rules.add_perm("registers.view", can_view_registers)
rules.add_perm("registers.edit", can_edit_registers)
