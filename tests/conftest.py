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


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session (tests marked ``browser``)."""
    from browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls a test makes beside it are
    # still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) at the size of a clerk's 1366×768 screen."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
