from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "xxgk.audit"
    label = "audit"
    verbose_name = "年度报告监督"
