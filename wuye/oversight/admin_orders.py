"""Admin pages of rectification orders (operators only): read-only, since an order moves only through
``actions_orders`` and its moves are evidence."""

from django.contrib import admin

from wuye.compliance.admin import ReadOnlyAdminMixin as ReadOnly
from wuye.oversight.models import OrderAnswer, OrderMove, RectificationOrder


class AnswerInline(ReadOnly, admin.TabularInline):
    model = OrderAnswer
    fields = readonly_fields = ["created_at", "answered_by", "text", "file"]
    extra = 0


class MoveInline(ReadOnly, admin.TabularInline):
    model = OrderMove
    fields = readonly_fields = ["from_status", "to_status", "deadline", "occurred_at", "recorded_by", "note"]
    extra = 0


@admin.register(RectificationOrder)
class RectificationOrderAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["pk", "enterprise", "project", "status", "issued_at", "deadline"]
    list_filter = ["status"]
    search_fields = ["enterprise__name", "project__name", "requirement"]
    list_select_related = ["enterprise", "project"]
    inlines = [AnswerInline, MoveInline]
