from pathlib import Path

import pytest
from corpus import DEV, SEEDS, labelled


@pytest.fixture(scope="session")
def seeds() -> list[tuple[Path, dict]]:
    return labelled(SEEDS)


@pytest.fixture(scope="session")
def dev_corpus() -> list[tuple[Path, dict]]:
    if not DEV.exists():
        pytest.skip("shared/corpus/dev is not present")
    return labelled(DEV)
