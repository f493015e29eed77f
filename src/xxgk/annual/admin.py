from django.contrib import admin

from xxgk.annual.models import ClosedYear


@admin.register(ClosedYear)
class ClosedYearAdmin(admin.ModelAdmin):
    """Read only: a closed year is never changed or undone."""

    list_display = ("agency", "year", "edition", "consolidated", "closed_at", "closed_by")
    list_filter = ("year", "edition")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
