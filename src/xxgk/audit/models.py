"""The corpus of published annual reports a supervising office reviews.

A :class:`Document` is one published file, kept once by the SHA-256 of its bytes (compressed in
the database, so that any worker on any machine can read it again). Its :class:`Report` is what
the parser read from it, with the parser's version; its :class:`Finding` rows are the parser's,
the checker's and those made across reports. A :class:`CorpusAgency` is the reporting body as the
reports name it, with its region and level; it may be linked to an agency of the register
(:class:`xxgk.agencies.models.Agency`) and belongs to the scope of one (who may see it).
"""

from __future__ import annotations

import zlib
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from xxgk.agencies.models import Agency, AgencyKind, AgencyLevel


class ChineseJSONEncoder(DjangoJSONEncoder):
    """JSON with Chinese as itself, not ``\\uXXXX``: a third of the bytes, and nothing for the
    database driver to escape character by character (report texts are mostly Chinese)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class TextJSONField(models.JSONField):
    """A JSON column written as one parameter per value.

    On PostgreSQL, Django's bulk insert otherwise packs each column into an array literal, and the
    driver escapes every quote of every JSON document in Python: 20× slower for report texts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("encoder", ChineseJSONEncoder)
        super().__init__(*args, **kwargs)

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return "%s"


class CorpusAgency(models.Model):
    key = models.CharField(
        "名称键", max_length=200, unique=True, help_text="名称去除空格标点、人民政府读作政府"
    )
    name = models.CharField("机关名称", max_length=200)
    region = models.CharField("地区", max_length=100, blank=True, db_index=True)
    level = models.CharField("层级", max_length=16, choices=AgencyLevel.choices, blank=True, db_index=True)
    kind = models.CharField("机关类型", max_length=16, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    place_from = models.CharField(
        "地区和层级来源",
        max_length=16,
        choices=[("name", "由名称推断"), ("mapping", "对照表")],
        default="name",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="对应机关",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corpus_agencies",
        help_text="本系统机关名录中的同一机关",
    )
    scope = models.ForeignKey(
        Agency,
        verbose_name="所属监督范围",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corpus_scope",
        help_text="能看到本机关报告的是该机关及其上级的监督、审计人员；空白时为最上级机关的语料",
    )
    expected_since = models.PositiveIntegerField(
        "应报起始年度", null=True, blank=True, help_text="对照表给出时，从该年度起每年应有报告"
    )

    class Meta:
        verbose_name = "报告机关"
        verbose_name_plural = "报告机关"
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    source = models.CharField("来源", max_length=1000, help_text="首次导入时的路径或网址")
    size = models.PositiveIntegerField("字节数")
    content = models.BinaryField("内容（zlib 压缩）", editable=False)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "原始文件"
        verbose_name_plural = "原始文件"

    def __str__(self) -> str:
        return self.source

    @staticmethod
    def pack(data: bytes) -> bytes:
        return zlib.compress(data, 6)

    def data(self) -> bytes:
        return zlib.decompress(bytes(self.content))


class Report(models.Model):
    document = models.OneToOneField(Document, verbose_name="原始文件", on_delete=models.CASCADE)
    agency = models.ForeignKey(
        CorpusAgency,
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    agency_name = models.CharField("报告所署机关", max_length=200, blank=True)
    year = models.PositiveIntegerField("年度", null=True, blank=True, db_index=True)
    edition = models.CharField("表格版本", max_length=8, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    title = models.CharField("标题", max_length=500, blank=True)
    cells = TextJSONField("单元格", default=dict)
    sections = TextJSONField("正文", default=dict)
    provenance = TextJSONField("出处", default=dict)
    alternatives = TextJSONField(
        "待定单元格的候选读法",
        default=list,
        help_text="解析时有多种同样合理读法而留空的单元格；由同一机关相邻年度的报告确定（报告间核查）",
    )
    error = models.TextField("无法读取的原因", blank=True)
    parser_version = models.CharField("解析器版本", max_length=40, db_index=True)
    parsed_at = models.DateTimeField("解析时间")
    primary = models.BooleanField(
        "代表该机关该年度",
        default=True,
        db_index=True,
        help_text="同一机关同一年度有多份文件时，只有一份参加统计",
    )
    # What the pages count, kept with the report so that the overview is one grouped query.
    n_errors = models.PositiveIntegerField("错误数", default=0)
    n_warnings = models.PositiveIntegerField("警告数", default=0)
    n_infos = models.PositiveIntegerField("提示数", default=0)
    on_time = models.BooleanField("按时发布", null=True)
    copied = models.BooleanField("内容雷同", default=False)
    applications = models.PositiveIntegerField("本年新收申请", null=True)
    reviews = models.PositiveIntegerField("行政复议", null=True)
    suits = models.PositiveIntegerField("行政诉讼", null=True)
    outcome_granted = models.PositiveIntegerField("予以公开", null=True)
    outcome_partly_granted = models.PositiveIntegerField("部分公开", null=True)
    outcome_withheld = models.PositiveIntegerField("不予公开", null=True)
    outcome_unavailable = models.PositiveIntegerField("无法提供", null=True)
    outcome_not_handled = models.PositiveIntegerField("不予处理", null=True)
    outcome_other = models.PositiveIntegerField("其他处理", null=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        indexes = [models.Index(fields=["agency", "year"]), models.Index(fields=["primary", "year"])]

    def __str__(self) -> str:
        return f"{self.agency_name or '未识别机关'} {self.year or '?'}年度"


class Origin(models.TextChoices):
    PARSE = "parse", "解析"
    CHECK = "check", "单份核查"
    PAIR = "pair", "跨年度核查"
    CORPUS = "corpus", "报告间比对"


class Finding(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="findings")
    origin = models.CharField("来源", max_length=8, choices=Origin.choices)
    rule = models.CharField("规则", max_length=40, db_index=True)
    severity = models.CharField("级别", max_length=8)
    message = models.TextField("说明")
    cells = TextJSONField("涉及单元格", default=list)
    where = models.CharField("位置", max_length=200, blank=True)
    other = models.ForeignKey(
        Report, verbose_name="相关报告", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        indexes = [models.Index(fields=["report", "origin"])]

    def __str__(self) -> str:
        return f"{self.rule}: {self.message[:40]}"


class Overlap(models.Model):
    """Narrative ``report`` shares with ``other``; ``passages`` keeps each shared passage's place in
    both (section, start, end) and its similarity, for the side-by-side page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="overlaps")
    other = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        "类型", max_length=8, choices=[("copied", "内容雷同"), ("repeated", "重复本机关以前年度")]
    )
    shared_chars = models.PositiveIntegerField("雷同字数")
    share = models.FloatField("占正文比例")
    passages = TextJSONField("雷同段落")

    class Meta:
        verbose_name = "雷同报告对"
        verbose_name_plural = "雷同报告对"
        constraints = [models.UniqueConstraint(fields=["report", "other"], name="overlap_unique_pair")]


class MissingReport(models.Model):
    """An agency's year with no report though one was due (rewritten by every corpus check)."""

    agency = models.ForeignKey(CorpusAgency, on_delete=models.CASCADE, related_name="missing")
    year = models.PositiveIntegerField("年度", db_index=True)

    class Meta:
        verbose_name = "未见报告"
        verbose_name_plural = "未见报告"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="missing_unique_year")]


class RunStatus(models.TextChoices):
    RUNNING = "running", "进行中"
    INTERRUPTED = "interrupted", "已中断"
    DONE = "done", "已完成"


class ImportRun(models.Model):
    """One ``import_reports``: its items are kept so that an interrupted import can resume."""

    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING)
    scope = models.ForeignKey(
        Agency, verbose_name="监督范围", null=True, blank=True, on_delete=models.SET_NULL
    )
    background = models.BooleanField("后台任务", default=False)
    checked = models.BooleanField("已做报告间核查", default=False)

    class Meta:
        verbose_name = "导入"
        verbose_name_plural = "导入"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "待处理"
    NEW = "new", "新导入"
    DUPLICATE = "duplicate", "已有"
    FAILED = "failed", "失败"


class ImportItem(models.Model):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    source = models.CharField("来源", max_length=1000)
    status = models.CharField("状态", max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL)
    error = models.TextField("错误", blank=True)

    class Meta:
        indexes = [models.Index(fields=["run", "status", "position"])]
        ordering = ["position"]


def _token() -> str:
    import secrets

    return secrets.token_hex(16)


class CorpusState(models.Model):
    """One row whose ``version`` changes whenever the corpus does, so that the pages' grouped counts
    can be kept between requests by every server process and dropped the moment they are stale."""

    version = models.PositiveBigIntegerField(default=0)
    token = models.CharField(
        max_length=32,
        default=_token,
        help_text="new with every database: counts kept for another are never read",
    )
