"""Facts the public pages state that neither the core nor the agency settings hold."""

from __future__ import annotations

from xxgk.deadlines import Rules

REVIEW_DAYS = 60
"""《行政复议法》第二十条: 行政复议 within 60 days of knowing of the act."""
SUIT_MONTHS = 6
"""《行政诉讼法》第四十六条: 行政诉讼 within 6 months of knowing of the act."""

ART29_CONTENTS = (
    "申请人的姓名或者名称、身份证明、联系方式",
    "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
    "申请公开的政府信息的形式要求，包括获取信息的方式、途径",
)
"""《条例》第二十九条第二款: what an application contains."""

RECEIPT_RULES = {
    "clerk_confirms": (
        "通过互联网提交的申请，以本机关工作人员确认接收之日为收到申请之日（《条例》第三十一条第三项"
        "“双方确认之日”）。工作人员一般于提交后{days}个工作日内确认；确认后您可在查询页面看到收到申请日期。"
    ),
    "on_submit": (
        "通过互联网提交的申请，以提交成功之日为收到申请之日（本机关在政府信息公开指南中已作此说明）。"
    ),
}


def receipt_rule_text(rule: str, days: int) -> str:
    return RECEIPT_RULES[rule].format(days=days)


def periods() -> dict[str, int]:
    """The statutory periods, from the deadline engine's rules."""
    r = Rules()
    return {
        "reply": r.reply_days,
        "extension": r.extension_days,
        "correction": r.correction_days,
        "fee_payment": r.fee_payment_days,
        "consultation": r.consultation_days,
        "review": REVIEW_DAYS,
        "suit_months": SUIT_MONTHS,
    }
