"""Admin pages of the common parts (operators only): read-only, since votes, uses and incomes are
written through ``actions_commonareas`` by the company serving the project."""

from django.contrib import admin

from wuye.finance.admin_statements import ReadOnlyAdmin
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote


@admin.register(OwnersVote)
class OwnersVoteAdmin(ReadOnlyAdmin):
    list_display = [
        "project",
        "held_on",
        "subject",
        "owners_participating",
        "owners_in_favour",
        "owners_total",
    ]
    search_fields = ["project__name", "subject"]
    list_select_related = ["project"]
    date_hierarchy = "held_on"


class IncomeInline(admin.TabularInline):
    model = CommonAreaIncome
    fields = readonly_fields = [
        "received_on",
        "amount",
        "receipt_number",
        "note",
        "recorded_at",
        "recorded_by",
    ]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CommonAreaUse)
class CommonAreaUseAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "location", "start", "end", "vote"]
    list_filter = ["kind"]
    search_fields = ["project__name", "location", "counterparty"]
    list_select_related = ["project", "vote"]
    inlines = [IncomeInline]
