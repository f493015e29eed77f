"""Where the real documents are, and how labelled documents pair with their truth.

The labelled documents the tests need are kept in the repository (``tests/data``, copied
from the team's shared corpus), so that a clone on its own runs its tests. A shared
folder beside the repository (``../shared``, or ``XXGK_SHARED``) adds its documents to
them when it is there; it is never required.
"""

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = Path(
    os.environ.get("XXGK_SHARED")
    or next(
        (p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared"
    )
)
"""``shared`` beside the checkout, or beside a folder above it (a worktree's); optional."""
SEEDS = DATA / "seeds"
DEV = DATA / "dev"
CELLS_MD = DATA / "spec" / "cells.md"
EXAMPLES = ROOT / "examples"
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def _pairs(folder: Path) -> dict[str, tuple[Path, dict]]:
    out = {}
    for truth in sorted(folder.glob("*.json")):
        for ext in DOCUMENT_SUFFIXES:
            doc = truth.with_suffix(ext)
            if doc.exists():
                out[truth.stem] = (doc, json.loads(truth.read_text(encoding="utf-8")))
                break
    return out


def labelled(folder: Path) -> list[tuple[Path, dict]]:
    """(document, truth) pairs of a corpus folder, as ``score.py`` pairs them: the
    repository's own, then those the shared corpus folder of the same name adds."""
    pairs = _pairs(folder)
    extra = SHARED / "corpus" / folder.name
    if extra.is_dir() and extra.resolve() != folder.resolve():
        for stem, pair in _pairs(extra).items():
            pairs.setdefault(stem, pair)
    return [pairs[k] for k in sorted(pairs)]
