"""Admin pages of the animals part (operators only): read-only."""

from django.contrib import admin

from wuye.comanagement.admin_common import ReadOnlyAdmin
from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal


@admin.register(AnimalNotice)
class AnimalNoticeAdmin(ReadOnlyAdmin):
    list_display = ["project", "given_on"]
    search_fields = ["project__name"]
    list_select_related = ["project"]
    date_hierarchy = "given_on"


@admin.register(Pet)
class PetAdmin(ReadOnlyAdmin):
    list_display = ["project", "household", "kind", "licence_number", "rabies_vaccinated_on", "urged_on"]
    list_filter = ["kind"]
    search_fields = ["project__name", "licence_number"]
    list_select_related = ["project", "household__building"]


@admin.register(UnauthorisedAnimal)
class UnauthorisedAnimalAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "description", "found_at", "reported_at"]
    list_filter = ["kind"]
    search_fields = ["project__name", "description"]
    list_select_related = ["project"]
