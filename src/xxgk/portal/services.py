"""Actions on the catalogue, one function each (create, publish, withdraw, repeal, import), and the 指南's
versions. The pages and management commands call these."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from xxgk.agencies import options
from xxgk.agencies.models import Agency
from xxgk.portal import indexing
from xxgk.portal.catalogue import COLUMNS, EntryState, Validity, normalise_doc_number
from xxgk.portal.models import CatalogueEntry, GuideVersion, IndexCounter, PublishedReport


def today() -> date:
    return timezone.localdate()


def index_prefix(agency: Agency) -> str:
    """The agency's 索引号 prefix: the configured one, else its 统一社会信用代码, else its code (and a
    setting to fix)."""
    return options.value(agency, "index_prefix") or agency.uscc or agency.code.upper()


@transaction.atomic
def create_entry(agency: Agency, *, title: str, **fields: Any) -> CatalogueEntry:
    """A draft entry; the body's HTML is sanitised and the 文号 kept as typed beside its normal form."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": "名称不能为空"})
    column = fields.get("column", "a15")
    if not column:
        raise ValidationError({"column": "目录分类不能为空"})
    if "body" in fields:
        fields["body"] = nh3.clean(fields["body"] or "")
    if fields.get("doc_number"):
        fields.setdefault("doc_number_original", fields["doc_number"])
        fields["doc_number"] = normalise_doc_number(fields["doc_number"])
    entry = CatalogueEntry(agency=agency, title=title, **fields)
    entry.save()
    return entry


def _draw_serial(agency: Agency, period: indexing.Period) -> int:
    """The next serial of the agency's period, drawn under a row lock held until the transaction ends."""
    try:
        with transaction.atomic():
            IndexCounter.objects.get_or_create(agency=agency, period=period.key)
    except IntegrityError:
        pass  # another transaction created the row first: lock it below
    counter = IndexCounter.objects.select_for_update().get(agency=agency, period=period.key)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


@transaction.atomic
def publish(entry: CatalogueEntry, on: date | None = None, *, user: Any = None) -> CatalogueEntry:
    """Publish a draft: its 索引号 is drawn now from the locked counter, in the agency's format. A rule
    or normative document is recorded in the registers' document register at the same time (``user``
    must be allowed to edit the registers), so the two views share one record."""
    entry = CatalogueEntry.objects.select_for_update().select_related("agency").get(pk=entry.pk)
    if entry.state != EntryState.DRAFT:
        raise ValidationError("只有草稿可以发布；已发布或已撤下的条目不能再次发布")
    on = on or today()
    agency = entry.agency
    template = options.value(agency, "index_template")
    basis = entry.generated_on if options.value(agency, "index_year_basis") == "generated" else None
    period = indexing.period_of(template, basis or on)
    if not entry.index_number:
        prefix = index_prefix(agency)
        while True:  # a legacy number may already hold a serial the counter reaches: skip it, never reuse
            number = indexing.format_index(template, prefix, period, _draw_serial(agency, period))
            if not CatalogueEntry.objects.filter(index_number=number).exists():
                break
        entry.index_number = number
    entry.published_on = on
    entry.state = EntryState.PUBLISHED
    entry.save()
    if entry.is_normative and user is not None:
        entry.document = link_normative(entry, user)
    return entry


NORMATIVE_KIND = "normative"
"""The register's kind for a catalogue entry flagged 规范性文件 (规章 are recorded as ``rules`` there)."""


@transaction.atomic
def link_normative(entry: CatalogueEntry, user: Any, document: Any = None, kind: str = NORMATIVE_KIND):
    """Join a published entry and its register record: an existing ``document`` gets the entry's 索引号
    and publication date; without one a record is made from the entry. The register keeps the dates the
    report counts (issued, repealed); the entry is the public page."""
    from xxgk.registers import services as registers

    entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    if document is None and entry.document_id is not None:
        return entry.document
    if document is None:
        document = registers.record_document(
            user,
            entry.agency,
            kind=kind,
            title=entry.title,
            number=entry.doc_number,
            issuer=entry.agency.name,
            issued_on=entry.generated_on or entry.published_on,
            effective_on=entry.effective_on,
            published_on=entry.published_on,
            index_number=entry.index_number or "",
        )
    else:
        document = registers.update_document(
            user, document, index_number=entry.index_number or "", published_on=entry.published_on
        )
    entry.document = document
    entry.is_normative = True
    entry.save(update_fields=["document", "is_normative", "search_text"])
    return document


@transaction.atomic
def withdraw(entry: CatalogueEntry, reason: str, on: date | None = None) -> CatalogueEntry:
    """Take a published entry down; its URL then answers 410 with ``reason`` and the date."""
    if not reason.strip():
        raise ValidationError({"withdrawn_reason": "撤下须写明原因"})
    entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state != EntryState.PUBLISHED:
        raise ValidationError("只有已发布的条目可以撤下")
    entry.state = EntryState.WITHDRAWN
    entry.withdrawn_on = on or today()
    entry.withdrawn_reason = reason.strip()
    entry.save()
    return entry


@transaction.atomic
def repeal(
    entry: CatalogueEntry, on: date, by: CatalogueEntry | None = None, *, user: Any = None
) -> CatalogueEntry:
    """Mark a document 废止 from ``on`` (by the document that repealed it, when there is one); a linked
    register record is repealed with it (the annual report counts the register)."""
    entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.document_id and user is not None:
        from xxgk.registers import services as registers

        registers.repeal_document(user, entry.document, on, by.document if by else None)
    entry.validity = Validity.REPEALED
    entry.repealed_on = on
    entry.repealed_by = by
    entry.save()
    return entry


