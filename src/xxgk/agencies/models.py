"""Agencies, their departments and the people who work in them.

An agency is any body that publishes its own annual report: a county government, one of its
departments, a township. Agencies form a tree of supervision (上级政务公开办 → 下级机关); a supervisor
sees the subtree of their own agency. ``path`` holds the codes from the root so that a subtree is one
indexed prefix query.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"


class AgencyKind(models.TextChoices):
    """What the agency is; decides its report deadline (Art 49) and where the portal lists it."""

    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    TOWNSHIP = "township", "乡镇（街道）"
    OTHER = "other", "其他机关单位"


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class Agency(models.Model):
    code = models.CharField(
        "机关代码",
        max_length=32,
        unique=True,
        validators=[
            RegexValidator(CODE_PATTERN, "机关代码只能包含字母、数字、下划线和连字符，且不超过32个字符")
        ],
        help_text="用于网址和申请编号，例如 pgx 或 140932",
    )
    name = models.CharField("机关名称", max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(
        "机关类型", max_length=16, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    level = models.CharField("层级", max_length=16, choices=AgencyLevel.choices, default=AgencyLevel.COUNTY)
    region = models.CharField("行政区划代码", max_length=12, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    path = models.CharField(max_length=400, editable=False, db_index=True)
    settings = models.JSONField("机关设置", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关"})
            node = node.parent

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = (self.parent.path if self.parent else "/") + f"{self.code}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in Agency.objects.filter(parent=self):
                child.save()

    def subtree(self) -> models.QuerySet[Agency]:
        """This agency and every agency below it."""
        return Agency.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Agency]:
        codes = [c for c in self.path.strip("/").split("/") if c]
        by_code = {a.code: a for a in Agency.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes[:-1] if c in by_code]

    def is_within(self, other: Agency) -> bool:
        """Whether this agency is ``other`` or below it."""
        return self.path.startswith(other.path)


class Department(models.Model):
    """A unit inside an agency (科室), to which requests are assigned (承办)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField("科室名称", max_length=100)

    class Meta:
        verbose_name = "科室"
        verbose_name_plural = "科室"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The roles of ledger.md § People and what they may do (the predicates are in ``permissions``)."""

    CLERK = "clerk", "信息公开工作人员"
    HANDLER = "handler", "承办人"
    APPROVER = "approver", "审核人"
    HEAD = "head", "机关负责人"
    SUPERVISOR = "supervisor", "上级主管部门"
    AUDITOR = "auditor", "审计人员"
    ADMIN = "admin", "系统管理员"


class ApproverPost(models.TextChoices):
    """Where an approver sits in the approval chain; only the head of the disclosure office may
    approve an extension (Art 33(2))."""

    DEPARTMENT_HEAD = "department_head", "科室负责人"
    OFFICE_HEAD = "office_head", "公开办负责人"
    LEADER = "leader", "分管领导"


class Staff(models.Model):
    """A user's place of work: one agency, one role (and for a handler, a department)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="staff"
    )
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="staff")
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name="科室",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    post = models.CharField("审核岗位", max_length=20, choices=ApproverPost.choices, blank=True)
    display_name = models.CharField("姓名", max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return f"{self.display_name or self.user.get_username()}（{self.agency}，{self.get_role_display()}）"

    def clean(self) -> None:
        if self.department and self.department.agency_id != self.agency_id:
            raise ValidationError({"department": "科室必须属于该工作人员所在的机关"})
