from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "xxgk.registers"
    label = "registers"
    verbose_name = "主动公开与复议诉讼登记"
