"""An agency tree with a user of every role, shared by the ledger's tests (and other apps' tests:
``from ledger_world import make_tree, registered``)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from xxgk.agencies import services as agencies
from xxgk.agencies.models import AgencyKind, ApproverPost, Department, Role
from xxgk.ledger import services

PASSWORD = "Kx9#long-pass"


@dataclass
class Tree:
    city: object
    county: object
    edu: object
    other: object
    dept: Department
    clerk: AbstractBaseUser
    handler: AbstractBaseUser
    office_head: AbstractBaseUser
    approver: AbstractBaseUser
    head: AbstractBaseUser
    supervisor: AbstractBaseUser
    auditor: AbstractBaseUser
    edu_clerk: AbstractBaseUser
    other_clerk: AbstractBaseUser


def _user(name: str, agency: str, role: str, **kw) -> AbstractBaseUser:
    return agencies.create_user(name, PASSWORD, agency=agency, role=role, **kw).user


def make_tree() -> Tree:
    city = agencies.create_agency("xz", "忻州市人民政府", kind=AgencyKind.GOVERNMENT, level="city")
    county = agencies.create_agency("pgx", "偏关县人民政府", parent="xz")
    edu = agencies.create_agency("pgx-jy", "偏关县教育局", parent="pgx")
    other = agencies.create_agency("hqx", "河曲县人民政府")
    dept = Department.objects.create(agency=county, name="政务公开办公室")
    return Tree(
        city=city,
        county=county,
        edu=edu,
        other=other,
        dept=dept,
        clerk=_user("clerk", "pgx", Role.CLERK),
        handler=_user("handler", "pgx", Role.HANDLER, department="政务公开办公室"),
        office_head=_user("office_head", "pgx", Role.APPROVER, post=ApproverPost.OFFICE_HEAD),
        approver=_user("approver", "pgx", Role.APPROVER, post=ApproverPost.DEPARTMENT_HEAD),
        head=_user("head", "pgx", Role.HEAD),
        supervisor=_user("supervisor", "xz", Role.SUPERVISOR),
        auditor=_user("auditor", "xz", Role.AUDITOR),
        edu_clerk=_user("edu_clerk", "pgx-jy", Role.CLERK),
        other_clerk=_user("other_clerk", "hqx", Role.CLERK),
    )


def registered(tree: Tree, on: date = date(2026, 3, 2), **kw):
    fields = {
        "channel": "in_person",
        "submitted_on": on,
        "applicant_type": "natural",
        "applicant_name": "张三",
        "id_type": "id_card",
        "id_number": "142301199001011234",
        "phone": "13800001234",
        "address": "山西省偏关县新关镇1号",
        "description": "2025年偏关县财政预算执行情况",
    } | kw
    return services.register(tree.county, tree.clerk, **fields)
