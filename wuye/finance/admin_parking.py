"""Admin pages of parking (operators): read-only lists; records change through the pages and the API,
where the scope and the models' rules apply."""

from django.contrib import admin

from wuye.finance.admin_statements import ReadOnlyAdmin
from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingRules, ParkingSpace, ParkingTransfer


@admin.register(ParkingSpace)
class ParkingSpaceAdmin(ReadOnlyAdmin):
    list_display = ["number", "project", "level", "ownership", "location"]
    list_filter = ["level", "ownership"]
    search_fields = ["number", "project__name"]
    list_select_related = ["project"]


@admin.register(ParkingLease)
class ParkingLeaseAdmin(ReadOnlyAdmin):
    list_display = ["space", "household", "start", "end", "billing_months", "rent"]
    search_fields = ["space__number", "project__name"]
    list_select_related = ["space", "household__building"]


@admin.register(ParkingRentPayment)
class ParkingRentPaymentAdmin(ReadOnlyAdmin):
    list_display = ["lease", "paid_on", "amount", "period_start", "period_end", "months", "receipt_number"]
    search_fields = ["receipt_number", "project__name"]
    list_select_related = ["lease__space", "lease__household__building"]


@admin.register(ParkingTransfer)
class ParkingTransferAdmin(ReadOnlyAdmin):
    list_display = ["space", "project", "transferred_on", "kind", "price"]
    list_filter = ["kind"]
    list_select_related = ["space", "project"]


@admin.register(ParkingRules)
class ParkingRulesAdmin(ReadOnlyAdmin):
    list_display = ["project", "published_on", "above_ground_rent", "under_ground_rent"]
    list_select_related = ["project"]
