"""Normalising the text of a cell so that labels can be matched however they were printed.

Published labels arrive with full-width characters, spaces inside words (``商业企 业``
from PDF extraction), ASCII or full-width brackets and assorted dots. Matching is done
on the normalised form only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    for c in " \t\r\n\f\v\u3000\u00a0\u200b\ufeff\u2002\u2003\u2009*":
        table[ord(c)] = None
    for i in range(20):
        table[0x2488 + i] = f"{i + 1}."
        table[0x2474 + i] = f"({i + 1})"
    table.update(
        {
            "（": "(",
            "）": ")",
            "〔": "(",
            "〕": ")",
            "［": "(",
            "］": ")",
            "[": "(",
            "]": ")",
            "．": ".",
            "。": ".",
            "、": "、",
            "“": '"',
            "”": '"',
            "‘": "'",
            "’": "'",
            "﹒": ".",
            "·": ".",
        }
    )
    return {k: v for k, v in str.maketrans(table).items()}


_TRANS = _table()
_COMPAT = re.compile(r"[\u2460-\u24ff\u3200-\u33ff\uf900-\ufaff\ufe30-\ufe6f\u2160-\u217f]")
_NUMBERING_START = frozenset("一二三四五六七八九十(0123456789")
_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\(?\d{1,2}\)|\d{1,2}[.、])+"
)


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Full-width forms folded to ASCII, no whitespace, ASCII brackets and dots.

    This is the part of NFKC that matters for labels and numbers, done in one
    ``str.translate`` (full NFKC is only applied to the rare text with compatibility
    characters outside that table).
    """
    out = text.translate(_TRANS)
    if not out.isascii() and _COMPAT.search(out):
        out = unicodedata.normalize("NFKC", out).translate(_TRANS)
    return out


def strip_numbering(norm: str) -> str:
    """A normalised label without its leading numbering (``(七)``, ``3.``, ``四、``)."""
    return _PREFIX.sub("", norm)


def matches(norm: str, markers: tuple[str, ...]) -> bool:
    """Whether a normalised label carries one of ``markers``.

    Markers of one or two characters (``其他``, ``总计``) are too common to be found
    inside longer text, so they must be the whole label once its numbering is removed.
    """
    stripped = None
    for m in markers:
        if len(m) <= 2:
            if stripped is None:
                stripped = strip_numbering(norm) if norm[:1] in _NUMBERING_START else norm
            if stripped == m:
                return True
        elif m in norm:
            return True
    return False
