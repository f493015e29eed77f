import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev"


def labelled(folder: Path) -> list[tuple[Path, dict]]:
    """(document, truth) pairs of a corpus folder, as ``score.py`` pairs them."""
    out = []
    for truth in sorted(folder.glob("*.json")):
        for ext in (".txt", ".html", ".htm", ".docx", ".pdf"):
            doc = truth.with_suffix(ext)
            if doc.exists():
                out.append((doc, json.loads(truth.read_text(encoding="utf-8"))))
                break
    return out


@pytest.fixture(scope="session")
def seeds() -> list[tuple[Path, dict]]:
    return labelled(SEEDS)


@pytest.fixture(scope="session")
def dev_corpus() -> list[tuple[Path, dict]]:
    if not DEV.exists():
        pytest.skip("shared/corpus/dev is not present")
    return labelled(DEV)
