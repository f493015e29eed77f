"""Commands on the statute: ``deadline`` (request deadlines) and ``fee`` (信息处理费)."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

from xxgk.cli.app import EXIT_USAGE, console, escape


class UsageError(Exception):
    """A value given on the command line that cannot be used; the message is in Chinese."""


def fail(message: str) -> UsageError:
    return UsageError(message)


WEEKDAYS = "一二三四五六日"


def parse_date(text: str, what: str) -> date:
    """A date written as 2026-12-10, 2026/12/10, 2026.12.10 or 2026年12月10日."""
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text)
    if not m:
        raise fail(f"{what}“{text}”不是日期，请写作 2026-12-10")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise fail(f"{what}“{text}”不是有效日期") from None


def parse_count(text: str, what: str) -> int:
    if not re.fullmatch(r"\s*[+-]?\d+\s*", text):
        raise fail(f"{what}“{text}”不是整数")
    return int(text)


def show_date(d: date | None) -> str:
    return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）" if d else "—"


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "deadline",
        help="依申请公开的法定期限：补正通知、答复、延长后的答复期限",
        description="依申请公开的法定期限（《政府信息公开条例》第三十条、第三十三条）：补正通知期限、"
        "答复期限、延长后的答复期限，按工作日计算。",
        usage="xxgk deadline 收到申请之日 [--on 日期] [--corrected-on 日期] [其他选项]",
        epilog="示例：\n  xxgk deadline 2026-11-23\n  xxgk deadline 2026-11-23 --on 2026-12-30 --json",
    )
    p.add_argument("received", metavar="收到申请之日", help="如 2026-12-10、2026年12月10日")
    p.add_argument("--json", action="store_true", dest="as_json", help="输出 JSON（日期为 ISO 格式）")
    p.add_argument(
        "--not-counted", default="0", metavar="N", help="征求第三方或其他机关意见等不计算在期限内的工作日数"
    )
    p.add_argument("--corrected-on", metavar="日期", help="收到补正后申请之日（答复期限自该日重新计算）")
    p.add_argument("--on", metavar="日期", help="查看该日是否已逾期")
    p.add_argument(
        "--count-receipt-day", action="store_true", help="收到申请当日计入期限（默认不计，自次日起算）"
    )
    p.add_argument(
        "--holidays-dir", type=Path, metavar="目录", help="节假日表目录（默认取环境变量 XXGK_HOLIDAYS_DIR）"
    )
    p.set_defaults(handler=_usage_errors(deadline))
    q = commands.add_parser(
        "fee",
        help="信息处理费（国办函〔2020〕109号），按件或按量计收",
        description="信息处理费（国办函〔2020〕109号）：按件或按量计收，单位为元。",
        usage="xxgk fee (--requests N [--already M] | --pages N) [--json]",
        epilog="示例：\n  xxgk fee --requests 31\n  xxgk fee --pages 250",
    )
    q.add_argument("--requests", metavar="N", help="按件计收：同一申请人本自然月的申请件数")
    q.add_argument("--pages", metavar="N", help="按量计收：页数")
    q.add_argument("--already", default="0", metavar="M", help="按件计收时，同一申请人本月此前已计的件数")
    q.add_argument("--json", action="store_true", dest="as_json", help="输出 JSON")
    q.set_defaults(handler=_usage_errors(fee))


def _usage_errors(handler):
    def run(ns: argparse.Namespace) -> int:
        try:
            return handler(ns)
        except UsageError as e:
            console(stderr=True).print(f"[bold red]错误[/bold red]：{escape(str(e))}")
            return EXIT_USAGE

    return run


def deadline(ns: argparse.Namespace) -> int:
    """依申请公开的法定期限：补正通知期限、答复期限、延长后的答复期限。"""
    from xxgk.deadlines import Events, Rules, compute_deadlines
    from xxgk.workdays import Calendar, CalendarRangeError, HolidayTableError, default_calendar

    received, not_counted, corrected_on, on = ns.received, ns.not_counted, ns.corrected_on, ns.on
    count_receipt_day, holidays_dir, as_json = ns.count_receipt_day, ns.holidays_dir, ns.as_json
    day = parse_date(received, "收到申请之日")
    extra = parse_count(not_counted, "--not-counted")
    if extra < 0 or extra > 1000:
        raise fail(f"--not-counted 应为 0 至 1000 之间的工作日数（收到 {extra}）")
    corrected = parse_date(corrected_on, "--corrected-on") if corrected_on else None
    if corrected and corrected < day:
        raise fail(f"收到补正申请之日 {corrected} 早于收到申请之日 {day}")
    when = parse_date(on, "--on") if on else None
    try:
        cal = Calendar(holidays_dir) if holidays_dir else default_calendar()
        events = Events(corrected_received=corrected, not_counted_days=extra)
        result = compute_deadlines(
            day, events, rules=Rules(count_receipt_day=count_receipt_day), calendar=cal
        )
        status = result.status(when) if when else None
    except (HolidayTableError, CalendarRangeError) as e:
        raise fail(str(e)) from None

    if as_json:
        data = result.to_json()
        if status:
            data["status"] = {
                "on": status.on.isoformat(),
                "state": status.state,
                "overdue": status.overdue,
                "workdays_left": status.workdays_left,
                "message": status.message,
            }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    out = console()

    out.print(f"收到申请之日：[bold]{show_date(day)}[/bold]")
    for d in result.all():
        out.print(f"\n[bold]{d.label}：{show_date(d.date)}[/bold]　{d.article}")
        out.print(f"  {escape(d.explanation)}")
    for note in result.notes:
        out.print(f"\n[yellow]注意[/yellow]：{escape(note)}")
    if status:
        style = "bold red" if status.overdue else "green"
        out.print(f"\n[{style}]{status.on.isoformat()}：{status.message}[/{style}]")
    for warning in result.warnings:
        out.print(f"\n[bold red]日历警告：{escape(warning)}[/bold red]")
    return 0


def fee(ns: argparse.Namespace) -> int:
    """信息处理费（国办函〔2020〕109号）：按件或按量计收，单位为元。"""
    from xxgk.fees import FeeInputError, fee_per_page, fee_per_request

    requests, pages, already, as_json = ns.requests, ns.pages, ns.already, ns.as_json

    if (requests is None) == (pages is None):
        raise fail(
            "请在 --requests（按件计收）和 --pages（按量计收）中指定且只指定一个；"
            "同一申请只能选择一种计收方式"
        )
    try:
        if requests is not None:
            result = fee_per_request(parse_count(requests, "--requests"), parse_count(already, "--already"))
        else:
            if already != "0":
                raise fail("--already 只用于按件计收（--requests）")
            result = fee_per_page(parse_count(pages or "", "--pages"))
    except FeeInputError as e:
        raise fail(str(e)) from None
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    out = console()
    out.print(escape(result.explanation()))
    out.print(f"[bold]信息处理费：{result.amount} 元[/bold]")
    return 0
