"""The portal under /zfxxgk/: stable URLs (portal.md § Pages); an agency's column under its code."""

from django.urls import path

from xxgk.portal import apply_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("zbb/", views.toggle_elder, name="elder"),
    path("ml/", views.catalogue, name="search"),
    path("c/<int:pk>/", views.entry, name="entry"),
    path("c/<int:pk>/f/<int:aid>/", views.attachment, name="attachment"),
    path("idx/<path:number>", views.entry_by_index, name="by_index"),
    path("ysqgk/receipt/", apply_views.receipt, name="receipt"),
    path("ysqgk/receipt/pdf/", apply_views.receipt_pdf, name="receipt_pdf"),
    path("ysqgk/status/", apply_views.lookup, name="status"),
    path("ysqgk/<str:number>/bz/", apply_views.correction, name="correction"),
    path("ysqgk/<str:number>/ch/", apply_views.withdrawal, name="withdrawal"),
    path("ysqgk/<str:number>/notice/<int:pk>/", apply_views.notice_pdf, name="notice"),
    path("files/<int:pk>/", apply_views.submission_file, name="submission_file"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("<slug:code>/", views.column, name="column"),
    path("<slug:code>/zn/", views.guide, name="guide"),
    path("<slug:code>/zn/v/<int:number>/", views.guide, name="guide_version"),
    path("<slug:code>/zd/", views.rules_column, name="rules"),
    path("<slug:code>/ml/", views.catalogue, name="catalogue"),
    path("<slug:code>/ml.atom", views.catalogue_atom, name="atom"),
    path("<slug:code>/ml.csv", views.catalogue_csv, name="csv"),
    path("<slug:code>/nb/", views.annual_list, name="annual_list"),
    path("<slug:code>/nb/<int:year>/", views.annual_report, name="annual_report"),
    path("<slug:code>/nb/<int:year>.<str:fmt>", views.annual_download, name="annual_download"),
    path("<slug:code>/ysqgk/", views.apply_info, name="apply_info"),
    path("<slug:code>/ysqgk/apply/", apply_views.apply, name="apply"),
    path("<slug:code>/ysqgk/apply/preview/", apply_views.preview, name="apply_preview"),
    path("<slug:code>/ysqgk/sqb.<str:fmt>", views.form_download, name="form_download"),
    path("<slug:code>/ysqgk/lct.svg", views.flow_chart, name="flow_chart"),
]
