"""The statutory form of the annual report, defined once.

Two editions of the tables exist: 国办公开办函〔2019〕60号 (edition "2019", for the
reports on 2019 and 2020) and 国办公开办函〔2021〕30号 (edition "2021", from 2021 on).
Every cell has a stable key (see ``shared/spec/cells.md``); keys never change meaning.

Each row and column carries its printed label and ``markers``: short phrases, after
normalisation (see :func:`xxgk.ingest.labels.normalise`), that identify it in a
published document even when the label is broken or abbreviated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

EDITIONS = ("2019", "2021")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    markers: tuple[str, ...] = ()
    money: bool = False
    signed: bool = False


@dataclass(frozen=True)
class S2Row:
    """A row of section 二: an item of Art. 20 with its own columns."""

    key: str
    label: str
    article: str
    columns: tuple[Column, ...]
    markers: tuple[str, ...] = ()

    def keys(self) -> list[str]:
        return [f"s2.{self.key}.{c.key}" for c in self.columns]


@dataclass(frozen=True)
class S3Row:
    """A row of section 三. ``group`` is the printed group label (（三）不予公开 …)."""

    key: str
    label: str
    group: str | None = None
    markers: tuple[str, ...] = ()
    outcome: bool = True


@dataclass(frozen=True)
class S4Group:
    key: str
    label: str
    parent: str | None = None


@dataclass(frozen=True)
class Edition:
    name: str
    notice: str
    s2_headers: tuple[tuple[str, tuple[str, ...]], ...]
    s2_rows: tuple[S2Row, ...]
    s3_rows: tuple[S3Row, ...]
    s3_columns: tuple[Column, ...] = field(default=())
    s4_groups: tuple[S4Group, ...] = field(default=())
    s4_columns: tuple[Column, ...] = field(default=())

    @property
    def s3_outcome_rows(self) -> tuple[S3Row, ...]:
        return tuple(r for r in self.s3_rows if r.outcome)

    @cached_property
    def _s2_keys(self) -> tuple[str, ...]:
        return tuple(k for row in self.s2_rows for k in row.keys())

    @cached_property
    def _s3_keys(self) -> tuple[str, ...]:
        return tuple(f"s3.{r.key}.{c.key}" for r in self.s3_rows for c in self.s3_columns)

    @cached_property
    def _s4_keys(self) -> tuple[str, ...]:
        return tuple(f"s4.{g.key}.{c.key}" for g in self.s4_groups for c in self.s4_columns)

    @cached_property
    def s3_row_keys(self) -> dict[str, tuple[str, ...]]:
        """Each row of section 三 → the keys of its cells, in column order."""
        return {r.key: tuple(f"s3.{r.key}.{c.key}" for c in self.s3_columns) for r in self.s3_rows}

    def s2_keys(self) -> list[str]:
        return list(self._s2_keys)

    def s3_keys(self) -> list[str]:
        return list(self._s3_keys)

    def s4_keys(self) -> list[str]:
        return list(self._s4_keys)

    def keys(self) -> list[str]:
        return [*self._s2_keys, *self._s3_keys, *self._s4_keys]

    def money_keys(self) -> frozenset[str]:
        return frozenset(f"s2.{row.key}.{c.key}" for row in self.s2_rows for c in row.columns if c.money)

    def signed_keys(self) -> frozenset[str]:
        return frozenset(f"s2.{row.key}.{c.key}" for row in self.s2_rows for c in row.columns if c.signed)


S3_COLUMNS = (
    Column("natural", "自然人", ("自然人",)),
    Column("commercial", "商业企业", ("商业企业",)),
    Column("research", "科研机构", ("科研机构",)),
    Column("nonprofit", "社会公益组织", ("社会公益组织", "公益组织")),
    Column("legal", "法律服务机构", ("法律服务机构",)),
    Column("other", "其他", ("其他",)),
    Column("total", "总计", ("总计", "合计")),
)
APPLICANT_COLUMNS = S3_COLUMNS[:-1]
S3_LEGAL_PERSONS = "法人或其他组织"
S3_APPLICANT_HEADER = "申请人情况"
S3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

G_RESULTS = "三、本年度办理结果"
G_WITHHELD = "（三）不予公开"
G_UNAVAILABLE = "（四）无法提供"
G_NOT_HANDLED = "（五）不予处理"
G_OTHER = "（六）其他处理"

_S3_HEAD = (
    S3Row("received", "一、本年新收政府信息公开申请数量", None, ("本年新收", "本年度新收"), False),
    S3Row("carried_over", "二、上年结转政府信息公开申请数量", None, ("上年结转", "上年度结转"), False),
    S3Row("granted", "（一）予以公开", G_RESULTS, ("予以公开",)),
    S3Row(
        "partly_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        G_RESULTS,
        ("部分公开",),
    ),
    S3Row("withheld.state_secret", "1.属于国家秘密", G_WITHHELD, ("国家秘密",)),
    S3Row(
        "withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        G_WITHHELD,
        ("法律行政法规禁止", "行政法规禁止公开", "禁止公开"),
    ),
    S3Row(
        "withheld.security_stability",
        "3.危及“三安全一稳定”",
        G_WITHHELD,
        ("三安全一稳定", "安全一稳定", "三安全"),
    ),
    S3Row("withheld.third_party", "4.保护第三方合法权益", G_WITHHELD, ("第三方合法权益", "保护第三方")),
    S3Row("withheld.internal_affairs", "5.属于三类内部事务信息", G_WITHHELD, ("内部事务",)),
    S3Row("withheld.process_info", "6.属于四类过程性信息", G_WITHHELD, ("过程性信息", "过程性")),
    S3Row("withheld.enforcement_file", "7.属于行政执法案卷", G_WITHHELD, ("行政执法案卷", "执法案卷")),
    S3Row("withheld.query_matter", "8.属于行政查询事项", G_WITHHELD, ("行政查询事项", "查询事项")),
    S3Row(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        G_UNAVAILABLE,
        ("不掌握相关政府信息", "不掌握"),
    ),
    S3Row(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        G_UNAVAILABLE,
        ("没有现成信息", "另行制作"),
    ),
    S3Row(
        "unavailable.unclear",
        "3.补正后申请内容仍不明确",
        G_UNAVAILABLE,
        ("补正后申请内容仍不明确", "仍不明确", "补正后申请内容"),
    ),
    S3Row("not_handled.petition", "1.信访举报投诉类申请", G_NOT_HANDLED, ("信访举报投诉", "信访举报")),
    S3Row("not_handled.duplicate", "2.重复申请", G_NOT_HANDLED, ("重复申请",)),
    S3Row("not_handled.publication", "3.要求提供公开出版物", G_NOT_HANDLED, ("公开出版物",)),
    S3Row(
        "not_handled.vexatious",
        "4.无正当理由大量反复申请",
        G_NOT_HANDLED,
        ("大量反复申请", "大量反复"),
    ),
    S3Row(
        "not_handled.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        G_NOT_HANDLED,
        ("确认或重新出具", "重新出具"),
    ),
)
_S3_TAIL = (
    S3Row("total", "（七）总计", G_RESULTS, ("总计", "合计"), outcome=False),
    S3Row("carried_forward", "四、结转下年度继续办理", None, ("结转下年度",), outcome=False),
)
S3_ROWS_2019 = (*_S3_HEAD, S3Row("other", "（六）其他处理", G_RESULTS, ("其他处理", "(六)其他")), *_S3_TAIL)
S3_ROWS_2021 = (
    *_S3_HEAD,
    S3Row(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        G_OTHER,
        ("逾期不补正", "逾期不补"),
    ),
    S3Row(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        G_OTHER,
        ("收费通知", "缴纳费用", "逾期未按"),
    ),
    S3Row("other.other", "3.其他", G_OTHER, ("其他",)),
    *_S3_TAIL,
)

S4_COLUMNS = (
    Column("upheld", "结果维持", ("结果维持", "维持")),
    Column("corrected", "结果纠正", ("结果纠正", "纠正")),
    Column("other", "其他结果", ("其他结果",)),
    Column("pending", "尚未审结", ("尚未审结",)),
    Column("total", "总计", ("总计", "合计")),
)
S4_GROUPS = (
    S4Group("review", "行政复议"),
    S4Group("suit_direct", "未经复议直接起诉", "行政诉讼"),
    S4Group("suit_after_review", "复议后起诉", "行政诉讼"),
)

A1 = "第二十条第（一）项"
A5 = "第二十条第（五）项"
A6 = "第二十条第（六）项"
A8 = "第二十条第（八）项"
A9 = "第二十条第（九）项"

_MADE = (
    Column("made", "本年新制作数量", ("新制作",)),
    Column("published", "本年新公开数量", ("新公开",)),
    Column("total", "对外公开总数量", ("对外公开总数",)),
)
_PROJECTS = (
    Column("prev", "上一年项目数量", ("上一年项目数量", "上一年")),
    Column("delta", "本年增/减", ("本年增", "增/减", "增减"), signed=True),
    Column("decisions", "处理决定数量", ("处理决定数量",)),
)
_ISSUED = (
    Column("issued", "本年制发件数", ("制发件数",)),
    Column("repealed", "本年废止件数", ("废止件数",)),
    Column("in_force", "现行有效件数", ("现行有效",)),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量", ("处理决定数量",)),)

S2_ROWS_2019 = (
    S2Row("rules", "规章", A1, _MADE, ("规章",)),
    S2Row("normative", "规范性文件", A1, _MADE, ("规范性文件",)),
    S2Row("license", "行政许可", A5, _PROJECTS, ("行政许可",)),
    S2Row("other_service", "其他对外管理服务事项", A5, _PROJECTS, ("其他对外管理服务", "对外管理服务")),
    S2Row("penalty", "行政处罚", A6, _PROJECTS, ("行政处罚",)),
    S2Row("coercion", "行政强制", A6, _PROJECTS, ("行政强制",)),
    S2Row("fee", "行政事业性收费", A8, _PROJECTS[:2], ("行政事业性收费", "事业性收费")),
    S2Row(
        "procurement",
        "政府集中采购",
        A9,
        (
            Column("count", "采购项目数量", ("采购项目数量",)),
            Column("amount", "采购总金额", ("采购总金额",), money=True),
        ),
        ("政府集中采购", "集中采购"),
    ),
)
S2_ROWS_2021 = (
    S2Row("rules", "规章", A1, _ISSUED, ("规章",)),
    S2Row("normative", "行政规范性文件", A1, _ISSUED, ("规范性文件",)),
    S2Row("license", "行政许可", A5, _DECISIONS_2021, ("行政许可",)),
    S2Row("penalty", "行政处罚", A6, _DECISIONS_2021, ("行政处罚",)),
    S2Row("coercion", "行政强制", A6, _DECISIONS_2021, ("行政强制",)),
    S2Row(
        "fee",
        "行政事业性收费",
        A8,
        (Column("amount", "本年收费金额（单位：万元）", ("收费金额",), money=True),),
        ("行政事业性收费", "事业性收费"),
    ),
)

EDITION_2019 = Edition(
    name="2019",
    notice="国办公开办函〔2019〕60号",
    s2_headers=(
        (A1, ("rules", "normative")),
        (A5, ("license", "other_service")),
        (A6, ("penalty", "coercion")),
        (A8, ("fee",)),
        (A9, ("procurement",)),
    ),
    s2_rows=S2_ROWS_2019,
    s3_rows=S3_ROWS_2019,
    s3_columns=S3_COLUMNS,
    s4_groups=S4_GROUPS,
    s4_columns=S4_COLUMNS,
)
EDITION_2021 = Edition(
    name="2021",
    notice="国办公开办函〔2021〕30号",
    s2_headers=(
        (A1, ("rules", "normative")),
        (A5, ("license",)),
        (A6, ("penalty", "coercion")),
        (A8, ("fee",)),
    ),
    s2_rows=S2_ROWS_2021,
    s3_rows=S3_ROWS_2021,
    s3_columns=S3_COLUMNS,
    s4_groups=S4_GROUPS,
    s4_columns=S4_COLUMNS,
)


def edition(name: str) -> Edition:
    """The edition called ``name`` ("2019" or "2021")."""
    try:
        return {"2019": EDITION_2019, "2021": EDITION_2021}[str(name)]
    except KeyError:
        raise ValueError(f"unknown edition {name!r}; expected one of {', '.join(EDITIONS)}") from None


def expected_edition(year: int) -> str:
    """The edition the State Council prescribes for a report on ``year``."""
    return "2019" if year <= 2020 else "2021"


@cache
def all_keys() -> tuple[str, ...]:
    """Every key of every edition, in a stable order (the CSV dataset's columns)."""
    seen: dict[str, None] = {}
    for name in EDITIONS:
        for k in edition(name).keys():
            seen.setdefault(k, None)
    return tuple(seen)
