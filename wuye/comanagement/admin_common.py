"""Admin pages of comanagement are read-only: the records are written through the pages, the API and the
use cases (each move of a case a row; events stamped with the regulator who recorded them)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
