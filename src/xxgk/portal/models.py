"""The portal's records: catalogue entries and their 索引号 counters, the 指南's versions, published annual
reports, and online submissions (evidence of what an applicant sent).

portal.md § Catalogue entry model; an entry is published once and its URL never changes (a withdrawn entry
answers 410 with the reason and date).
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from xxgk.agencies.models import Agency
from xxgk.ledger.crypto import EncryptedTextField
from xxgk.portal.bigrams import GramsField
from xxgk.portal.catalogue import EntryState, Origin, Validity, grams_text, searchable


class IndexCounter(models.Model):
    """The last serial given out for one agency and period; locked with ``select_for_update`` while a
    number is drawn, so serials are unique and gap-free, and never reused."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "period"], name="index_counter_unique")]


class CatalogueEntry(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="catalogue_entries"
    )
    co_publishers = models.CharField("联合发布机构", max_length=300, blank=True)
    index_number = models.CharField("索引号", max_length=80, unique=True, null=True, blank=True)
    legacy_index = models.BooleanField("沿用原索引号", default=False)
    title = models.CharField("名称", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    generated_on = models.DateField("生成日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True, db_index=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    doc_number_original = models.CharField("文号（原文）", max_length=100, blank=True)
    column = models.CharField("目录分类", max_length=100, default="a15", db_index=True)
    theme = models.CharField("主题分类", max_length=50, blank=True, db_index=True)
    genre = models.CharField("体裁", max_length=50, blank=True, db_index=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    validity = models.CharField(
        "有效性", max_length=12, choices=Validity.choices, default=Validity.NOT_APPLICABLE, db_index=True
    )
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    repealed_by = models.ForeignKey(
        "self", verbose_name="废止依据", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField("正文", blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpreted_by",
    )
    origin = models.CharField("公开方式", max_length=16, choices=Origin.choices, default=Origin.PROACTIVE)
    is_normative = models.BooleanField("规范性文件", default=False)
    document = models.OneToOneField(
        "registers.Document",
        verbose_name="规章和规范性文件登记",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_entry",
        help_text="规章、规范性文件在登记簿中的记录（年报统计用）；有效性以登记簿为准",
    )
    state = models.CharField(
        "状态", max_length=12, choices=EntryState.choices, default=EntryState.DRAFT, db_index=True
    )
    withdrawn_on = models.DateField("撤下日期", null=True, blank=True)
    withdrawn_reason = models.CharField("撤下原因", max_length=300, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    search_grams = GramsField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text", "search_grams"])

    class Meta:
        verbose_name = "目录条目"
        verbose_name_plural = "目录条目"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["agency", "state", "-published_on"], name="entry_agency_pub")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = searchable(
            " ".join(
                x
                for x in (self.title, self.summary, self.doc_number, self.keywords, self.index_number or "")
                if x
            )
        )
        self.search_grams = grams_text(self.search_text)
        fields = kwargs.get("update_fields")
        if fields is not None and "search_text" in fields and "search_grams" not in fields:
            kwargs["update_fields"] = [*fields, "search_grams"]
        super().save(*args, **kwargs)


class Attachment(models.Model):
    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    stored = models.CharField(max_length=200)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)


class GuideVersion(models.Model):
    """One version of an agency's 指南: the settings it was generated from, frozen with its date (Art 12)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="guide_versions")
    number = models.PositiveIntegerField()
    facts = models.JSONField()
    updated_on = models.DateField("更新日期")

    class Meta:
        ordering = ["agency", "-number"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="guide_version_unique")]


class PublishedReport(models.Model):
    """An annual report as published by the agency: computed from the ledger, or imported as it was
    published. ``report`` is the core's ``AnnualReport`` as JSON (``xxgk.render.json``)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="published_reports")
    year = models.PositiveIntegerField("年度")
    report = models.JSONField()
    published_on = models.DateField("发布日期", null=True, blank=True)
    source = models.CharField("来源", max_length=20, default="imported")

    class Meta:
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="published_report_unique")]


class OnlineSubmission(models.Model):
    """An online application exactly as submitted: evidence from the first byte, never changed.

    ``payload`` is the canonical JSON of what was sent, encrypted (it holds the applicant's personal data);
    ``sha256`` is the hash of that JSON, printed on the receipt. The 查询码 is kept only as a password hash.
    """

    uuid = models.UUIDField(unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="online_submissions")
    request = models.OneToOneField(
        "ledger.Request", on_delete=models.PROTECT, related_name="online_submission"
    )
    number = models.CharField("申请编号", max_length=64, unique=True)
    query_code_hash = models.CharField(max_length=200)
    submitted_at = models.DateTimeField("提交时间")
    payload = EncryptedTextField()
    sha256 = models.CharField(max_length=64)
    id_hmac = models.CharField(max_length=64, blank=True, db_index=True)
    ip_hmac = models.CharField(max_length=64, blank=True, db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    notice_version = models.CharField("隐私告知版本", max_length=20)
    receipt_rule = models.CharField("收到日期规则", max_length=20)
    flags = models.JSONField("提示工作人员", default=list, blank=True)
    failed_lookups = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "在线申请提交记录"
        verbose_name_plural = "在线申请提交记录"

    def save(self, *args, **kwargs) -> None:
        if self.pk and "update_fields" not in kwargs:
            raise ValueError("在线申请的提交记录一经保存不得修改")
        super().save(*args, **kwargs)


class SubmissionFile(models.Model):
    """A file an applicant uploaded (identity proof, a correction), checked by content and renamed."""

    submission = models.ForeignKey(OnlineSubmission, on_delete=models.PROTECT, related_name="files")
    purpose = models.CharField(max_length=20, default="application")
    name = models.CharField(max_length=100)
    stored = models.CharField(max_length=100)
    mime = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class LookupAttempt(models.Model):
    """A status lookup or a submission from one network address (kept as a keyed hash), for the throttles."""

    ip_hmac = models.CharField(max_length=64)
    kind = models.CharField(max_length=10)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["ip_hmac", "kind", "at"], name="lookup_ip_kind_at")]
