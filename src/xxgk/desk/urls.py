from django.urls import path

from xxgk.desk.views import accounts, board, manage, registers, reports, requests

app_name = "desk"
urlpatterns = [
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", accounts.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("manage/agencies/", manage.agencies, name="agencies"),
    path("manage/agencies/<str:code>/", manage.agency_edit, name="agency"),
    path("manage/agencies/<str:code>/departments/", manage.department_add, name="department_add"),
    path("manage/agencies/<str:code>/settings/", manage.agency_settings, name="agency_settings"),
    path("manage/users/", manage.users, name="users"),
    path("manage/users/<str:username>/", manage.user_edit, name="user"),
    path("manage/holidays/", manage.holiday_years, name="holidays"),
    path("manage/holidays/<int:year>/", manage.holiday_edit, name="holiday"),
    path("manage/holidays/<int:year>/delete/", manage.holiday_delete, name="holiday_delete"),
    path("", requests.home, name="home"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/export.xlsx", requests.export, name="requests_export"),
    path("requests/new/", requests.register, name="register"),
    path("requests/new/deadlines.json", requests.deadlines_preview, name="deadlines_preview"),
    path("requests/<int:pk>/", requests.detail, name="request"),
    path("requests/<int:pk>/do/<str:action>/", requests.act, name="request_act"),
    path("requests/<int:pk>/notices/<int:notice_pk>.docx", requests.notice, name="notice"),
    path("registers/", registers.index, name="registers"),
    path("registers/<str:key>/", registers.listing, name="register_list"),
    path("registers/<str:key>/<int:pk>/", registers.edit, name="register_edit"),
    path("registers/<str:key>/import/", registers.import_view, name="register_import"),
    path("board/", board.overview, name="board"),
    path("board/<str:code>/", board.agency, name="board_agency"),
    path("reports/", reports.pick, name="reports"),
    path("reports/<str:code>/<int:year>/", reports.report, name="report"),
    path("reports/<str:code>/<int:year>/cells/<str:key>/", reports.cell, name="report_cell"),
    path("reports/<str:code>/<int:year>/narrative/<str:key>/", reports.narrative, name="report_narrative"),
    path("reports/<str:code>/<int:year>/download.<str:fmt>", reports.download, name="report_download"),
    path("reports/<str:code>/<int:year>/close/", reports.close, name="report_close"),
]
