"""The other ledgers of ledger.md: normative documents and rules, the edition-2019 item catalogues,
decision tallies, administrative fees collected, central procurement, reviews and lawsuits.

Their numbers feed sections 二 and 四 of the annual report through :mod:`xxgk.registers.records`
and :func:`xxgk.annual.counting.count`. Every change is kept (django-simple-history).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from xxgk.agencies.models import Agency
from xxgk.registers.vocabulary import (
    CASE_KIND_CHOICES,
    CATALOGUE_CHOICES,
    DECISION_CHOICES,
    DOCUMENT_CHOICES,
    REVIEW,
    RULING_CHOICES,
    RULINGS,
)

MONEY = {"max_digits": 14, "decimal_places": 4, "validators": [MinValueValidator(Decimal(0))]}
"""Amounts in 万元 to four places: one 元."""
MONTH = [MinValueValidator(1), MaxValueValidator(12)]
FIRST_YEAR = 2008
"""The first year of annual reports (the 2007 Regulation took effect on 1 May 2008)."""


def _after(later: dt.date | None, earlier: dt.date | None, field: str, message: str) -> dict[str, str]:
    return {field: message} if later and earlier and later < earlier else {}


class Document(models.Model):
    """A rule (规章) or normative document (行政规范性文件)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField("类别", max_length=16, choices=DOCUMENT_CHOICES)
    title = models.CharField("标题", max_length=300)
    number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("制发机关", max_length=100, blank=True)
    issued_on = models.DateField("制发日期", db_index=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    index_number = models.CharField("索引号", max_length=100, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    repealed_by = models.ForeignKey(
        "self", verbose_name="废止文件", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["agency", "kind"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def clean(self) -> None:
        errors = {
            **_after(self.published_on, self.issued_on, "published_on", "公开日期不能早于制发日期"),
            **_after(self.repealed_on, self.issued_on, "repealed_on", "废止日期不能早于制发日期"),
            **_after(self.effective_on, self.issued_on, "effective_on", "施行日期不能早于制发日期"),
        }
        if errors:
            raise ValidationError(errors)


class CatalogueItem(models.Model):
    """An item of a catalogue (行政许可、其他对外管理服务、行政处罚、行政强制事项, 行政事业性收费项目):
    edition 2019 counts the items on 31 December of the year before and the change in the year."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="catalogue_items"
    )
    kind = models.CharField("类别", max_length=16, choices=CATALOGUE_CHOICES)
    name = models.CharField("事项名称", max_length=300)
    code = models.CharField("事项编码", max_length=100, blank=True)
    added_on = models.DateField("设立日期")
    removed_on = models.DateField("取消日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "事项目录"
        verbose_name_plural = "事项目录"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if errors := _after(self.removed_on, self.added_on, "removed_on", "取消日期不能早于设立日期"):
            raise ValidationError(errors)


class DecisionTally(models.Model):
    """The decisions of one kind in one month, as the business systems report them."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="decision_tallies"
    )
    kind = models.CharField("类别", max_length=16, choices=DECISION_CHOICES)
    year = models.PositiveIntegerField("年度", validators=[MinValueValidator(FIRST_YEAR)])
    month = models.PositiveSmallIntegerField("月份", validators=MONTH)
    count = models.PositiveIntegerField("处理决定数量")
    source = models.CharField("数据来源", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "处理决定统计"
        verbose_name_plural = "处理决定统计"
        ordering = ["-year", "-month", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year", "month"], name="tally_unique_month")
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月 {self.get_kind_display()} {self.count}"


class FeeIncome(models.Model):
    """行政事业性收费 collected by the agency in a year (not the 信息处理费), in 万元."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="fee_incomes"
    )
    year = models.PositiveIntegerField("年度", validators=[MinValueValidator(FIRST_YEAR)])
    amount = models.DecimalField("收费金额（万元）", **MONEY)
    note = models.CharField("说明", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "行政事业性收费"
        verbose_name_plural = "行政事业性收费"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="fee_income_unique_year")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.amount}万元"


class Procurement(models.Model):
    """A central procurement project (政府集中采购), in 万元."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="procurements"
    )
    name = models.CharField("项目名称", max_length=300)
    contracted_on = models.DateField("合同签订日期")
    amount = models.DecimalField("采购金额（万元）", **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政府集中采购项目"
        verbose_name_plural = "政府集中采购项目"
        ordering = ["-contracted_on"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """A review (行政复议) or lawsuit (行政诉讼) about disclosure work; one row per case, first instance."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField("类别", max_length=8, choices=CASE_KIND_CHOICES)
    after_review = models.BooleanField("复议后起诉", default=False)
    requests = models.ManyToManyField(
        "ledger.Request", verbose_name="涉及的申请", blank=True, related_name="cases"
    )
    case_number = models.CharField("案号", max_length=100, blank=True)
    body = models.CharField("复议机关/法院", max_length=200, blank=True)
    filed_on = models.DateField("立案（受理）日期")
    ruling = models.CharField("结果", max_length=16, choices=RULING_CHOICES, blank=True)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[requests])

    class Meta:
        verbose_name = "行政复议和行政诉讼"
        verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return self.case_number or f"{self.get_kind_display()}（{self.filed_on}）"

    @property
    def group(self) -> str:
        """The section 四 group the case counts in."""
        if self.kind == REVIEW:
            return "review"
        return "suit_after_review" if self.after_review else "suit_direct"

    @property
    def result(self) -> str | None:
        """The section 四 column of the ruling (维持、纠正、其他), None while pending."""
        return RULINGS[self.ruling][1] if self.ruling else None

    def clean(self) -> None:
        errors = _after(self.concluded_on, self.filed_on, "concluded_on", "审结日期不能早于立案日期")
        if bool(self.ruling) != bool(self.concluded_on):
            errors["ruling"] = "结果与审结日期必须同时填写（尚未审结的两项都不填）"
        if self.kind == REVIEW and self.after_review:
            errors["after_review"] = "只有行政诉讼才有“复议后起诉”"
        if errors:
            raise ValidationError(errors)
