from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "xxgk.site"
    label = "site"
    verbose_name = "网站"
