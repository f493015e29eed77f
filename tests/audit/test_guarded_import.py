"""An import is not stalled by one document: a document past the reading limits is stored as
unreadable with the reason, and the others are read.

The limits are lowered through the environment (as an operator would) below what a long
generated document needs; nothing of ours is patched.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.core.management import call_command

from xxgk.audit.models import Report
from xxgk.ingest import guard
from xxgk.render.plaintext import render_text
from xxgk.report.generate import random_report

pytestmark = pytest.mark.django_db
LONG = 60
"""Reports joined into the long document."""


@pytest.fixture(autouse=True)
def _fresh_worker():
    yield
    guard.shutdown()


def _text(seed: int) -> str:
    return render_text(random_report(random.Random(seed)), "tsv", rng=random.Random(seed))


def test_a_document_past_the_memory_limit_is_stored_as_unreadable(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "long.txt").write_text("\n\n".join(_text(s) for s in range(LONG)), encoding="utf-8")
    monkeypatch.setenv(guard.MEMORY_VARIABLE, "1")
    call_command("import_reports", str(tmp_path), "--jobs", "1", "--no-corpus-check")
    report = Report.objects.get(document__source__endswith="long.txt")
    assert "内存超限" in report.error
    assert report.cells == {}


def test_a_document_past_the_time_limit_is_stored_as_unreadable_and_the_next_is_read(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "a-long.txt").write_text("\n\n".join(_text(s) for s in range(LONG)), encoding="utf-8")
    monkeypatch.setenv(guard.TIMEOUT_VARIABLE, "0.001")
    call_command("import_reports", str(tmp_path), "--jobs", "1", "--no-corpus-check")
    assert "解析超时" in Report.objects.get(document__source__endswith="a-long.txt").error
    monkeypatch.delenv(guard.TIMEOUT_VARIABLE)
    other = tmp_path / "next"
    other.mkdir()
    (other / "b-one.txt").write_text(_text(LONG + 1), encoding="utf-8")
    call_command("import_reports", str(other), "--jobs", "1", "--no-corpus-check")
    read = Report.objects.get(document__source__endswith="b-one.txt")
    assert read.error == "" and read.year is not None
