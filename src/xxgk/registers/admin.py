from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from xxgk.registers.models import Case, CatalogueItem, DecisionTally, Document, FeeIncome, Procurement


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "number", "agency", "issued_on", "published_on", "repealed_on")
    list_filter = ("kind",)
    search_fields = ("title", "number")


@admin.register(CatalogueItem)
class CatalogueItemAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "agency", "added_on", "removed_on")
    list_filter = ("kind",)


@admin.register(DecisionTally)
class DecisionTallyAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "kind", "year", "month", "count")
    list_filter = ("kind", "year")


@admin.register(FeeIncome)
class FeeIncomeAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "year", "amount")


@admin.register(Procurement)
class ProcurementAdmin(SimpleHistoryAdmin):
    list_display = ("name", "agency", "contracted_on", "amount")


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "after_review", "agency", "filed_on", "ruling", "concluded_on")
    list_filter = ("kind", "ruling")
