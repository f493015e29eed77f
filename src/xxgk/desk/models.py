"""What the pages keep of their own: failed logins, to slow down password guessing."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LoginFailure(models.Model):
    """One failed login: the username tried and the address it came from."""

    username = models.CharField(max_length=150)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "address", "at"])]


class Narrative(models.Model):
    """A narrative section of an agency's annual report as the clerk wrote it (over the suggested draft
    of :func:`xxgk.annual.narrative.draft`); closing the year puts it in the snapshot."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    key = models.CharField(max_length=16)
    text = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "key"], name="narrative_unique_section")
        ]
