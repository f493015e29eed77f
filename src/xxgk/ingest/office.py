"""Legacy Word (``.doc``) and WPS (``.wps``) files, converted to DOCX by LibreOffice.

Both are OLE compound files. LibreOffice runs headless in a private temporary profile
(so a running desktop instance or a stale lock cannot block it) with a time limit; the
DOCX it writes is read by :mod:`xxgk.ingest.docx`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from xxgk.ingest import limits
from xxgk.ingest.document import Document, ReadError
from xxgk.ingest.docx import read_docx
from xxgk.ingest.formats import reader

NEEDS_OFFICE = "读取 .doc/.wps 需要安装 LibreOffice（soffice），本机未找到"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str = ".doc") -> bytes:
    """``data`` (a .doc or .wps file) as DOCX bytes, or :class:`ReadError`."""
    exe = soffice()
    if exe is None:
        raise ReadError(NEEDS_OFFICE)
    with tempfile.TemporaryDirectory(prefix="xxgk-office-") as tmp:
        work = Path(tmp)
        src = work / f"input{suffix}"
        src.write_bytes(data)
        out = work / "out"
        cmd = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(
                cmd,
                capture_output=True,
                timeout=limits.OFFICE_TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "HOME": tmp},
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReadError(
                f"LibreOffice 转换超时（超过 {limits.OFFICE_TIMEOUT_SECONDS:.0f} 秒），文件可能已损坏"
            ) from exc
        except OSError as exc:
            raise ReadError(f"无法运行 LibreOffice：{exc}") from exc
        result = out / "input.docx"
        if not result.exists():
            raise ReadError("LibreOffice 无法转换该 .doc/.wps 文件，文件可能已损坏或已加密")
        return result.read_bytes()


@reader("doc")
def read_doc(data: bytes, source: str) -> Document:
    suffix = ".wps" if source.lower().endswith(".wps") else ".doc"
    doc = read_docx(convert_to_docx(data, suffix), source)
    doc.format = suffix.lstrip(".")
    return doc
