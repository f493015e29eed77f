"""Failed logins are counted per username and address; too many in a window refuse further tries.

Kept in the database (not a per-process cache) so that every worker of the site counts the same tries.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from xxgk.desk.models import LoginFailure

MAX_FAILURES = 5
"""Wrong passwords allowed for one username from one address within :data:`WINDOW`."""
WINDOW = timedelta(minutes=15)


def address_of(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _recent(username: str, address: str | None):
    since = timezone.now() - WINDOW
    return LoginFailure.objects.filter(username=username.strip().lower(), address=address, at__gte=since)


def refused(username: str, address: str | None) -> str | None:
    """The Chinese message refusing a login, or None when this username and address may try."""
    failures = list(_recent(username, address).order_by("at").values_list("at", flat=True))
    if len(failures) < MAX_FAILURES:
        return None
    wait = failures[-MAX_FAILURES] + WINDOW - timezone.now()
    minutes = max(1, int(wait.total_seconds() // 60) + 1)
    return f"登录失败次数过多（{WINDOW.seconds // 60}分钟内{MAX_FAILURES}次），请{minutes}分钟后再试。"


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.strip().lower(), address=address)
    LoginFailure.objects.filter(at__lt=timezone.now() - WINDOW).delete()


def forget(username: str, address: str | None) -> None:
    """A successful login clears the count."""
    _recent(username, address).delete()
