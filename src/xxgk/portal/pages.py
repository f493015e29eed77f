"""What every portal page shares: the 长辈版 flag, the agency looked up by code, the page's render."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xxgk.agencies.models import Agency

ELDER_SESSION_KEY = "portal_elder"
"""长辈版 (large type, high contrast): a session flag, so every link keeps it without a parameter."""


SECTIONS = {
    "guide.html": "zn",
    "rules.html": "zd",
    "catalogue.html": "ml",
    "entry.html": "ml",
    "annual_list.html": "nb",
    "annual.html": "nb",
    "ysqgk.html": "ysqgk",
    "apply": "ysqgk",
}
"""Which sub-column a page belongs to (marked ``aria-current`` in the column's navigation)."""


def elder(request: HttpRequest) -> bool:
    return bool(request.GET.get("zbb") == "1" or request.session.get(ELDER_SESSION_KEY))


def agency_or_404(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404("没有这个机关")
    return agency


def page(
    request: HttpRequest, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    ctx = {"elder": elder(request), "section": SECTIONS.get(template.split("/")[0], ""), **(context or {})}
    return render(request, f"portal/{template}", ctx, status=status)
