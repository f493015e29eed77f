"""Online applications (filled in below once the ledger is merged)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from xxgk.portal.pages import agency_or_404, page


def apply(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    return page(request, "apply/closed.html", {"agency": agency})


def status(request: HttpRequest) -> HttpResponse:
    return page(request, "apply/closed.html", {})
