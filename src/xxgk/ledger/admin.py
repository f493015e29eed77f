"""The ledger in Django's admin: read only, without applicants' personal data (ledger.md § People: the
system administrator manages agencies, users and templates, and makes no request edits)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xxgk.ledger.masking import PERSONAL_FIELDS
from xxgk.ledger.models import FeeCharge, Notice, Request, RequestEvent


class ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EventInline(ReadOnly, admin.TabularInline):
    model = RequestEvent
    fields = ("effective_on", "kind", "actor", "note", "recorded_at")
    readonly_fields = fields
    extra = 0


@admin.register(Request)
class RequestAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = (
        "number",
        "agency",
        "state",
        "received_on",
        "reply_due",
        "overdue",
        "outcome",
        "closed_on",
    )
    list_filter = ("state", "overdue", "agency", "applicant_type", "outcome")
    search_fields = ("number",)
    exclude = (*PERSONAL_FIELDS, "query_code", "internal_notes")
    inlines = [EventInline]


@admin.register(Notice)
class NoticeAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("number", "kind", "agency", "issued_on", "checksum")
    exclude = ("docx", "context")


@admin.register(FeeCharge)
class FeeChargeAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ("request", "scale", "units", "amount", "issued_on", "pay_by", "paid_on")
