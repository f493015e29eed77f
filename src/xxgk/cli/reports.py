"""Commands on annual reports: parse, check, show."""

from xxgk.cli.app import app  # noqa: F401
