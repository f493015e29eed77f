"""What every desk view shares: the login check, the answer to a user without the right."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

View = Callable[..., HttpResponse]


def forbidden(request: HttpRequest, what: str = "此页面") -> HttpResponse:
    return render(request, "desk/forbidden.html", {"what": what}, status=403)


def needs(perm: str, what: str = "此页面") -> Callable[[View], View]:
    """Login required, and the global permission ``perm`` (else 403 in Chinese)."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                return forbidden(request, what)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def form_errors(form, error) -> None:
    """Put a service's ``ValidationError`` onto ``form`` (field errors where it names a field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
