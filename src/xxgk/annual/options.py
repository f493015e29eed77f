"""The agency settings the annual report's counting depends on (ledger.md **[setting]** points)."""

from __future__ import annotations

from xxgk.agencies.options import Option, register
from xxgk.annual.counting import ALL_PUBLISHED, IN_FORCE

NORMATIVE_TOTAL = "annual_normative_total_2019"

OPTIONS = (
    Option(
        NORMATIVE_TOTAL,
        "2019版“对外公开总数量”口径",
        IN_FORCE,
        "2019版表二规章、规范性文件的“对外公开总数量”：截至年末已公开且仍然有效的件数，或历年公开的全部件数。",
        choices=((IN_FORCE, "已公开且现行有效"), (ALL_PUBLISHED, "历年公开的全部文件")),
        group="年度报告",
    ),
)
NORMATIVE_TOTAL_SENTENCE = {
    IN_FORCE: "2019版表二“对外公开总数量”按截至年末已公开且现行有效的文件统计。",
    ALL_PUBLISHED: "2019版表二“对外公开总数量”按截至年末历年公开的全部文件统计（含已废止的）。",
}

register(*OPTIONS)
