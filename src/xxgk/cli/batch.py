"""Reading many sources on every core, the results in the order given.

Each worker process loads (and checks) one source at a time and sends back the reports
as their JSON form (:meth:`AnnualReport.to_json`), which is small and always picklable,
or the reason the source could not be read. ``imap`` keeps the order of the sources, so
the output of ``--jobs N`` is the output of one process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from xxgk.cli.app import console

Result = list[dict[str, Any]] | str
"""The reports of a source as JSON objects, or why it could not be read."""

PROGRESS_FROM = 10
"""Fewer sources than this are read without a progress bar."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def expand(sources: Iterable[str]) -> list[str]:
    """Sources as given, with folders replaced by the documents inside them (sorted).

    Raises ``ValueError`` (in Chinese) for a folder holding no document."""
    from xxgk.ingest.load import DOCUMENT_SUFFIXES

    result: list[str] = []
    for s in sources:
        p = Path(s)
        if s != "-" and p.is_dir():
            found = [
                str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
            ]
            if not found:
                raise ValueError(
                    f"文件夹“{s}”中没有可读取的报告文件（{'、'.join(sorted(DOCUMENT_SUFFIXES))}）"
                )
            result.extend(found)
        else:
            result.append(s)
    return result


def read_one(source: str, *, checked: bool) -> Result:
    """The reports of ``source`` as JSON objects (checked unless told not to), or the reason."""
    from xxgk.ingest import ReadError, load

    try:
        reports = load(source)
        if checked:
            from xxgk.check import check_report

            for r in reports:
                r.findings.extend(check_report(r))
        return [r.to_json() for r in reports]
    except ReadError as e:
        return str(e)
    except MemoryError:
        return "内存不足，无法读取此文件"
    except Exception as e:  # a bug of ours must not stop a run over thousands of reports
        return f"内部错误（请报告此问题）：{type(e).__name__}: {e}"


def read_many(sources: list[str], *, checked: bool = True, jobs: int = 1) -> Iterator[tuple[str, Result]]:
    """(source, result) for each source, in order, read by ``jobs`` processes."""
    work = partial(read_one, checked=checked)
    stdin_used = "-" in sources
    if jobs <= 1 or len(sources) < 2 or stdin_used:
        results: Iterator[Result] = map(work, sources)
        yield from _with_progress(sources, results)
        return
    _preload(checked)
    with multiprocessing.get_context("fork").Pool(min(jobs, len(sources))) as pool:
        yield from _with_progress(sources, pool.imap(work, sources, chunksize=1))


def _preload(checked: bool) -> None:
    """Import the readers once, before the workers fork, so that none imports them again."""
    import xxgk.ingest

    if checked:
        import xxgk.check  # noqa: F401


def _with_progress(sources: list[str], results: Iterator[Result]) -> Iterator[tuple[str, Result]]:
    if len(sources) < PROGRESS_FROM or not sys.stderr.isatty():
        yield from zip(sources, results, strict=True)
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(
        *columns, console=console(stderr=True), transient=True, redirect_stdout=False, redirect_stderr=False
    ) as progress:
        task = progress.add_task("读取报告", total=len(sources))
        for item in zip(sources, results, strict=True):
            yield item
            progress.advance(task)
