"""``xxgk parse --jobs N`` against one process: wall time and identical output.

Copies the repository's labelled documents (``tests/data``: text, HTML, DOCX, PDF) and
the examples into a temporary folder ``--copies`` times over, then runs the installed
``xxgk parse --json`` on the folder with ``--jobs 1`` and with each ``--jobs N`` asked
for, ``--rounds`` times each (the best round counts), and prints the seconds, the
speed-up, the CPU seconds used and the cores kept busy (on a machine others load, the
cores a run gets, not the work it splits, bound the speed-up), and whether the output is
byte for byte the output of one process.

    .venv/bin/python bench/bench_jobs.py [--copies 4] [--jobs 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"
SUFFIXES = (".txt", ".html", ".docx", ".pdf")


def corpus(folder: Path, copies: int) -> int:
    docs = [
        p for d in (ROOT / "tests" / "data", ROOT / "examples") for p in d.rglob("*") if p.suffix in SUFFIXES
    ]
    for n in range(copies):
        for doc in docs:
            shutil.copy(doc, folder / f"{n:02d}-{doc.parent.name}-{doc.name}")
    return len(docs) * copies


def timed(folder: Path, jobs: int) -> tuple[float, bytes, float]:
    """Wall seconds, the output, and the CPU seconds the run used (all its processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [XXGK, "parse", "--json", "--jobs", str(jobs), str(folder)], capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, done.stdout, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--jobs", type=int, nargs="+", default=[2])
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-jobs-") as tmp:
        folder = Path(tmp)
        n = corpus(folder, args.copies)
        print(f"{n} documents (text, HTML, DOCX, PDF) in {folder}")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        base, reference, cpu = min(timed(folder, 1) for _ in range(args.rounds))
        busy = f"CPU {cpu:.2f} s ({cpu / base:.2f} cores busy)"
        print(f"--jobs 1: {base:.2f} s  ({n / base:.1f} documents/s)  {busy}")
        for jobs in args.jobs:
            took, out, cpu = min(timed(folder, jobs) for _ in range(args.rounds))
            same = "identical" if out == reference else "DIFFERENT"
            rate = f"{n / took:.1f} documents/s"
            busy = f"CPU {cpu:.2f} s ({cpu / took:.2f} cores busy)"
            print(
                f"--jobs {jobs}: {took:.2f} s  ({rate})  {busy}  speed-up {base / took:.2f}x  output {same}"
            )


if __name__ == "__main__":
    main()
