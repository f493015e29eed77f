from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "xxgk.desk"
    label = "desk"
    verbose_name = "工作台"

    def ready(self) -> None:
        from xxgk.desk import permissions  # noqa: F401  (registers the desk's rules)
