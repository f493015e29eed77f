from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "xxgk.annual"
    label = "annual"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from xxgk.annual import freeze, options  # noqa: F401  (settings registered, signals connected)
