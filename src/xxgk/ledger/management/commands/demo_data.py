"""``xxgk manage demo_data``: a demo agency tree with a user of every role and a few years of
requests in every state and outcome (and, through :mod:`xxgk.registers.demo`, every other register).

Idempotent: what exists is kept; a second run adds nothing. Passwords: ``XXGK_PASSWORD`` or the demo
password printed at the end.
"""

from __future__ import annotations

import os
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Agency, AgencyKind, AgencyLevel, ApproverPost, Department, Role, Staff
from xxgk.ledger.demo import Staff as DemoStaff
from xxgk.ledger.demo import fill_requests, showcase
from xxgk.ledger.models import Request
from xxgk.ledger.services import today

DEMO_PASSWORD = "Gongkai#2026"
YEARS = range(2024, 2027)
OFFICE = "政务公开办公室"

AGENCIES = (
    # code, name, parent, kind, level, requests a year
    ("demo-city", "演示市人民政府", None, AgencyKind.GOVERNMENT, AgencyLevel.CITY, 0),
    ("demo", "演示县人民政府", "demo-city", AgencyKind.GOVERNMENT, AgencyLevel.COUNTY, 40),
    ("demo-edu", "演示县教育局", "demo", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY, 12),
    ("demo-land", "演示县自然资源局", "demo", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY, 12),
    ("demo-town", "演示县城关镇人民政府", "demo", AgencyKind.TOWNSHIP, AgencyLevel.TOWNSHIP, 8),
)


def _users(code: str) -> list[tuple[str, str, str, str]]:
    """(username, role, post, display name) of an agency's staff."""
    if code == "demo-city":
        return [
            ("demo_supervisor", Role.SUPERVISOR, "", "市政务公开办 督查员"),
            ("demo_auditor", Role.AUDITOR, "", "市审计人员"),
        ]
    prefix = "demo" if code == "demo" else code.replace("-", "_")
    return [
        (f"{prefix}_clerk", Role.CLERK, "", "信息公开工作人员"),
        (f"{prefix}_handler", Role.HANDLER, "", "承办人"),
        (f"{prefix}_approver", Role.APPROVER, ApproverPost.DEPARTMENT_HEAD, "科室负责人"),
        (f"{prefix}_office_head", Role.APPROVER, ApproverPost.OFFICE_HEAD, "公开办负责人"),
        (f"{prefix}_head", Role.HEAD, "", "机关负责人"),
    ]


class Command(BaseCommand):
    help = "生成演示数据：机关（市、县、两个部门、一个镇）、各角色用户、2024—2026年的申请及其他台账"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--per-year", type=int, help="每个机关每年的随机申请件数（默认县政府40件、部门12件、镇8件）"
        )

    def handle(self, *args, **opts) -> None:
        password = os.environ.get("XXGK_PASSWORD") or DEMO_PASSWORD
        on = today()
        for code, name, parent, kind, level, per_year in AGENCIES:
            with transaction.atomic():
                agency = Agency.objects.filter(code=code).first()
                if agency is None:
                    agency = agencies.create_agency(code, name, parent=parent, kind=kind, level=level)
                    Department.objects.get_or_create(agency=agency, name=OFFICE)
                staff = self._staff(agency, password)
            if code != "demo-city" and not Request.objects.filter(agency=agency).exists():
                n = per_year if opts["per_year"] is None else opts["per_year"]
                if n:
                    fill_requests(agency, staff, YEARS, per_year=n, today=on)
                if code == "demo":
                    showcase(agency, staff, on)
                states = Counter(Request.objects.filter(agency=agency).values_list("state", flat=True))
                self.stdout.write(
                    f"{name}：{sum(states.values())} 件申请（"
                    + "，".join(
                        f"{Request(state=s).get_state_display()} {n}" for s, n in sorted(states.items())
                    )
                    + "）"
                )
            else:
                self.stdout.write(f"{name}：已存在，未改动")
            if code != "demo-city":
                self._registers(agency)
        self._close_past_years(on)
        self._admin(password)
        self.stdout.write(f"\n演示用户（密码均为 {password}）：")
        for code, name, *_ in AGENCIES:
            names = "、".join(u for u, *_ in _users(code))
            self.stdout.write(f"  {name}：{names}")
        self.stdout.write("  系统管理员：demo_admin")

    def _close_past_years(self, on) -> None:
        """Close the demo years that have ended, as each agency does by 31 January: their reports are
        then frozen, shown on the portal's 年报 pages and counted on the supervisor's board."""
        from xxgk.annual import services as annual

        for code, *_ in AGENCIES[1:]:
            agency = Agency.objects.get(code=code)
            for year in YEARS:
                if year < on.year and annual.closed(agency, year) is None:
                    with transaction.atomic():
                        annual.close_year(agency, year, today=on)
                    self.stdout.write(f"{agency.name} {year}年度：已关账")

    def _staff(self, agency: Agency, password: str) -> DemoStaff:
        User = get_user_model()
        made = {}
        for username, role, post, display in _users(agency.code):
            if not User.objects.filter(username=username).exists():
                agencies.create_user(
                    username,
                    password,
                    agency=agency.code,
                    role=role,
                    post=post,
                    department=OFFICE if role == Role.HANDLER else None,
                    display_name=display,
                )
            made[(role, post)] = User.objects.get(username=username)
        return DemoStaff(
            clerk=made.get((Role.CLERK, "")),
            handler=made.get((Role.HANDLER, "")),
            approver=made.get((Role.APPROVER, ApproverPost.DEPARTMENT_HEAD)),
            office_head=made.get((Role.APPROVER, ApproverPost.OFFICE_HEAD)),
            department=Department.objects.filter(agency=agency, name=OFFICE).first(),
        )

    def _registers(self, agency: Agency) -> None:
        try:
            from xxgk.registers import demo
            from xxgk.registers.models import DecisionTally
        except ImportError:
            return
        if DecisionTally.objects.filter(agency=agency).exists():
            return
        made = demo.fill(agency, YEARS)
        self.stdout.write("  其他台账：" + "，".join(f"{k} {v}" for k, v in made.items()))

    def _admin(self, password: str) -> None:
        User = get_user_model()
        if User.objects.filter(username="demo_admin").exists():
            return
        admin = User.objects.create_superuser("demo_admin", password=password)
        Staff.objects.create(
            user=admin,
            agency=Agency.objects.get(code="demo-city"),
            role=Role.ADMIN,
            display_name="系统管理员",
        )
