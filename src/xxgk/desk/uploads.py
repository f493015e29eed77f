"""An uploaded workbook kept between its dry run and the clerk's confirmation, under a random token in
the data folder (never served; the token is bound to the user who uploaded it)."""

from __future__ import annotations

import io
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings

MAX_BYTES = 20 * 1024 * 1024


def _folder() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(user: Any, data: bytes) -> str:
    token = f"{user.pk}-{secrets.token_urlsafe(16)}"
    (_folder() / f"{token}.xlsx").write_bytes(data)
    return token


def take(user: Any, token: str, *, remove: bool = False) -> bytes | None:
    """The bytes kept under ``token`` if ``user`` uploaded them."""
    if not token.startswith(f"{user.pk}-") or "/" in token or "." in token:
        return None
    path = _folder() / f"{token}.xlsx"
    if not path.exists():
        return None
    data = path.read_bytes()
    if remove:
        path.unlink()
    return data


def rows(data: bytes) -> list[tuple]:
    """The first sheet's rows; raises ``ValueError`` in Chinese when the file is not a workbook."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ValueError("无法读取该文件，请上传 Excel 工作簿（.xlsx）") from None
    return list(wb.worksheets[0].iter_rows(values_only=True))
