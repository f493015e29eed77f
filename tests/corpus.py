"""Where the real documents are, and how labelled documents pair with their truth."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared"
)
"""``shared`` beside the checkout, or beside a folder above it (a worktree's)."""
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev"
EXAMPLES = ROOT / "examples"


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
