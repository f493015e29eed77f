"""What an applicant types, folded and checked. Plausible-but-invalid input gives a warning and a flag for
the clerk, never a refusal (portal.md § Form rules): the Regulation leaves identity doubts to 补正."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from xxgk.portal.indexing import uscc_problem

DOTS = "•・‧∙⋅･·"
"""Separators typed for the 间隔号 in names such as 阿卜杜拉·买买提 (folded to U+00B7)."""

ID_TYPES = (
    ("id_card", "居民身份证"),
    ("hk_mo_tw", "港澳台居民来往内地（大陆）通行证或居住证"),
    ("passport", "护照"),
    ("foreign_pr", "外国人永久居留身份证"),
    ("other", "其他身份证明"),
)
LEDGER_ID_TYPE = {"id_card": "id_card", "hk_mo_tw": "hk_mo_tw", "passport": "passport"}
"""The ledger's coarser list of ID types; the others are kept as "other" there, exactly in the submission."""

ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CARD_CHECKS = "10X98765432"
HK_MO_TW = re.compile(r"[HM]\d{8}(\d{2})?|\d{8}|8[123]\d{15}[\dX]")
FOREIGN_PR = re.compile(r"[A-Z]{3}\d{12}|9\d{16}[\dX]")
DOCUMENT = re.compile(r"[A-Z0-9]{5,20}")
PHONE = re.compile(r"1[3-9]\d{9}|(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?|\+?\d{6,15}")
POSTCODE = re.compile(r"\d{6}")


def fold(text: str) -> str:
    """全角 → 半角 (NFKC), the 间隔号 unified, outer and repeated spaces removed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join("·" if c in DOTS else c for c in text)
    return re.sub(r"\s+", " ", text).strip()


def fold_code(text: str) -> str:
    """A code (ID number, USCC, phone): folded, spaces and dashes inside numbers kept only for phones."""
    return fold(text).replace(" ", "").upper()


def id_card_problem(number: str) -> str | None:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return "居民身份证号码应为18位（最后一位可为X）" if len(number) != 15 else None
    total = sum(int(c) * w for c, w in zip(number[:17], ID_CARD_WEIGHTS, strict=True))
    if ID_CARD_CHECKS[total % 11] != number[17]:
        return "身份证号码校验位不符，请核对"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在，请核对"
    if born > date.today():
        return "身份证号码中的出生日期晚于今天，请核对"
    return None


@dataclass
class Checked:
    """The cleaned values, errors that block (field → message), warnings that do not, flags for the clerk."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


PERSON = "natural"
ORG_TYPES = (
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他组织"),
)
OBTAIN = (("post", "邮寄"), ("email", "电子邮件"), ("pickup", "自行领取"), ("inspect", "当场查阅、抄录"))
CARRIER = (("paper", "纸质"), ("electronic", "电子"))
LIMITS = {"name": 100, "description": 2000, "address": 200, "other": 100}


def _text(data: dict[str, str], name: str) -> str:
    return fold(data.get(name, ""))[: LIMITS.get(name, LIMITS["other"])]


def check_application(data: dict[str, str], *, require_id: bool = True) -> Checked:
    """Check an application form (公民 or 法人或其他组织)."""
    out = Checked()
    kind = data.get("kind", "")
    if kind not in {"person", "org"}:
        out.errors["kind"] = "请选择申请人类型：公民，或法人或其他组织"
        kind = "person"
    v = out.values
    v["kind"] = kind
    if kind == "person":
        _person(data, out, require_id)
    else:
        _organisation(data, out)
    _contact(data, out)
    _request(data, out)
    return out


def _person(data: dict[str, str], out: Checked, require_id: bool) -> None:
    v = out.values
    v["applicant_type"] = PERSON
    v["name"] = _text(data, "name")
    if not v["name"]:
        out.errors["name"] = "请填写姓名"
    v["id_type"] = data.get("id_type", "")
    v["id_number"] = fold_code(data.get("id_number", ""))[:40]
    if v["id_type"] not in dict(ID_TYPES):
        out.errors["id_type"] = "请选择证件类型"
        return
    if not v["id_number"]:
        if require_id:
            out.warnings["id_number"] = "未填写证件号码：工作人员可能通知您补正身份证明"
        out.flags.append("missing_identity")
        return
    problem = _id_problem(v["id_type"], v["id_number"])
    if problem:
        out.warnings["id_number"] = problem
        out.flags.append("id_number_doubtful")


