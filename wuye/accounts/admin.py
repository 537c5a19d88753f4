"""Django admin for operators: users with their role memberships, in Chinese."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from wuye.accounts.models import Membership, User

admin.site.site_header = _("物业监督 管理后台")
admin.site.site_title = _("物业监督 管理后台")
admin.site.index_title = _("运维管理")

BINDINGS = ["division", "enterprise", "project", "developer", "household"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["role", *BINDINGS, "active"]
    autocomplete_fields = BINDINGS


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "phone", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "full_name", "phone"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone", "email")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),
    )
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", *BINDINGS, "active", "created_at"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "user__full_name"]
    autocomplete_fields = ["user", *BINDINGS]
    list_select_related = ["user", "division", "enterprise", "project", "developer", "household__building"]
