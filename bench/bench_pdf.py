"""PDF parsing time beside pdfplumber's bare text extraction of the same files.

Reports are typeset to PDF by LibreOffice from the dev corpus HTML (N copies each, in a
temporary folder); without LibreOffice the dev corpus' own PDFs are used. Prints, per
file and in total, our ``parse_bytes`` time, pdfplumber's ``page.extract_text()`` over
all pages, and the ratio (target: at most 1.5).

usage: .venv/bin/python bench/bench_pdf.py [ROUNDS]
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from xxgk.ingest import ReadError, parse_bytes

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def render(tmp: Path) -> list[Path]:
    exe = shutil.which("soffice")
    sources = sorted(DEV.glob("d0?.html")) + sorted(DEV.glob("*-docx.docx"))
    if exe is None or not sources:
        return sorted(DEV.glob("*.pdf"))
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(tmp),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    return sorted(tmp.glob("*.pdf")) or sorted(DEV.glob("*.pdf"))


def bare(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def ours(data: bytes, name: str) -> None:
    with contextlib.suppress(ReadError):
        parse_bytes(data, name)


def best(fn, *args: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        files = render(Path(tmp))
        total_ours = total_bare = 0.0
        print(f"{'file':<24}{'pages':>6}{'ours s':>10}{'pdfplumber s':>14}{'ratio':>8}")
        for path in files:
            data = path.read_bytes()
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = len(pdf.pages)
            a = best(ours, data, path.name, rounds=rounds)
            b = best(bare, data, rounds=rounds)
            total_ours += a
            total_bare += b
            print(f"{path.name:<24}{pages:>6}{a:>10.3f}{b:>14.3f}{a / b:>8.2f}")
        print(f"{'TOTAL':<24}{'':>6}{total_ours:>10.3f}{total_bare:>14.3f}{total_ours / total_bare:>8.2f}")


if __name__ == "__main__":
    main()
