from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "xxgk.annual"
    label = "annual"
    verbose_name = "年度报告"
