"""Fixtures of the portal's tests: a county with a department and a township, with valid 统一社会信用代码."""

from __future__ import annotations

import pytest
from portal_kit import make_uscc

from xxgk.agencies import services as agencies


@pytest.fixture
def county(db):
    agencies.create_agency("sx", "山西省人民政府办公厅", kind="government", level="province")
    county = agencies.create_agency(
        "pgx", "偏关县人民政府", parent="sx", uscc=make_uscc("140932", "01234567"), region="140932"
    )
    agencies.update_settings(
        county,
        {
            "office_name": "偏关县人民政府办公室",
            "office_address": "山西省忻州市偏关县新关镇政府路1号",
            "office_postcode": "036400",
            "office_phone": "0350-7520000",
            "review_body": "偏关县人民政府",
            "court": "偏关县人民法院",
        },
    )
    agencies.create_agency("pgx-jy", "偏关县教育局", parent="pgx", uscc=make_uscc("140932", "11223344"))
    agencies.create_agency("pgx-xgz", "新关镇人民政府", parent="pgx", kind="township", level="township")
    county.refresh_from_db()
    return county


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need row locks under real concurrency: skipped on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (XXGK_DATABASE_URL=postgresql://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
