"""Who sees which part of the corpus.

Supervisors and auditors (``xxgk.agencies``) see the corpus agencies whose scope is their own
agency or one below it. A corpus agency with no scope (imported without ``--scope`` and linked to
no agency of the register) belongs to the whole corpus, seen by the supervisors and auditors of a
top agency (one without a parent). Nobody else sees the corpus: a clerk's own reports are shown
by the ledger's pages, not here.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from xxgk.agencies.permissions import SUBTREE_ROLES, staff_of
from xxgk.audit.models import CorpusAgency, Report


def corpus_scope(user: Any, prefix: str = "") -> Q | None:
    """The condition on corpus agencies (on reports with ``prefix="agency__"``) that ``user`` may
    see, or None for no access. A document whose agency could not be read is seen at the top."""
    staff = staff_of(user)
    if staff is None or staff.role not in SUBTREE_ROLES:
        return None
    q = Q(**{f"{prefix}scope__path__startswith": staff.agency.path})
    if staff.agency.parent_id is None:
        q |= Q(**{f"{prefix}scope__isnull": True})
        if prefix:
            q |= Q(**{prefix.removesuffix("__") + "__isnull": True})
    return q


@rules.predicate
def sees_corpus(user: Any) -> bool:
    return corpus_scope(user) is not None


def visible_agencies(user: Any) -> QuerySet[CorpusAgency]:
    q = corpus_scope(user)
    return CorpusAgency.objects.filter(q) if q is not None else CorpusAgency.objects.none()


def visible_reports(user: Any) -> QuerySet[Report]:
    q = corpus_scope(user, "agency__")
    return Report.objects.filter(q) if q is not None else Report.objects.none()


@rules.predicate
def sees_report(user: Any, report: Report | None) -> bool:
    return report is not None and visible_reports(user).filter(pk=report.pk).exists()


rules.add_perm("audit.view_corpus", sees_corpus)
rules.add_perm("audit.view_report", sees_report)
