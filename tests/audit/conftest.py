"""Fixtures of the workbench's tests: the corpus folders (see ``audit_corpus``) and the people who look."""

from __future__ import annotations

from pathlib import Path

import pytest
from audit_corpus import PASSWORD, made_corpus
from corpus import DEV, SEEDS

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Role


@pytest.fixture
def genuine_folders() -> list[str]:
    return [str(SEEDS), *([str(DEV)] if DEV.exists() else [])]


@pytest.fixture
def made(tmp_path) -> dict[str, Path]:
    return made_corpus(tmp_path / "made")


@pytest.fixture
def province():
    """省政务公开办 › 偏关县 (a county with a department); a clerk of the county."""
    top = agencies.create_agency("sx", "山西省人民政府办公厅", kind="government", level="province")
    county = agencies.create_agency("pgx", "偏关县人民政府", parent="sx")
    agencies.create_agency("pgx-jy", "偏关县教育局", parent="pgx")
    return top, county


@pytest.fixture
def supervisor(province):
    return agencies.create_user(
        "sup", PASSWORD, agency="sx", role=Role.SUPERVISOR, display_name="省公开办"
    ).user


@pytest.fixture
def county_auditor(province):
    return agencies.create_user("aud", PASSWORD, agency="pgx", role=Role.AUDITOR, display_name="县审计").user


@pytest.fixture
def clerk(province):
    return agencies.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK).user
