"""Admin pages of offices, service centres and the centre roster (operators only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.servicedesk.models import CentreShift, Office, ServiceCentre


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "address", "phone", "since", "until"]
    search_fields = ["enterprise__name", "address"]
    list_select_related = ["enterprise"]


@admin.register(ServiceCentre)
class ServiceCentreAdmin(SimpleHistoryAdmin):
    list_display = ["project", "address", "opening_hours", "service_phone", "opened_on", "active"]
    list_filter = ["active"]
    search_fields = ["project__name", "address"]
    list_select_related = ["project"]


@admin.register(CentreShift)
class CentreShiftAdmin(SimpleHistoryAdmin):
    list_display = ["centre", "attendant", "starts_at", "ends_at"]
    search_fields = ["centre__project__name", "attendant"]
    list_select_related = ["centre__project"]
