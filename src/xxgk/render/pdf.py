"""The report as PDF: the DOCX rendering converted by LibreOffice, headless.

Needs the Debian packages ``libreoffice-writer-nogui`` (``soffice``) and
``fonts-noto-cjk``. Each conversion runs with a private LibreOffice profile, so that
concurrent conversions do not fight over one, and with a private fontconfig file
(``xxgk/data/render/fonts.conf``) whose only fonts are Noto CJK's: the government fonts
(方正小标宋简体, 黑体, 仿宋_GB2312 …) are drawn with it, and no other font on the machine
(Liberation, DejaVu …) can be chosen, so the document looks the same wherever it is made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from xxgk.render import RenderError
from xxgk.render.docx import render_docx
from xxgk.report.model import AnnualReport

TIMEOUT = 180
PACKAGES = ("libreoffice-writer-nogui", "fonts-noto-cjk")

__all__ = ["RenderError", "docx_to_pdf", "office_to_pdf", "render_pdf", "soffice"]


def soffice() -> str | None:
    """The LibreOffice executable, or ``None`` when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(report: AnnualReport, *, timeout: float = TIMEOUT) -> bytes:
    """The report as the bytes of a PDF file (raises :class:`RenderError`)."""
    return docx_to_pdf(render_docx(report), timeout=timeout)


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT) -> bytes:
    return office_to_pdf(docx, ".docx", timeout=timeout)


FILTERS = {".docx": "writer_pdf_Export", ".html": "writer_web_pdf_Export"}


def office_to_pdf(data: bytes, suffix: str, *, timeout: float = TIMEOUT) -> bytes:
    """A document (``.docx``, or ``.html`` as LibreOffice's Writer/Web lays it out) as PDF."""
    exe = soffice()
    if exe is None:
        raise RenderError(
            "生成 PDF 需要 LibreOffice，但本机未安装。"
            f"请安装：apt-get install --no-install-recommends {' '.join(PACKAGES)}"
        )
    with tempfile.TemporaryDirectory(prefix="xxgk-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"report{suffix}"
        source.write_bytes(data)
        out_dir = work / "out"
        env = dict(os.environ, HOME=str(work), FONTCONFIG_FILE=fonts_conf(work))
        command = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            f"pdf:{FILTERS[suffix]}",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False
            )
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice 在 {timeout:g} 秒内未完成 PDF 转换，已中止。") from None
        except OSError as e:
            raise RenderError(f"无法启动 LibreOffice：{e.strerror or e}") from None
        pdf = out_dir / "report.pdf"
        if done.returncode != 0 or not pdf.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            tail = f"（{detail[-1]}）" if detail else ""
            raise RenderError(f"LibreOffice 未能把报告转换为 PDF，退出码 {done.returncode}{tail}。")
        return pdf.read_bytes()


def font_dirs() -> list[str]:
    """The folders holding Noto CJK, the only fonts a conversion may use (asked of the
    system's fontconfig); empty when it is not installed."""
    try:
        listed = subprocess.run(
            ["fc-list", ":family=Noto Serif CJK SC", "file"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
        listed += subprocess.run(
            ["fc-list", ":family=Noto Sans CJK SC", "file"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired):
        return []
    files = [line.split(":")[0].strip() for line in listed.splitlines() if line.strip()]
    return sorted({str(Path(f).parent) for f in files})


def fonts_conf(work: Path) -> str:
    """A path to the private fontconfig file: the template of the package with the
    folders of :func:`font_dirs` as its only fonts."""
    dirs = font_dirs()
    if not dirs:
        raise RenderError(
            "生成 PDF 需要 Noto CJK 字体，但本机未安装。"
            f"请安装：apt-get install --no-install-recommends {' '.join(PACKAGES)}"
        )
    template = resources.files("xxgk.data").joinpath("render/fonts.conf").read_text(encoding="utf-8")
    text = template.replace("@FONT_DIRS@", "".join(f"<dir>{escape(d)}</dir>" for d in dirs))
    text = text.replace("@CACHE_DIR@", escape(str(work / "fontconfig")))
    conf = work / "fonts.conf"
    conf.write_text(text, encoding="utf-8")
    return str(conf)
