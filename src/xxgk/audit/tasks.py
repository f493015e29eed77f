"""Imports as background tasks: Django's task framework (the django-tasks backport) with its database
backend (``django_tasks_db``), so that ``xxgk manage db_worker`` processes on any number of machines
sharing the PostgreSQL database take chunks of an import, and the last chunk to finish starts the
checks across reports. No broker runs beside the database.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from xxgk.audit import services
from xxgk.audit.models import Document, ImportItem, ImportRun, ItemStatus, RunStatus
from xxgk.audit.reading import read_source

CHUNK = 25
"""Sources per task: a task is the unit a worker takes, so small enough that workers share an import
evenly, large enough that the queue is not flooded (100,000 sources → 4,000 tasks)."""


class KnownInDatabase:
    """Whether a digest is already in the corpus, asked of the database (workers share no memory)."""

    def __contains__(self, sha256: object) -> bool:
        return Document.objects.filter(sha256=sha256).exists()


def enqueue_import(run: ImportRun) -> int:
    """One task per chunk of the run's pending items; returns the number of tasks."""
    ids = list(run.items.filter(status=ItemStatus.PENDING).order_by("position").values_list("pk", flat=True))
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    for chunk in chunks:
        import_chunk.enqueue(run.pk, chunk)
    return len(chunks)


@task()
def import_chunk(run_id: int, item_ids: list[int]) -> dict[str, Any]:
    run = ImportRun.objects.select_related("scope").get(pk=run_id)
    items = list(ImportItem.objects.filter(pk__in=item_ids, status=ItemStatus.PENDING).order_by("position"))
    known = KnownInDatabase()
    outcomes = services.store([(item, read_source(item.source, known)) for item in items], scope=run.scope)
    if _finish(run_id):
        check_corpus_task.enqueue()
    return {status: sum(s == status for _, s in outcomes) for status in ItemStatus.values}


def _finish(run_id: int) -> bool:
    """Mark the run done when nothing is pending; True for the one worker that does so."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.checked or run.items.filter(status=ItemStatus.PENDING).exists():
            return False
        run.checked = True
        run.status = RunStatus.DONE
        from django.utils import timezone

        run.finished_at = timezone.now()
        run.save(update_fields=["checked", "status", "finished_at"])
        return True


@task()
def check_corpus_task() -> dict[str, Any]:
    result = services.check_corpus()
    return {
        "reports": result.reports,
        "settled": result.settled,
        "copied": result.copied,
        "missing": result.missing,
    }
