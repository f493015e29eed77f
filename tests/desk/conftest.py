"""People and agencies of the desk's tests: a county with a department below a province."""

from __future__ import annotations

import pytest
from desk_people import PASSWORD
from django.contrib.auth import get_user_model

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Role


@pytest.fixture
def province():
    top = agencies.create_agency("sx", "山西省人民政府办公厅", kind="government", level="province")
    county = agencies.create_agency("pgx", "偏关县人民政府", parent="sx")
    other = agencies.create_agency("hqx", "河曲县人民政府", parent="sx")
    return top, county, other


@pytest.fixture
def people(province):
    """One user per role in the county (the supervisor in the province, the admin wherever)."""
    made = {
        "clerk": agencies.create_user(
            "clerk", PASSWORD, agency="pgx", role=Role.CLERK, display_name="王小明"
        ),
        "handler": agencies.create_user(
            "handler", PASSWORD, agency="pgx", role=Role.HANDLER, department="办公室", display_name="李承办"
        ),
        "approver": agencies.create_user("approver", PASSWORD, agency="pgx", role=Role.APPROVER),
        "head": agencies.create_user("head", PASSWORD, agency="pgx", role=Role.HEAD),
        "supervisor": agencies.create_user("sup", PASSWORD, agency="sx", role=Role.SUPERVISOR),
        "auditor": agencies.create_user("aud", PASSWORD, agency="pgx", role=Role.AUDITOR),
        "admin": agencies.create_user("admin", PASSWORD, agency="sx", role=Role.ADMIN),
        "other_clerk": agencies.create_user("hq-clerk", PASSWORD, agency="hqx", role=Role.CLERK),
    }
    return {k: v.user for k, v in made.items()}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "", PASSWORD)


def client_of(client, user):
    client.force_login(user)
    return client
