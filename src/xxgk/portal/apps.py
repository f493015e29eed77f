from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xxgk.portal"
    label = "portal"
    verbose_name = "政府信息公开专栏"

    def ready(self) -> None:
        from xxgk.portal import settings_options  # noqa: F401  (registers the portal's agency options)
