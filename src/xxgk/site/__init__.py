"""The Django project of the web system: settings, URLs, the pages and parts the apps share.

The apps (``xxgk.agencies``, ``xxgk.ledger``, ``xxgk.portal``, ``xxgk.audit``) call the core
(``xxgk.report``, ``ingest``, ``check``, ``render``, ``deadlines``, ``fees``); nothing in the core
imports Django.
"""

SETTINGS_MODULE = "xxgk.site.settings"


def setup(settings_module: str = SETTINGS_MODULE) -> None:
    """Configure Django for use from a script or the command line (idempotent)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    django.setup()
