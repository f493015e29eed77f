"""The registry of every rule the checker applies, so that lists and pages can show them."""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.report.model import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    description: str
    scope: str = "report"
    """``read`` (a reader), ``parse`` (the table interpreter), ``report`` (check_report),
    ``pair`` (check_pair), ``corpus`` (many reports), ``system`` (the machinery)."""


_RULES = (
    Rule(
        "identity-1",
        "error",
        "申请数量勾稽关系",
        "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度（表上印明的勾稽关系）。",
    ),
    Rule(
        "identity-2",
        "error",
        "办理结果合计",
        "表三每一列：（七）总计 = 各项办理结果（予以公开 … 其他处理，含全部子项）之和。",
    ),
    Rule("identity-3", "error", "申请人合计", "表三每一行：总计列 = 自然人与五类法人或其他组织之和。"),
    Rule(
        "identity-4",
        "error",
        "复议诉讼合计",
        "表四每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
    ),
    Rule(
        "identity-5",
        "error",
        "结转衔接",
        "跨年度，表三每一列：本年“上年结转”= 上年报告“结转下年度继续办理”。",
        "pair",
    ),
    Rule(
        "identity-6",
        "warning",
        "现行有效件数衔接",
        "跨年度（2021版）：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效（规章、行政规范性文件）。"
        "废止旧文件等情形可能使其不成立，故为提示。",
        "pair",
    ),
    Rule(
        "identity-7",
        "warning",
        "项目数量衔接",
        "跨年度（2019版）：上年报告的上一年项目数量 + 本年增/减 = 本年报告的上一年项目数量。",
        "pair",
    ),
    Rule(
        "settled-by-neighbour",
        "info",
        "由相邻年度报告确定的单元格",
        "报告印出的数字连在一起、本报告的勾稽关系无法确定如何拆分时，按同一机关上年或下年报告的跨年度衔接关系"
        "（结转、现行有效件数、项目数量）确定：只有所有相符的读法给出同一数值时才填入，并注明依据的报告。",
        "pair",
    ),
    Rule(
        "pair-not-consecutive", "info", "年份不相邻", "比对的两份报告不是相邻年度，跨年度勾稽不适用。", "pair"
    ),
    Rule("negative-count", "error", "负数", "除“本年增/减”外，表中数量不能为负数。"),
    Rule("non-integer", "error", "非整数件数", "件数、项目数必须是整数；只有金额可以有小数。"),
    Rule(
        "edition-year",
        "warning",
        "表格版本与年度不符",
        "2019、2020年度报告应使用国办公开办函〔2019〕60号格式，2021年度起应使用国办公开办函〔2021〕30号格式。",
    ),
    Rule(
        "section-missing",
        "warning",
        "缺少法定部分",
        "年度报告应包括六个部分：总体情况、主动公开、依申请公开、复议诉讼、问题及改进、其他事项。",
    ),
    Rule("section-order", "warning", "部分顺序错乱", "六个部分应按规定顺序排列。"),
    Rule(
        "table-missing",
        "error",
        "缺少法定表格",
        "表二、表三或表四的单元格全部空白或未找到：报告缺少法定统计表，内容不完整。",
    ),
    Rule("cell-blank", "info", "空白单元格", "表格中应填数字的单元格空白；没有数据应填“0”。每张表一条提示。"),
    Rule(
        "decisions-repeat-count",
        "warning",
        "处理决定数量疑似填成项目数",
        "2019版表二：处理决定数量恰好等于上一年项目数量 + 本年增/减，疑似误填了本年项目数量。",
    ),
    Rule(
        "published-exceeds-total",
        "warning",
        "对外公开总数量小于本年新公开数量",
        "2019版表二：对外公开总数量包含本年新公开的文件，不应小于本年新公开数量。",
    ),
    Rule(
        "project-count-negative",
        "warning",
        "项目数量减为负数",
        "2019版表二：上一年项目数量 + 本年增/减 为负数，本年项目数量不可能小于0。",
    ),
    Rule(
        "procurement-inconsistent",
        "warning",
        "采购数量与金额不一致",
        "2019版表二：有采购项目却无金额，或有金额却无项目。",
    ),
    Rule(
        "money-magnitude",
        "warning",
        "金额数量级异常",
        "金额单位为万元；金额大得不合常理时，可能误按“元”填写。",
    ),
    Rule(
        "published-late",
        "warning",
        "发布逾期",
        "条例第四十九条：县级以上人民政府部门应于每年1月31日前公布上一年度报告；"
        "县级以上地方人民政府的本级年度报告于3月31日前公布。",
    ),
    Rule(
        "published-early",
        "warning",
        "发布日期早于年度结束",
        "年度报告的发布日期早于所报告年度的年末，日期或年度可能有误。",
    ),
    Rule("published-future", "warning", "发布日期在未来", "年度报告的发布日期晚于今天，日期可能有误。"),
    Rule(
        "narrative-mismatch",
        "warning",
        "正文与表格不一致",
        "正文中陈述的申请件数、复议诉讼件数、文件件数等与表格数字不一致。",
    ),
    Rule(
        "fee-not-stated",
        "warning",
        "未说明信息处理费",
        "2021版：“六、其他需要报告的事项”应说明本年度收取信息处理费的情况（国办公开办函〔2021〕30号）。",
    ),
)

