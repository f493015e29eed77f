import os
from pathlib import Path

import pytest
from corpus import DEV, SEEDS, labelled
from hypothesis import HealthCheck, settings

# On a developer's machine every run draws new examples, and a failure is kept in
# .hypothesis to be replayed. CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same
# examples every time, so whether a submission lands does not depend on the luck of the
# draw; the exploring is done where a failure can be looked at. Nor does it depend on the
# speed of the machine: tests assert no timings.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seeds() -> list[tuple[Path, dict]]:
    return labelled(SEEDS)


@pytest.fixture(scope="session")
def dev_corpus() -> list[tuple[Path, dict]]:
    if not DEV.exists():
        pytest.skip("shared/corpus/dev is not present")
    return labelled(DEV)
