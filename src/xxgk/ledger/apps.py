from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "xxgk.ledger"
    label = "ledger"
    verbose_name = "依申请公开台账"
