"""The JSON API (django-ninja), mounted at ``/api/``; OpenAPI at ``/api/openapi.json``.

Authentication: ``POST /api/auth/token`` with ``{"username", "password"}`` gives ``{"token"}``; then
``Authorization: Bearer TOKEN``. A logged-in browser session also works for reads (the pages' htmx).
Each app adds its own router below. Errors are ``{"detail": "中文说明"}``: 400 bad input, 401 not
logged in, 403 not allowed, 404 not found *or not visible* (the two are not told apart), 409 changed
by someone else meanwhile.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI, Router, Schema, Status
from ninja.security import HttpBearer, django_auth

from xxgk.site.models import ApiToken

TOKEN_LIFETIME = timedelta(days=30)


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="xxgk 政府信息公开工作系统 API",
    version="1",
    urls_namespace="api",
    auth=[BearerToken(), django_auth],
)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "没有权限"}, status=403)


class Credentials(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class Detail(Schema):
    detail: str


auth_router = Router(tags=["auth"])


@auth_router.post("/token", auth=None, response={200: TokenOut, 401: Detail})
def token(request, body: Credentials):
    """用户名和密码换取访问令牌（30 天有效）。"""
    user = authenticate(request, username=body.username, password=body.password)
    if user is None or not user.is_active:
        return Status(401, {"detail": "用户名或密码不正确"})
    return Status(200, {"token": ApiToken.issue(user, TOKEN_LIFETIME)})


def _mount() -> None:
    from xxgk.annual.api import router as annual_router
    from xxgk.ledger.api import router as ledger_router

    api.add_router("/auth", auth_router)
    api.add_router("/", ledger_router)
    api.add_router("/", annual_router)


_mount()
