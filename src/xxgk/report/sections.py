"""The six narrative sections of an annual report, in their statutory order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    markers: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


SECTIONS = (
    Section("overview", "一", "总体情况", ("总体情况",)),
    Section("proactive", "二", "主动公开政府信息情况", ("主动公开政府信息情况", "主动公开政府信息")),
    Section(
        "requests",
        "三",
        "收到和处理政府信息公开申请情况",
        ("收到和处理政府信息公开申请", "处理政府信息公开申请情况"),
    ),
    Section(
        "reviews",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        (
            "行政复议、行政诉讼情况",
            "行政复议和行政诉讼",
            "行政复议行政诉讼",
            "行政复议、行政诉讼",
            "行政诉讼情况",
        ),
    ),
    Section("problems", "五", "存在的主要问题及改进情况", ("存在的主要问题", "主要问题及改进")),
    Section("other", "六", "其他需要报告的事项", ("其他需要报告", "其他应说明", "其他需要说明")),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


def section(key: str) -> Section:
    for s in SECTIONS:
        if s.key == key:
            return s
    raise KeyError(key)
