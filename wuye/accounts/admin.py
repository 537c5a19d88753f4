"""Django admin for operators: users with their role memberships, in Chinese."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from wuye.accounts.models import InvitationCode, JoinRequest, JoinRequestEvent, Membership, User

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


@admin.register(InvitationCode)
class InvitationCodeAdmin(admin.ModelAdmin):
    """Codes are issued on the building's page (the code itself is shown only there, once)."""

    list_display = ["household", "hint", "issued_by", "issued_at", "used_by", "used_at", "revoked_at"]
    list_select_related = ["household__building", "issued_by", "used_by"]
    search_fields = ["household__building__name", "household__number", "hint"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JoinRequestEventInline(admin.TabularInline):
    model = JoinRequestEvent
    extra = 0
    readonly_fields = ["old_status", "new_status", "by", "at"]
    can_delete = False


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Decided by the project's committee on its queue page; read here."""

    list_display = ["name", "phone", "household", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["household__building", "decided_by"]
    search_fields = ["name", "phone", "user__username"]
    readonly_fields = ["user", "household", "name", "phone", "status", "decided_at", "decided_by", "reason"]
    inlines = [JoinRequestEventInline]

    def has_add_permission(self, request):
        return False
