"""A closed year: the annual report as it was when the year was closed, never changed afterwards."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from xxgk.agencies.models import Agency
from xxgk.report.form import EDITIONS


class ClosedYear(models.Model):
    """The snapshot ``close_year`` takes (ledger.md, Principle 4). ``report`` is the report in the
    ``xxgk parse --json`` contract; a later change to the ledgers that would alter it is refused."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="closed_years"
    )
    year = models.PositiveIntegerField("年度")
    edition = models.CharField("表格版本", max_length=4, choices=[(e, e) for e in EDITIONS])
    consolidated = models.BooleanField("汇总下级机关", default=False)
    report = models.JSONField("年度报告")
    closed_at = models.DateTimeField("关账时间", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="关账人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "已关账年度"
        verbose_name_plural = "已关账年度"
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="closed_year_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("已关账年度的报告不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("已关账年度不能撤销")
