"""Django admin for operators: the estate registry, with the change history of every record."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.estates.models import (
    Building,
    CommitteeMember,
    Developer,
    Household,
    Owner,
    OwnersCommittee,
    Project,
    ServiceContract,
    ServicePeriod,
)


@admin.register(Developer)
class DeveloperAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "contact_phone"]
    search_fields = ["name", "credit_code"]


class ServicePeriodInline(admin.TabularInline):
    model = ServicePeriod
    extra = 0
    fields = ["enterprise", "start", "end"]
    autocomplete_fields = ["enterprise"]


class BuildingInline(admin.TabularInline):
    model = Building
    extra = 0
    fields = ["name", "floors", "has_elevator"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "division", "kind", "floor_area", "household_count", "developer"]
    list_filter = ["kind", "division__parent"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["division", "developer"]
    list_select_related = ["division", "developer"]
    inlines = [ServicePeriodInline, BuildingInline]


@admin.register(Building)
class BuildingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "floors", "has_elevator"]
    search_fields = ["name", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "project", "area"]
    search_fields = ["number", "building__name", "project__name"]
    autocomplete_fields = ["building"]
    readonly_fields = ["project"]
    list_select_related = ["project", "building"]


@admin.register(Owner)
class OwnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "user"]
    search_fields = ["name", "phone"]
    autocomplete_fields = ["households", "user"]
    list_select_related = ["user"]


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = ["name", "position", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(OwnersCommittee)
class OwnersCommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "term_start", "term_end", "filed_on"]
    search_fields = ["name", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]
    inlines = [CommitteeMemberInline]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position", "committee"]
    list_filter = ["position"]
    search_fields = ["name", "committee__name"]
    autocomplete_fields = ["committee", "owner"]
    list_select_related = ["committee"]


@admin.register(ServiceContract)
class ServiceContractAdmin(SimpleHistoryAdmin):
    list_display = ["project", "enterprise", "party_a_kind", "number", "start", "end"]
    list_filter = ["party_a_kind"]
    search_fields = ["number", "project__name", "enterprise__name"]
    autocomplete_fields = ["project", "enterprise", "developer", "committee"]
    list_select_related = ["project", "enterprise"]


@admin.register(ServicePeriod)
class ServicePeriodAdmin(SimpleHistoryAdmin):
    list_display = ["project", "enterprise", "start", "end"]
    search_fields = ["project__name", "enterprise__name"]
    autocomplete_fields = ["project", "enterprise"]
    list_select_related = ["project", "enterprise"]
