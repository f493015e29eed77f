"""Online applications: the submission kept as evidence, the ledger request it creates in ``draft``, the
查询码, the receipt rule, the status an applicant may see, correction and withdrawal by the applicant.

portal.md § Online application → ledger. The ledger's services do every legal act (its clock, its events);
this module only proves who the applicant is (number + 查询码) and keeps what they sent.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from xxgk.agencies import options
from xxgk.agencies.models import Agency
from xxgk.ledger import services as ledger
from xxgk.portal import ledger_bridge, uploads, validation
from xxgk.portal.models import LookupAttempt, OnlineSubmission, SubmissionFile

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
QUERY_CODE_LENGTH = 12
"""12 Crockford base-32 characters from ``secrets``: 60 bits, shown once, kept only hashed."""
NOTICE_VERSION = "2026-1"
"""The privacy notice's version (shown before submission, recorded with it)."""
LOOKUPS_PER_MINUTE = 5
LOCK_AFTER_FAILURES = 10
LEDGER_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "uscc",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_number",
    "index_number",
    "obtain_method",
    "carrier",
)


def keyed_hash(text: str, purpose: str) -> str:
    """A keyed hash for matching without keeping the value (ID numbers, network addresses)."""
    key = hashlib.sha256(f"{purpose}:{settings.FIELD_ENCRYPTION_KEY}".encode()).digest()
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def new_query_code() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(QUERY_CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What the applicant typed as code: case and Crockford's look-alikes (O→0, I/L→1) forgiven."""
    t = validation.fold_code(text).replace("-", "")
    return t.translate(str.maketrans("OIL", "011"))


def canonical(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _ledger_details(values: dict[str, str]) -> dict[str, str]:
    d = {
        "applicant_type": values["applicant_type"],
        "applicant_name": values["name"],
        "id_type": validation.LEDGER_ID_TYPE.get(values.get("id_type", ""), "other")
        if values.get("id_number")
        else ("uscc" if values.get("uscc") else ""),
        "id_number": values.get("id_number") or values.get("uscc", ""),
        "uscc": values.get("uscc", ""),
        "legal_representative": values.get("legal_representative", ""),
        "contact_person": values.get("contact_person", ""),
        "phone": values.get("phone", ""),
        "email": values.get("email", ""),
        "address": values.get("address", ""),
        "postcode": values.get("postcode", "")[:6],
        "description": values["description"],
        "document_number": values.get("document_number", ""),
        "index_number": values.get("index_number", ""),
        "obtain_method": values["obtain_method"],
        "carrier": values["carrier"],
    }
    return {k: v for k, v in d.items() if k in LEDGER_FIELDS}


@dataclass
class Submitted:
    submission: OnlineSubmission
    query_code: str | None
    """None when the same submission came twice (the code was shown the first time only)."""


def submit(
    agency: Agency,
    values: dict[str, str],
    *,
    files: list[tuple[str, bytes, str]] = (),
    flags: list[str] = (),
    ip: str = "",
    idempotency_key: str,
    submitted_at: datetime | None = None,
) -> Submitted:
    """Keep the submission and create the ledger request in ``draft``, in one transaction. ``files`` are
    already checked (name, content, mime). With agency setting ``on_submit`` the submission itself is
    confirmed as received."""
    existing = OnlineSubmission.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return Submitted(existing, None)
    at = submitted_at or timezone.now()
    code = new_query_code()
    rule = options.value(agency, "online_receipt_rule")
    stored_files = [
        (display, *uploads.store(data, suffix_of(mime)), mime, len(data)) for display, data, mime in files
    ]
    payload = {
        "agency": agency.code,
        "submitted_at": timezone.localtime(at).isoformat(),
        "applicant": {k: v for k, v in values.items()},
        "files": [{"name": n, "sha256": h, "mime": m, "size": s} for n, _, h, m, s in stored_files],
        "privacy_notice": NOTICE_VERSION,
        "receipt_rule": rule,
    }
    text = canonical(payload)
    id_text = values.get("id_number") or values.get("uscc") or ""
    with transaction.atomic():
        req = ledger.submit_online(agency, submitted_at=at, channel="internet", **_ledger_details(values))
        type(req).objects.filter(pk=req.pk).update(query_code="")  # the portal keeps the code, hashed
        sub = OnlineSubmission.objects.create(
            uuid=uuid.uuid4(),
            agency=agency,
            request=req,
            number=req.number,
            query_code_hash=make_password(code),
            submitted_at=at,
            payload=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            id_hmac=keyed_hash(id_text, "id") if id_text else "",
            ip_hmac=keyed_hash(ip, "ip") if ip else "",
            idempotency_key=idempotency_key,
            notice_version=NOTICE_VERSION,
            receipt_rule=rule,
            flags=sorted(set(flags)),
        )
        for display, stored, digest, mime, size in stored_files:
            SubmissionFile.objects.create(
                submission=sub, name=display, stored=stored, mime=mime, size=size, sha256=digest
            )
        if rule == "on_submit":
            ledger_bridge.confirm_on_submit(req.pk, timezone.localtime(at).date())
    return Submitted(sub, code)


def suffix_of(mime: str) -> str:
    return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(mime, ".ofd")


def payload_of(sub: OnlineSubmission) -> dict[str, Any]:
    return json.loads(sub.payload)


# --- throttles ---------------------------------------------------------------------------------------


def over_limit(ip: str, kind: str, per: timedelta, limit: int) -> bool:
    since = timezone.now() - per
    return (
        LookupAttempt.objects.filter(ip_hmac=keyed_hash(ip, "ip"), kind=kind, at__gte=since).count() >= limit
    )


def note_attempt(ip: str, kind: str) -> None:
    LookupAttempt.objects.create(ip_hmac=keyed_hash(ip, "ip"), kind=kind, at=timezone.now())


def submission_limits_exceeded(agency: Agency, ip: str, id_text: str) -> bool:
    """The soft limits per network address and per applicant (an hour and a day)."""
    now = timezone.now()
    for per, name in (
        (timedelta(hours=1), "submissions_per_hour"),
        (timedelta(days=1), "submissions_per_day"),
    ):
        limit = options.value(agency, name)
        if ip and over_limit(ip, "submit", per, limit):
            return True
        if id_text and (
            OnlineSubmission.objects.filter(
                id_hmac=keyed_hash(id_text, "id"), submitted_at__gte=now - per
            ).count()
            >= limit
        ):
            return True
    return False


class LookupThrottled(Exception):
    """Too many lookups from one address in a minute."""


def find(number: str, code: str, ip: str) -> OnlineSubmission | None:
    """The submission whose number and 查询码 match, or None — the same None for an unknown number, a wrong
    code and a number locked after too many failures, so that no answer tells which."""
    if over_limit(ip, "lookup", timedelta(minutes=1), LOOKUPS_PER_MINUTE):
        raise LookupThrottled
    note_attempt(ip, "lookup")
    number = validation.fold(number).replace(" ", "")[:64]
    sub = OnlineSubmission.objects.filter(number=number).select_related("request", "agency").first()
    code = normalise_code(code)
    if sub is None:
        check_password(code, make_password("x"))  # the same work as a real check: no timing difference
        return None
    if sub.failed_lookups >= LOCK_AFTER_FAILURES or not check_password(code, sub.query_code_hash):
        OnlineSubmission.objects.filter(pk=sub.pk).update(failed_lookups=sub.failed_lookups + 1)
        return None
    return sub


def unconfirmed(today: date) -> list[OnlineSubmission]:
    """Online applications still waiting for a clerk's confirmation after the agency's
    ``confirm_within_workdays`` (the daily sweep's alert; a draft is never deleted, it is evidence)."""
    from xxgk.ledger.models import State
    from xxgk.workdays import default_calendar

    late = []
    drafts = OnlineSubmission.objects.filter(request__state=State.DRAFT).select_related("agency")
    for sub in drafts.order_by("submitted_at"):
        days = options.value(sub.agency, "confirm_within_workdays")
        if default_calendar().add(timezone.localtime(sub.submitted_at).date(), days) < today:
            late.append(sub)
    return late
