"""The portal's agency settings (portal.md § Settings introduced)."""

from __future__ import annotations

from xxgk.agencies.options import BY_NAME, Option, register
from xxgk.portal.indexing import TEMPLATES, prefix_problem, template_problem

GROUP_INDEX = "目录与索引号"
GROUP_ONLINE = "在线申请"


def _positive(label: str):
    def check(v: int) -> str | None:
        return None if v > 0 else f"“{label}”必须大于0"

    return check


PORTAL_OPTIONS = (
    Option(
        "index_prefix",
        "索引号前缀",
        "",
        "18位统一社会信用代码（默认取机关的统一社会信用代码），或其中第9至17位的组织机构代码。",
        group=GROUP_INDEX,
        validate=lambda v: prefix_problem(v) if v else None,
    ),
    Option(
        "index_template",
        "索引号格式",
        TEMPLATES[0][0],
        "发布时分配索引号所用的格式。",
        choices=TEMPLATES,
        group=GROUP_INDEX,
        validate=template_problem,
    ),
    Option(
        "index_year_basis",
        "索引号年份依据",
        "published",
        "索引号中的年份取发布日期还是生成日期。",
        choices=(("published", "发布日期"), ("generated", "生成日期")),
        group=GROUP_INDEX,
    ),
    Option(
        "online_receipt_rule",
        "在线申请收到日期",
        "clerk_confirms",
        "在线申请以工作人员确认之日为收到申请之日，或以提交之日为收到申请之日（须在指南中写明）。",
        choices=(("clerk_confirms", "工作人员确认之日"), ("on_submit", "提交之日")),
        group=GROUP_ONLINE,
    ),
    Option(
        "confirm_within_workdays",
        "在线申请确认时限（工作日）",
        1,
        "工作人员应在提交后几个工作日内确认接收在线申请；逾期未确认的在每日巡检中提醒。",
        kind=int,
        group=GROUP_ONLINE,
        validate=_positive("在线申请确认时限（工作日）"),
    ),
    Option(
        "require_id_number",
        "在线申请须填写证件号码",
        True,
        "是：须填写证件号码（未填写的转工作人员补正，不自动拒绝）；否：可只上传身份证明。",
        kind=bool,
        group=GROUP_ONLINE,
    ),
    Option(
        "submissions_per_hour",
        "每小时提交上限（软限制）",
        10,
        "同一网络地址或同一申请人每小时在线提交超过此数时提示改用其他渠道并标记给工作人员。",
        kind=int,
        group=GROUP_ONLINE,
        validate=_positive("每小时提交上限（软限制）"),
    ),
    Option(
        "submissions_per_day",
        "每日提交上限（软限制）",
        20,
        "同一网络地址或同一申请人每日在线提交超过此数时提示改用其他渠道并标记给工作人员。",
        kind=int,
        group=GROUP_ONLINE,
        validate=_positive("每日提交上限（软限制）"),
    ),
)

if "index_prefix" not in BY_NAME:
    register(*PORTAL_OPTIONS)
