"""The URLs of the web system. Each app mounts its own ``urls`` here."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from xxgk.desk.views.accounts import LoginView
from xxgk.site import views
from xxgk.site.api import api

admin.site.site_header = "xxgk 政府信息公开工作系统 管理"
admin.site.site_title = "xxgk 管理"

urlpatterns = [
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    # The admin signs in through the throttled login too.
    path("admin/login/", RedirectView.as_view(url="/accounts/login/", query_string=True)),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", include("xxgk.audit.urls")),
    path("api/", api.urls),
    path("zfxxgk/", include("xxgk.portal.urls")),
    path("", include("xxgk.desk.urls")),
]
