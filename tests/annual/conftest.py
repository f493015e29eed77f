"""Requests made directly in the ledger's tables, as an import or the workflow leaves them."""

from __future__ import annotations

import itertools

import pytest

from xxgk.ledger.models import Request, State


@pytest.fixture
def make_request():
    serial = itertools.count(1)

    def make(agency, applicant, received, closed=None, outcome="", **extra) -> Request:
        return Request.objects.create(
            agency=agency,
            number=f"{agency.code}-{next(serial)}",
            channel="in_person",
            applicant_type=applicant,
            applicant_name="张三",
            description="申请内容",
            received_on=received,
            closed_on=closed,
            outcome=outcome,
            state=State.REPLIED if closed else State.IN_PROGRESS,
            **extra,
        )

    return make