_CORPUS_RULES = (
    Rule(
        "copied-text",
        "warning",
        "内容雷同",
        "正文段落与其他机关的年度报告雷同（允许改动名称、数字和日期）；模板用语和法定标题不计。"
        "国办公开办函〔2021〕30号把与其他报告内容雷同列为应当纠正的问题。",
        "corpus",
    ),
    Rule(
        "repeated-text",
        "info",
        "照搬本机关上年报告",
        "正文段落重复本机关以前年度报告的内容（允许改动数字和日期），请核实是否如实反映本年度工作。",
        "corpus",
    ),
    Rule(
        "report-missing",
        "warning",
        "未见年度报告",
        "应当公布年度报告的机关在语料库中没有该年度的报告（条例第四十九条、第五十条）。",
        "corpus",
    ),
)

_READING_RULES = (
    Rule(
        "read-truncated",
        "warning",
        "文档只读取了一部分",
        "文档过长（页数）或嵌套过深，超出的部分未读取；其中的表格或正文可能缺失。",
        "read",
    ),
    Rule(
        "parse-inferred",
        "info",
        "由勾稽关系推定的单元格",
        "表格印出的数字少于或多于列数、连在一起印出，或单元格未印出数字：按表上的勾稽关系推定各数字所在的单元格。",
        "parse",
    ),
    Rule(
        "parse-uncertain",
        "warning",
        "无法确定的单元格",
        "印出的数字有多种同样合理的读法，或读法过多、在计算上限内无法判定，或未印出且无法由勾稽关系推算："
        "单元格留空，请人工核对。",
        "parse",
    ),
    Rule(
        "parse-missing",
        "warning",
        "未找到的行或表格",
        "表格中未找到某行或整张表格，相应单元格留空。",
        "parse",
    ),
    Rule(
        "parse-mixed-edition",
        "info",
        "两版表格混用",
        "表格中有另一版格式（2019 版或 2021 版）才有的行，按多数行所属的版本读取。",
        "parse",
    ),
    Rule("check-failed", "warning", "核查出错", "核查时出现内部错误，该报告的核查结果不完整。", "system"),
)

RULES: dict[str, Rule] = {r.id: r for r in (*_READING_RULES, *_RULES, *_CORPUS_RULES)}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


def severity(rule_id: str) -> Severity:
    """The severity of a registered rule (the one place a severity is written)."""
    return RULES[rule_id].severity


_SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_SCOPE_NAMES = {
    "read": "读取",
    "parse": "解析",
    "report": "单份报告",
    "pair": "跨年度",
    "corpus": "语料库",
    "system": "系统",
}


def markdown() -> str:
    """``docs/rules.md``: every rule with its severity, scope, title and description
    (``python -m xxgk.check.rules > docs/rules.md`` writes it)."""
    lines = [
        "# 规则一览（xxgk 的全部发现）",
        "",
        "xxgk 读取、解析和核查年度报告时给出的每一条发现都属于下表中的一条规则（`xxgk.check.rules.RULES`）。",
        "严重程度只在规则中写一次；`tests/check/test_rules_registry.py` 核对本表、规则列表与代码三者一致。",
        "",
        "| 规则 | 严重程度 | 范围 | 名称 | 说明 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in RULES.values():
        cells = (f"`{r.id}`", _SEVERITY_NAMES[r.severity], _SCOPE_NAMES.get(r.scope, r.scope), r.title)
        lines.append("| " + " | ".join((*cells, r.description.replace("|", "｜"))) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
