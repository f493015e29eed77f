"""Commands: render."""

from xxgk.cli.app import app  # noqa: F401
