"""The catalogue's fixed vocabularies: the 目录分类 heads of Art 20, validity, origin, state."""

from __future__ import annotations

from django.db import models

ART20_HEADS = (
    ("a01", "行政法规、规章和规范性文件"),
    ("a02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("a03", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("a04", "国民经济和社会发展统计信息"),
    ("a05", "行政许可和其他对外管理服务事项的依据、条件、程序及办理结果"),
    ("a06", "行政处罚、行政强制的依据、条件、程序及有一定社会影响的行政处罚决定"),
    ("a07", "财政预算、决算信息"),
    ("a08", "行政事业性收费项目及其依据、标准"),
    ("a09", "政府集中采购项目的目录、标准及实施情况"),
    ("a10", "重大建设项目的批准和实施情况"),
    ("a11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("a12", "突发公共事件的应急预案、预警信息及应对情况"),
    ("a13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("a14", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("a15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)
"""Art 20 (一)–(十五), the preset heads of the 法定主动公开内容 column."""

RULES_COLUMN = ("zd", "政府信息公开制度")
"""The 制度 sub-column of 国办公开办函〔2019〕61号: the agency's own rules on disclosure work."""

COLUMNS: dict[str, str] = dict((*ART20_HEADS, RULES_COLUMN))


def column_label(code: str) -> str:
    """The preset head's label, or the imported column's own name."""
    return COLUMNS.get(code, code)


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    NOT_APPLICABLE = "na", "不适用"


class Origin(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    FROM_REQUEST = "from_request", "依申请公开转主动公开"


class EntryState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤下"


def normalise_doc_number(text: str) -> str:
    """文号 normalised: the year in 〔〕 whatever brackets were typed ([2024], (2024), 【2024】)."""
    import re

    return re.sub(r"[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]", r"〔\1〕", text.strip())


def searchable(text: str) -> str:
    """Text as the catalogue search compares it: full-width folded (NFKC) and upper-cased, stored so
    that the database compares with a plain ``LIKE`` and never folds a row at query time."""
    import unicodedata

    return unicodedata.normalize("NFKC", text).upper()


def grams(text: str) -> list[str]:
    """The distinct two-character pieces of already folded text, in order of first appearance, leaving out
    pieces with a space: a searched word has none, so every piece of a word is a piece of any text holding
    it, which is what lets the bigram index narrow a search without changing its results."""
    seen: dict[str, None] = {}
    for i in range(len(text) - 1):
        piece = text[i : i + 2]
        if not any(c.isspace() for c in piece):
            seen.setdefault(piece)
    return list(seen)


def grams_text(text: str) -> str:
    """The stored form of :func:`grams`: space-separated with a space at each end, so that a piece is
    found as `` AB `` by a plain ``LIKE`` on any database and as an array element on PostgreSQL."""
    pieces = grams(text)
    return f" {' '.join(pieces)} " if pieces else ""
