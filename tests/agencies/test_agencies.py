"""Agencies, their tree and staff: what the other apps' permission checks start from."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from xxgk.agencies import options, services
from xxgk.agencies.models import Agency, AgencyKind, Role
from xxgk.agencies.permissions import visible_agencies

pytestmark = pytest.mark.django_db
PASSWORD = "Kx9#long-pass"


@pytest.fixture
def county():
    gov = services.create_agency("pgx", "偏关县人民政府")
    services.create_agency("pgx-jy", "偏关县教育局", parent="pgx")
    services.create_agency("pgx-tl", "天峰坪镇人民政府", parent="pgx", kind=AgencyKind.TOWNSHIP)
    services.create_agency("hqx", "河曲县人民政府")
    return gov


def test_a_name_ending_in_renmin_zhengfu_is_a_government(county):
    assert county.kind == AgencyKind.GOVERNMENT
    assert Agency.objects.get(code="pgx-jy").kind == AgencyKind.DEPARTMENT


def test_a_subtree_is_the_agency_and_everything_below_it(county):
    assert {a.code for a in county.subtree()} == {"pgx", "pgx-jy", "pgx-tl"}


def test_moving_an_agency_moves_its_subtree(county):
    services.create_agency("pgx-jy-x", "偏关县第一中学", parent="pgx-jy")
    edu = Agency.objects.get(code="pgx-jy")
    edu.parent = Agency.objects.get(code="hqx")
    edu.save()
    assert Agency.objects.get(code="pgx-jy-x").path == "/hqx/pgx-jy/pgx-jy-x/"


def test_an_agency_cannot_be_placed_below_itself(county):
    county.parent = Agency.objects.get(code="pgx-jy")
    with pytest.raises(ValidationError, match="上级机关不能是本机关"):
        county.full_clean()


def test_a_clerk_sees_only_their_agency_and_a_supervisor_the_subtree(county):
    clerk = services.create_user("c", PASSWORD, agency="pgx-jy", role=Role.CLERK).user
    boss = services.create_user("s", PASSWORD, agency="pgx", role=Role.SUPERVISOR).user
    assert {a.code for a in visible_agencies(clerk)} == {"pgx-jy"}
    assert {a.code for a in visible_agencies(boss)} == {"pgx", "pgx-jy", "pgx-tl"}
    assert boss.has_perm("agencies.view_agency", Agency.objects.get(code="pgx-tl"))
    assert not boss.has_perm("agencies.view_agency", Agency.objects.get(code="hqx"))
    assert not clerk.has_perm("agencies.view_agency", county)


def test_bad_commands_say_what_is_wrong_in_chinese(county, monkeypatch):
    monkeypatch.setenv("XXGK_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="找不到上级机关"):
        call_command("create_agency", "x1", "某局", "--parent", "nope")
    with pytest.raises(CommandError, match="已被使用"):
        call_command("create_agency", "pgx", "重复")
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("create_user", "u", "--agency", "nope", "--role", "clerk")
    with pytest.raises(CommandError, match="机关代码只能包含"):
        call_command("create_agency", "a b", "空格")
    monkeypatch.setenv("XXGK_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_user", "weak", "--agency", "pgx", "--role", "clerk")
    assert not Agency.objects.filter(code__in=["x1", "a b"]).exists()


def test_settings_refuse_bad_values_whole(county):
    with pytest.raises(ValidationError):
        services.update_settings(county, {"office_phone": "0350-1234567", "no_such": 1})
    county.refresh_from_db()
    assert county.settings == {}
    services.update_settings(county, {"office_phone": "0350-1234567"})
    assert options.value(Agency.objects.get(code="pgx"), "office_phone") == "0350-1234567"
