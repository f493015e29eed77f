"""Two people acting on one request at the same moment, on PostgreSQL's real row locks: exactly one
action lands, the other is refused with a Chinese message, and no event is written twice."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from ledger_world import make_tree, registered

from xxgk.ledger import services
from xxgk.ledger.models import EventKind, Request, RequestEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (XXGK_DATABASE_URL=postgresql://…)")


def at_once(*actions):
    """Run ``actions`` in threads released together; each result is None or the exception raised."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait()
            action()
        except Exception as e:
            results[i] = e
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_replies_with_the_same_version_one_lands_the_other_is_told():
    tree = make_tree()
    req = registered(tree)
    seen = req.version
    results = at_once(
        lambda: services.reply(
            req.pk, tree.approver, replied_on=date(2026, 3, 5), outcome="granted", version=seen
        ),
        lambda: services.withdraw(req.pk, tree.clerk, on=date(2026, 3, 5), version=seen),
    )
    errors = [r for r in results if r is not None]
    assert len(errors) == 1 and isinstance(errors[0], services.ConcurrentChange)
    assert "已被他人修改" in str(errors[0])
    final = Request.objects.get(pk=req.pk)
    assert final.version == seen + 1
    assert (
        RequestEvent.objects.filter(request=req, kind__in=[EventKind.REPLIED, EventKind.WITHDRAWN]).count()
        == 1
    )


def test_two_correction_notices_at_once_write_one_event():
    tree = make_tree()
    req = registered(tree)
    act = lambda: services.request_correction(  # noqa: E731
        req.pk, tree.clerk, sent_on=date(2026, 3, 3), correct_by=date(2026, 3, 20), what="请写明文号"
    )
    results = at_once(act, act)
    assert sum(r is None for r in results) == 1
    assert isinstance(next(r for r in results if r is not None), services.LedgerError)
    assert RequestEvent.objects.filter(request=req, kind=EventKind.CORRECTION_REQUESTED).count() == 1
