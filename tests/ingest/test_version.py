"""The parser version changes with the reading code and with nothing else."""

import re

from xxgk import __version__
from xxgk.ingest.version import parser_version


def test_the_version_is_the_package_version_and_a_digest_of_the_reading_code():
    assert re.fullmatch(rf"{re.escape(__version__)}\+[0-9a-f]{{10}}", parser_version())
