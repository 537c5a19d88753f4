"""Admin pages of tickets: read-only (tickets move only through the pipeline's actions, evidence never
changes); for operators looking into a case."""

from django.contrib import admin

from wuye.servicedesk.models import Appointment, FollowUp, Notification, Ticket, TicketEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    fields = ["occurred_at", "kind", "from_status", "to_status", "note", "recorded_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = ["pk", "project", "kind", "status", "received_at", "handler", "reopen_count"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["description", "contact_name"]
    date_hierarchy = "received_at"
    list_select_related = ["project", "handler"]
    inlines = [TicketEventInline]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["ticket", "method", "rating", "occurred_at"]
    list_filter = ["method", "rating"]


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ["ticket", "window_start", "window_end", "arrived_at"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "text", "created_at", "read_at"]
