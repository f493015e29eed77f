from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xxgk.agencies.models import Agency, Department, Staff


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "level", "parent")
    search_fields = ("code", "name")
    list_filter = ("kind", "level")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    list_display = ("user", "display_name", "agency", "role", "department", "post")
    list_filter = ("role",)