def _id_problem(kind: str, number: str) -> str | None:
    if kind == "id_card":
        return id_card_problem(number)
    if kind == "hk_mo_tw" and not HK_MO_TW.fullmatch(number):
        return "证件号码与港澳台居民证件的常见格式不符，请核对"
    if kind == "foreign_pr" and not FOREIGN_PR.fullmatch(number):
        return "证件号码与外国人永久居留身份证的格式不符，请核对"
    if kind == "passport" and not DOCUMENT.fullmatch(number):
        return "护照号码通常为5至20位字母或数字，请核对"
    return None


def _organisation(data: dict[str, str], out: Checked) -> None:
    v = out.values
    v["applicant_type"] = data.get("org_type", "")
    if v["applicant_type"] not in dict(ORG_TYPES):
        out.errors["org_type"] = "请选择组织类型"
    v["name"] = _text(data, "org_name")
    if not v["name"]:
        out.errors["org_name"] = "请填写法人或其他组织的名称"
    v["uscc"] = fold_code(data.get("uscc", ""))[:18]
    if v["uscc"] and (problem := uscc_problem(v["uscc"])):
        out.warnings["uscc"] = problem
        out.flags.append("uscc_doubtful")
    elif not v["uscc"]:
        out.flags.append("missing_identity")
    v["legal_representative"] = _text(data, "legal_representative")
    v["contact_person"] = _text(data, "contact_person")
    if not v["contact_person"]:
        out.errors["contact_person"] = "请填写联系人姓名"


def _contact(data: dict[str, str], out: Checked) -> None:
    v = out.values
    v["phone"] = fold(data.get("phone", ""))[:30]
    v["email"] = fold(data.get("email", ""))[:100]
    v["address"] = _text(data, "address")
    v["postcode"] = fold_code(data.get("postcode", ""))[:10]
    if not (v["phone"] or v["email"] or v["address"]):
        out.errors["phone"] = "请至少填写一种联系方式：电话、电子邮箱或通信地址"
    if v["phone"] and not PHONE.fullmatch(v["phone"].replace(" ", "")):
        out.warnings["phone"] = "电话号码格式少见，请核对"
    if v["email"]:
        try:
            validate_email(v["email"])
        except ValidationError:
            out.warnings["email"] = "电子邮箱格式不正确，请核对"
    if v["postcode"] and not POSTCODE.fullmatch(v["postcode"]):
        out.warnings["postcode"] = "邮政编码应为6位数字"


def _request(data: dict[str, str], out: Checked) -> None:
    v = out.values
    v["description"] = unicodedata.normalize("NFKC", data.get("description", "")).strip()[
        : LIMITS["description"]
    ]
    if not v["description"]:
        out.errors["description"] = "请填写所需政府信息的名称、文号或者便于查询的特征性描述"
    v["document_number"] = _text(data, "document_number")
    v["index_number"] = _text(data, "index_number")
    v["obtain_method"] = data.get("obtain_method", "")
    if v["obtain_method"] not in dict(OBTAIN):
        out.errors["obtain_method"] = "请选择获取信息的方式"
    v["carrier"] = data.get("carrier", "")
    if v["carrier"] not in dict(CARRIER):
        out.errors["carrier"] = "请选择信息的载体形式"
    if v["obtain_method"] == "post" and not v["address"]:
        out.errors["address"] = "选择邮寄的，请填写通信地址"
    if v["obtain_method"] == "email" and not v["email"]:
        out.errors["email"] = "选择电子邮件的，请填写电子邮箱"
    v["suggest_proactive"] = "1" if data.get("suggest_proactive") else ""
