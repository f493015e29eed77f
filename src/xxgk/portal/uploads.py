"""Files the portal keeps (attachments of entries, applicants' uploads): checked by content, renamed,
stored under ``MEDIA_ROOT/portal`` outside the web root, served only by views that check who asks."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import BinaryIO

from django.conf import settings


def root() -> Path:
    path = Path(settings.MEDIA_ROOT) / "portal"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(data: bytes, suffix: str) -> tuple[str, str]:
    """Write ``data`` under a random name; returns (stored name, sha256)."""
    name = f"{secrets.token_hex(16)}{suffix}"
    (root() / name).write_bytes(data)
    return name, hashlib.sha256(data).hexdigest()


def open_stored(name: str) -> BinaryIO:
    path = (root() / name).resolve()
    if path.parent != root().resolve():
        raise FileNotFoundError(name)
    return path.open("rb")
