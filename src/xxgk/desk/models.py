"""What the pages keep of their own: failed logins, to slow down password guessing."""

from __future__ import annotations

from django.db import models


class LoginFailure(models.Model):
    """One failed login: the username tried and the address it came from."""

    username = models.CharField(max_length=150)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "address", "at"])]
