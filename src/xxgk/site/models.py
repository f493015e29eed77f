"""API tokens: ``POST /api/auth/token`` hands one out; only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "xxgk_"
TOKEN_BYTES = 32


def digest(token: str) -> str:
    """A token has 256 random bits, so a plain SHA-256 (no salt, no stretching) cannot be reversed."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField("令牌摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    expires_at = models.DateTimeField("过期时间", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.user} {self.digest[:8]}…"

    @classmethod
    def issue(cls, user, lifetime: timezone.timedelta | None = None) -> str:
        """A new token for ``user``; the clear token is returned once and never stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
        expires = timezone.now() + lifetime if lifetime else None
        cls.objects.create(user=user, digest=digest(token), expires_at=expires)
        return token

    @classmethod
    def user_for(cls, token: str):
        """The active user holding ``token``, or None."""
        found = cls.objects.select_related("user").filter(digest=digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.expires_at and found.expires_at <= now:
            return None
        cls.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user
