from django.contrib import admin

from wuye.regions.models import Division


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False
