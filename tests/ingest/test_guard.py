"""Guarded reading: a document parsed in a worker process, refused when it runs past its
wall-clock or memory limit, and the worker replaced so that the next document reads.

The inputs are real generated reports; a slow or greedy document is made by lowering the
limit below what an ordinary one needs, not by slowing the parser.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from xxgk.ingest import parse_bytes
from xxgk.ingest.guard import Refused, parse_guarded, shutdown
from xxgk.render.plaintext import render_text
from xxgk.report.generate import random_report

REPORTS = 60
"""Generated reports joined into one long document (about half a megabyte of text)."""


@pytest.fixture(autouse=True)
def _fresh_worker() -> Iterator[None]:
    yield
    shutdown()


def report_text(seed: int) -> bytes:
    return render_text(random_report(random.Random(seed)), "tsv", rng=random.Random(seed)).encode()


def long_document() -> bytes:
    """Many reports one after another: read in a few seconds at most, far from instantly."""
    return b"\n\n".join(report_text(seed) for seed in range(REPORTS))


def test_a_report_reads_in_the_worker_as_in_process() -> None:
    data = report_text(1)
    got = parse_guarded(data, "one.txt")
    assert not isinstance(got, Refused)
    expected = parse_bytes(data, "one.txt")
    assert got.cells == expected.cells
    assert [f.to_json() for f in got.findings] == [f.to_json() for f in expected.findings]


def test_a_document_past_its_time_is_refused_and_the_next_one_reads() -> None:
    assert not isinstance(parse_guarded(report_text(2), "warm.txt"), Refused)
    got = parse_guarded(long_document(), "slow.txt", timeout_s=0.001)
    assert isinstance(got, Refused)
    assert got.kind == "timeout"
    assert "解析超时" in got.message
    after = parse_guarded(report_text(3), "next.txt")
    assert not isinstance(after, Refused)
    assert after.cells == parse_bytes(report_text(3), "next.txt").cells


def test_a_document_past_its_memory_is_refused_and_the_next_one_reads() -> None:
    got = parse_guarded(long_document(), "greedy.txt", memory_mb=1)
    assert isinstance(got, Refused)
    assert got.kind == "memory"
    assert "内存超限" in got.message
    assert not isinstance(parse_guarded(report_text(4), "next.txt"), Refused)


def test_an_unreadable_document_is_refused_with_the_readers_message() -> None:
    got = parse_guarded(b"   ", "empty.txt")
    assert got == Refused("unreadable", "文件是空的，没有可读取的内容")
    got = parse_guarded("这不是年度报告。".encode(), "prose.txt")
    assert isinstance(got, Refused)
    assert got.kind == "unreadable"
    assert "不是年度报告" in got.message
