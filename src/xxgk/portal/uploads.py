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


MAX_BYTES = 10 * 1024 * 1024
"""portal.md § Form rules: each upload at most 10 MB."""
MAX_FILES = 5
MAX_UNPACKED = 50 * 1024 * 1024
"""An OFD (a zip) may unpack to at most this much; more is a zip bomb."""
MAX_RATIO = 100
"""Nor may one member be compressed more than this (real OFD text and images compress far less)."""


class UploadError(ValueError):
    """Why a file was refused, in Chinese, for the applicant."""


def sniff(data: bytes) -> tuple[str, str]:
    """(mime, suffix) from the content; the name and the browser's type are ignored."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if data.startswith(b"PK\x03\x04"):
        return "application/ofd", ".ofd"
    raise UploadError("只接受 PDF、JPG、PNG 或 OFD 文件（按文件内容识别，不看扩展名）")


def _check_ofd(data: bytes) -> None:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "OFD.xml" not in names:
                raise UploadError("该压缩文件不是 OFD 版式文件")
            total = 0
            for i in infos:
                if i.filename.startswith(("/", "\\")) or ".." in i.filename.replace("\\", "/").split("/"):
                    raise UploadError("OFD 文件中含有不安全的路径")
                total += i.file_size
                if i.compress_size and i.file_size / i.compress_size > MAX_RATIO:
                    raise UploadError("OFD 文件的压缩比异常，已拒绝")
            if total > MAX_UNPACKED:
                raise UploadError("OFD 文件解压后过大，已拒绝")
    except zipfile.BadZipFile as e:
        raise UploadError("OFD 文件已损坏，无法打开") from e


def _clean_image(data: bytes, fmt: str) -> bytes:
    """Decode and encode again: a file that is not really an image fails, and metadata (EXIF, GPS) and
    anything appended after the image (a polyglot) are dropped."""
    import io

    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = 50_000_000
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            clean = im.convert("RGB") if fmt == "JPEG" and im.mode not in ("RGB", "L") else im.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
        raise UploadError("图片文件已损坏或过大，无法打开") from e
    out = io.BytesIO()
    clean.save(out, format=fmt)
    return out.getvalue()


def _check_pdf(data: bytes) -> None:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
        pages = len(doc)
        doc.close()
    except pdfium.PdfiumError as e:
        raise UploadError("PDF 文件已损坏或加密，无法打开") from e
    if pages == 0:
        raise UploadError("PDF 文件没有页面")


def check_upload(name: str, data: bytes) -> tuple[bytes, str, str]:
    """(content to store, mime, suffix) of an acceptable upload, or :class:`UploadError`."""
    if len(data) > MAX_BYTES:
        raise UploadError(f"“{display_name(name)}”超过10MB，请压缩后上传或通过其他渠道提交")
    if not data:
        raise UploadError("文件是空的")
    mime, suffix = sniff(data)
    if mime == "application/pdf":
        _check_pdf(data)
    elif mime == "application/ofd":
        _check_ofd(data)
    else:
        data = _clean_image(data, "PNG" if mime == "image/png" else "JPEG")
    return data, mime, suffix


def display_name(name: str) -> str:
    """The file's name as shown back: no folders, no control characters, at most 80 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable())
    return base[:80] or "附件"
