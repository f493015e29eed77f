from django.urls import path

from xxgk.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ranking/", views.ranking, name="ranking"),
    path("trends/", views.trends, name="trends"),
    path("copies/", views.copies, name="copies"),
    path("copies/<int:pk>/", views.copy_pair, name="copy"),
    path("missing/", views.missing, name="missing"),
    path("agencies/<int:pk>/", views.agency, name="agency"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/source/", views.report_source, name="source"),
    path("export.<str:fmt>", views.export_view, name="export"),
]
