"""Where the real documents are, and how labelled documents pair with their truth."""

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
"""The shared corpus beside the checkout (a worktree elsewhere names it in ``XXGK_SHARED``)."""
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
