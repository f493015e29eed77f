"""Helpers of the portal's tests (importable: conftest modules are not)."""

from __future__ import annotations

from xxgk.portal.indexing import org_check_char, uscc_check_char

PASSWORD = "portal-test-Pa55"


def make_uscc(region: str, org8: str) -> str:
    """A 统一社会信用代码 with correct check characters (11 = 机关, then the region and the org code)."""
    org = org8 + org_check_char(org8)
    first17 = "11" + region + org
    return first17 + uscc_check_char(first17)
