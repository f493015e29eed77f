"""PDF reading time: our reader (PDFium) beside pdfplumber's bare text extraction of the
same files and beside the reader it replaced (pdfplumber + pdfminer), in one run.

The inputs are agency-like reports generated here: random valid reports typeset by
LibreOffice from our DOCX (as ``xxgk render --to pdf`` does), from our HTML as
Writer/Web prints a web page (header rows repeated on every page, rows cut between
pages), and printed by Chromium when it is installed (another producer: borders drawn
as filled rectangles, CJK mapped to Kangxi radicals); then the dev corpus' PDFs and its
HTML and DOCX typeset by LibreOffice, when the shared corpus is there. For each file it
prints the best of ROUNDS times of

- ``ours``: ``parse_bytes``, the whole parse (PDF reading and the report's tables);
- ``old``: the same with the pdfplumber reader as it was at commit ``OLD_READER``
  (loaded from git history; ``nan`` outside a git checkout);
- ``pdfplumber``: ``page.extract_text()`` over every page, nothing else;

the ratio ours / pdfplumber (the target is 0.25 at most), and the cells each reader got
wrong against the truth (the generated report, or the corpus label), as
``shared/tools/score.py`` judges them.

usage: .venv/bin/python bench/bench_pdf.py [--reports N] [--rounds R] [--dev DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import math
import random
import shutil
import subprocess
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pdfplumber

from xxgk.ingest import ReadError, formats, parse_bytes
from xxgk.ingest.document import Document
from xxgk.ingest.interpret import parse_document
from xxgk.render.html import render_html
from xxgk.render.pdf import office_to_pdf, render_pdf, soffice
from xxgk.report.generate import random_report
from xxgk.report.model import Number

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
OLD_READER = "8133b75"
"""The last commit whose PDF reader was built on pdfplumber."""
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)

Cells = dict[str, Number | None]
Reader = Callable[[bytes, str], Document]


class Sample(NamedTuple):
    path: Path
    truth: Cells


def generated(n: int, out: Path) -> list[Sample]:
    """``n`` reports of each edition through each producer, written into ``out``."""
    chromium = shutil.which("chromium")
    samples = []
    for edition in ("2019", "2021"):
        for k in range(n):
            report = random_report(random.Random(f"bench-pdf-{edition}-{k}"), edition)
            html = render_html(report).encode("utf-8")
            made = {
                f"docx-{edition}-{k}.pdf": lambda r=report: render_pdf(r),
                f"web-{edition}-{k}.pdf": lambda h=html: office_to_pdf(h, ".html"),
            }
            if chromium:
                made[f"chromium-{edition}-{k}.pdf"] = lambda h=html: printed(h, chromium)
            for name, make in made.items():
                (out / name).write_bytes(make())
                samples.append(Sample(out / name, dict(report.cells)))
    return samples


def printed(html: bytes, exe: str) -> bytes:
    """The web page as Chromium prints it to PDF."""
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_bytes(html)
        target = Path(tmp) / "report.pdf"
        profile = f"--user-data-dir={tmp}/profile"
        subprocess.run(
            [exe, *CHROMIUM_ARGS, profile, f"--print-to-pdf={target}", page.as_uri()],
            capture_output=True,
            timeout=120,
            check=True,
        )
        return target.read_bytes()


def dev_corpus(dev: Path, out: Path) -> list[Sample]:
    """The dev corpus' PDFs, and its HTML and DOCX typeset by LibreOffice, with their labels."""
    if not dev.is_dir():
        return []
    samples = [Sample(p, label(p)) for p in sorted(dev.glob("*.pdf"))]
    if soffice() is None:
        return samples
    for source in sorted(dev.glob("d0?.html")) + sorted(dev.glob("*-docx.docx")):
        target = out / f"dev-{source.stem}.pdf"
        target.write_bytes(office_to_pdf(source.read_bytes(), source.suffix))
        samples.append(Sample(target, label(source)))
    return samples


def label(document: Path) -> Cells:
    return json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))["cells"]


def old_reader() -> Reader | None:
    """The reader at ``OLD_READER``, from git history, without taking the new one's place."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{OLD_READER}:src/xxgk/ingest/pdf.py"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    module = types.ModuleType("xxgk_old_pdf_reader")
    ours = formats.READERS["pdf"]
    exec(compile(done.stdout, f"{OLD_READER}:pdf.py", "exec"), module.__dict__)
    formats.READERS["pdf"] = ours
    return module.read_pdf


def new_parse(data: bytes, name: str) -> Cells:
    return parse_bytes(data, name).cells


def old_parse(reader: Reader) -> Callable[[bytes, str], Cells]:
    return lambda data, name: parse_document(reader(data, name)).cells


def bare(data: bytes, _name: str) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def timed(fn: Callable[[bytes, str], object], data: bytes, name: str, rounds: int) -> tuple[float, object]:
    """The best time of ``rounds`` calls, and the result (or the refusal)."""
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        try:
            result = fn(data, name)
        except ReadError as exc:
            result = exc
        times.append(time.perf_counter() - t0)
    return min(times), result


def same(truth: Number | None, got: object) -> bool:
    """Equality as ``shared/tools/score.py`` judges it: blank and 0 are equal."""
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def wrong(truth: Cells, cells: object) -> str:
    if not isinstance(cells, dict):
        return "refused"
    return str(sum(not same(v, cells.get(k)) for k, v in truth.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=2, help="reports of each edition per producer (default 2)")
    ap.add_argument("--rounds", type=int, default=3, help="timings per file; the best is kept (default 3)")
    ap.add_argument("--dev", type=Path, default=DEV, help=f"the dev corpus (default {DEV})")
    ap.add_argument("--keep", type=Path, help="write the generated PDFs here instead of a temporary folder")
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # pdfminer's complaints about fonts
    old = old_reader()
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-pdf-") as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        samples = (generated(args.reports, out) if soffice() else []) + dev_corpus(args.dev, out)
        if not samples:
            raise SystemExit("no PDFs: LibreOffice is not installed and the dev corpus is not there")
        print(f"{'file':<24}{'pages':>6}{'ours s':>9}{'old s':>9}{'pdfplumber s':>14}{'ratio':>7}", end="")
        print("  wrong cells ours/old")
        totals = [0.0, 0.0, 0.0]
        for sample in samples:
            data, name = sample.path.read_bytes(), sample.path.name
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = len(pdf.pages)
            ours, cells = timed(new_parse, data, name, args.rounds)
            before, old_cells = timed(old_parse(old), data, name, args.rounds) if old else (math.nan, None)
            plain, _ = timed(bare, data, name, args.rounds)
            totals = [totals[0] + ours, totals[1] + before, totals[2] + plain]
            verdict = f"{wrong(sample.truth, cells)}/{wrong(sample.truth, old_cells) if old else '-'}"
            print(
                f"{name:<24}{pages:>6}{ours:>9.3f}{before:>9.3f}{plain:>14.3f}{ours / plain:>7.2f}  {verdict}"
            )
        ours, before, plain = totals
        print(f"{'TOTAL':<24}{'':>6}{ours:>9.3f}{before:>9.3f}{plain:>14.3f}{ours / plain:>7.2f}")
        print(f"ours / pdfplumber extract_text: {ours / plain:.2f}; old reader / ours: {before / ours:.1f}×")


if __name__ == "__main__":
    main()
