"""What every desk page's navigation needs to know, asked of the rules directly (``perms`` in a template
would fall through to Django's model permissions, two queries on every page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xxgk.agencies.permissions import is_admin


def navigation(request: HttpRequest) -> dict[str, Any]:
    from xxgk.audit.permissions import sees_corpus

    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "is_system_admin": signed_in and bool(is_admin(user)),
        "sees_corpus": signed_in and bool(sees_corpus(user)),
    }
