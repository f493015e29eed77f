"""Settings for a deployment: secrets from the environment, HTTPS, no debug pages.

``python -m django check --deploy --settings=xxgk.site.settings_production`` must be clean.
"""

import os

os.environ.setdefault("XXGK_TLS", "1")

from xxgk.site.settings import *  # noqa: F403

if not os.environ.get("XXGK_SECRET_KEY") or not os.environ.get("XXGK_FIELD_KEY"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("生产环境必须通过环境变量 XXGK_SECRET_KEY 和 XXGK_FIELD_KEY 提供密钥")
DEBUG = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
"""HSTS preloading binds every subdomain of the agency's domain for good: the domain's owner decides it
(``SECURE_HSTS_PRELOAD``), not the application; HSTS itself is on."""
