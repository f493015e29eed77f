"""The ``xxgk`` command. Each module of this package registers its commands on ``app``."""

from xxgk.cli import manage, render, reports, statute  # noqa: F401  (registers the commands)
from xxgk.cli.app import app


def main() -> None:
    app()
