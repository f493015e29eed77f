"""Which parser read a report: the package version and a digest of the reading code.

A corpus keeps, with every report, the parser version that read it, so that reports read by an
older parser can be read again (``xxgk manage reparse``). The digest covers the source of
:mod:`xxgk.ingest` and of the form and sections it reads against, so any change to how documents
are read gives a new version without anyone remembering to bump a number.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from xxgk import __version__

_PACKAGE = Path(__file__).resolve().parent.parent
_READING_CODE = ("ingest/*.py", "report/form.py", "report/sections.py", "report/model.py")


@cache
def parser_version() -> str:
    """``0.1.0+1a2b3c4d5e``: the package version, then ten hex digits of the reading code's digest."""
    digest = hashlib.sha256()
    for pattern in _READING_CODE:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"