# --- import of an existing catalogue -------------------------------------------------------------

IMPORT_HEADERS = {
    "索引号": "index_number",
    "名称": "title",
    "标题": "title",
    "内容概述": "summary",
    "生成日期": "generated_on",
    "成文日期": "generated_on",
    "发布日期": "published_on",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "目录分类": "column",
    "主题分类": "theme",
    "体裁": "genre",
    "关键词": "keywords",
    "有效性": "validity",
    "施行日期": "effective_on",
    "失效日期": "expires_on",
    "废止日期": "repealed_on",
    "正文": "body",
    "规范性文件": "is_normative",
}
DATE_FIELDS = ("generated_on", "published_on", "effective_on", "expires_on", "repealed_on")
VALIDITY_BY_LABEL = {label: value for value, label in Validity.choices}
COLUMN_BY_LABEL = {label: code for code, label in COLUMNS.items()}


@dataclass
class ImportResult:
    created: int = 0
    problems: list[str] = field(default_factory=list)


def _date(text: str) -> date | None:
    import re

    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if not m:
        raise ValueError(f"无法识别的日期“{text}”")
    return date(int(m[1]), int(m[2]), int(m[3]))


def _row_fields(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for header, value in row.items():
        name = IMPORT_HEADERS.get((header or "").strip().replace("（", "(").split("(")[0])
        if name is None or value is None:
            continue
        value = value.strip()
        if name in DATE_FIELDS:
            out[name] = _date(value)
        elif name == "validity":
            if value and value not in VALIDITY_BY_LABEL:
                raise ValueError(f"有效性只能是{'、'.join(VALIDITY_BY_LABEL)}，不能是“{value}”")
            out[name] = VALIDITY_BY_LABEL.get(value, Validity.NOT_APPLICABLE)
        elif name == "column":
            out[name] = COLUMN_BY_LABEL.get(value, value) or "a15"
        elif name == "is_normative":
            out[name] = value in {"是", "1", "true", "True", "Y", "y"}
        else:
            out[name] = value
    if not out.get("index_number"):
        raise ValueError("缺少索引号")
    if not out.get("title"):
        raise ValueError("缺少名称")
    if not out.get("published_on"):
        raise ValueError("缺少发布日期")
    return out


def _advance_counter(agency: Agency, number: str) -> None:
    """Move the counter past a legacy number written in the agency's own format (others stay as they are)."""
    parsed = indexing.parse_index(options.value(agency, "index_template"), index_prefix(agency), number)
    if parsed is None:
        return
    period, serial = parsed
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, period=period.key)
    if serial > counter.last_serial:
        counter.last_serial = serial
        counter.save(update_fields=["last_serial"])


def import_catalogue(agency: Agency, text: str, *, dry_run: bool = False) -> ImportResult:
    """Import a catalogue exported as CSV (a header row with the usual names). Legacy 索引号 are kept
    verbatim; a file with any bad row imports nothing and every bad row is reported."""
    result = ImportResult()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    parsed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        try:
            fields = _row_fields(row)
        except ValueError as e:
            result.problems.append(f"第{line}行：{e}")
            continue
        number = fields["index_number"]
        if number in seen or CatalogueEntry.objects.filter(index_number=number).exists():
            result.problems.append(f"第{line}行：索引号“{number}”已存在")
            continue
        seen.add(number)
        parsed.append(fields)
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        for fields in parsed:
            create_entry(agency, **fields, state=EntryState.PUBLISHED, legacy_index=True)
            _advance_counter(agency, fields["index_number"])
            result.created += 1
    return result


# --- the 指南's versions ----------------------------------------------------------------------------

GUIDE_OPTIONS = (
    "office_name",
    "office_address",
    "office_postcode",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "review_body",
    "court",
    "index_prefix",
    "index_template",
    "online_receipt_rule",
)
"""The settings the 指南 states: when one of them changes, the 指南 gets a new version."""


def guide_facts(agency: Agency) -> dict[str, Any]:
    facts = {name: options.value(agency, name) for name in GUIDE_OPTIONS}
    facts["agency_name"] = agency.name
    facts["index_prefix"] = index_prefix(agency)
    return facts


@transaction.atomic
def current_guide(agency: Agency) -> GuideVersion:
    """The latest 指南 version; a new one, dated today, when the settings it states have changed."""
    Agency.objects.select_for_update().get(pk=agency.pk)
    facts = guide_facts(agency)
    latest = GuideVersion.objects.filter(agency=agency).order_by("-number").first()
    if latest is not None and latest.facts == facts:
        return latest
    return GuideVersion.objects.create(
        agency=agency, number=(latest.number + 1 if latest else 1), facts=facts, updated_on=today()
    )


# --- annual reports as published -------------------------------------------------------------------


@transaction.atomic
def import_published_report(agency: Agency, data: bytes, source: str) -> PublishedReport:
    """Store a report as the agency published it (read by the core's parser); a later import of the same
    year replaces it."""
    from xxgk.ingest import parse_bytes

    report = parse_bytes(data, source)
    if report.year is None:
        raise ValidationError("无法从文件中读出报告年度")
    row, _ = PublishedReport.objects.update_or_create(
        agency=agency,
        year=report.year,
        defaults={"report": report.to_json(), "published_on": report.published_on, "source": "imported"},
    )
    return row
