"""Applicants' personal data encrypted at rest (Fernet, the key of ``settings.FIELD_ENCRYPTION_KEY``).

The key is base64 of 32 random bytes, generated once into the data folder like Django's secret key
(``xxgk.site.settings``) or given as ``XXGK_FIELD_KEY``. Encrypted columns cannot be searched; the
ledger searches by name, number and query code, which stay in clear.
"""

from __future__ import annotations

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

PREFIX = "fernet:"


@cache
def _fernet(key: str) -> Fernet:
    raw = base64.b64decode(key.encode("ascii") + b"==")
    return Fernet(base64.urlsafe_b64encode(raw[:32]))


def encrypt(text: str) -> str:
    if not text:
        return ""
    return PREFIX + _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    """The clear text; a value written before encryption (no prefix) is returned as it is."""
    if not stored or not stored.startswith(PREFIX):
        return stored or ""
    try:
        token = stored[len(PREFIX) :].encode("ascii")
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token).decode("utf-8")
    except InvalidToken:
        return "（无法解密：数据密钥与加密时不同）"


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; Python code sees clear text."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value is not None else value

    def to_python(self, value):
        return decrypt(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else (value or "")
