"""The agency settings (the points marked **[setting]** in ledger.md and portal.md), as data.

Each option has a name, a type, a default and a sentence saying what it decides; ``Agency.settings``
stores only the values an agency changed. The documentation (``docs/settings.md``) is generated from
this list and a test keeps the two in agreement, as Datasette does for its settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency


@dataclass(frozen=True)
class Option:
    name: str
    label: str
    default: Any
    help: str
    choices: tuple[tuple[Any, str], ...] = ()
    group: str = "机关信息"
    kind: type = str
    validate: Callable[[Any], str | None] | None = field(default=None, compare=False)

    def check(self, value: Any) -> str | None:
        """A Chinese message saying why ``value`` is not acceptable, or None."""
        if self.kind is bool and not isinstance(value, bool):
            return f"“{self.label}”必须是是或否"
        if self.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            return f"“{self.label}”必须是整数"
        if self.kind is str and not isinstance(value, str):
            return f"“{self.label}”必须是文字"
        if self.choices and value not in {c for c, _ in self.choices}:
            allowed = "、".join(label for _, label in self.choices)
            return f"“{self.label}”只能是：{allowed}"
        return self.validate(value) if self.validate else None


OPTIONS: tuple[Option, ...] = (
    Option(
        "office_name",
        "公开工作机构名称",
        "",
        "指南和告知书中写明的政府信息公开工作机构，例如“××县人民政府办公室”。",
    ),
    Option("office_address", "办公地址", "", "当面提交和邮寄申请的地址，写入指南、告知书和申请页面。"),
    Option("office_postcode", "邮政编码", "", "邮寄申请的邮政编码。"),
    Option(
        "office_hours", "办公时间", "工作日 上午9:00—12:00，下午13:30—17:30", "当面提交申请和查阅信息的时间。"
    ),
    Option("office_phone", "联系电话", "", "咨询和当面申请的电话，写入指南和告知书。"),
    Option("office_fax", "传真", "", "传真提交申请的号码；为空表示不接受传真申请。"),
    Option("office_email", "电子邮箱", "", "接收咨询的电子邮箱（申请请通过在线申请系统提交）。"),
    Option(
        "review_body",
        "行政复议机关",
        "",
        "告知书救济条款中写明的行政复议机关；2023年修订的《行政复议法》施行后一般为本级人民政府。",
    ),
    Option("court", "管辖法院", "", "告知书救济条款中写明的人民法院。"),
)

BY_NAME: dict[str, Option] = {o.name: o for o in OPTIONS}


def register(*options: Option) -> None:
    """Add an app's options to the list (each app registers its own when it is imported)."""
    global OPTIONS
    for option in options:
        if option.name in BY_NAME:
            raise ValueError(f"duplicate agency option {option.name}")
        BY_NAME[option.name] = option
    OPTIONS = (*OPTIONS, *options)


def value(agency: Agency, name: str) -> Any:
    """The agency's value of option ``name``, or its default."""
    option = BY_NAME[name]
    return (agency.settings or {}).get(name, option.default)


def values(agency: Agency) -> dict[str, Any]:
    return {o.name: (agency.settings or {}).get(o.name, o.default) for o in OPTIONS}


def errors(changes: dict[str, Any]) -> dict[str, str]:
    """Why each of ``changes`` is unacceptable (an empty dict when all are fine)."""
    out: dict[str, str] = {}
    for name, v in changes.items():
        option = BY_NAME.get(name)
        if option is None:
            out[name] = f"没有名为“{name}”的机关设置"
        elif (message := option.check(v)) is not None:
            out[name] = message
    return out
