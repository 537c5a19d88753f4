"""Django admin for operators: the enterprise registry with its history; ID numbers only masked."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from wuye.core import crypto
from wuye.core.validators import validate_citizen_id
from wuye.enterprises.models import (
    Certificate,
    CreditCodeException,
    Employment,
    Enterprise,
    IdNumberDisclosure,
    Licence,
    Post,
    Staff,
)


class LicenceInline(admin.TabularInline):
    model = Licence
    extra = 0
    fields = ["kind", "number", "issuer", "valid_from", "valid_to", "scan"]


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "division", "legal_representative", "service_phone"]
    list_filter = ["division__parent"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["division", "created_at", "updated_at"]
    list_select_related = ["division"]
    inlines = [LicenceInline]


@admin.register(Licence)
class LicenceAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "kind", "number", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["number", "enterprise__name"]
    autocomplete_fields = ["enterprise"]
    list_select_related = ["enterprise"]
    date_hierarchy = "valid_to"


class StaffAdminForm(forms.ModelForm):
    """A plain ID number field: validated, then encrypted and hashed; the form never shows the stored one."""

    id_number = forms.CharField(
        label=_("身份证号"),
        max_length=18,
        required=False,
        help_text=_("新建时必填；修改时留空则保留原号码。"),
    )

    class Meta:
        model = Staff
        fields = ["enterprise", "name", "id_number", "phone", "user"]

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip()
        if not value:
            if self.instance.pk is None:
                raise ValidationError(_("请填写身份证号码。"))
            return ""
        return validate_citizen_id(value)

    def clean(self):
        cleaned = super().clean()
        number, enterprise = cleaned.get("id_number"), cleaned.get("enterprise")
        if number and enterprise:
            clash = Staff.objects.filter(enterprise=enterprise, id_number_hash=crypto.lookup_hash(number))
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("id_number", _("该企业已登记过此身份证号的员工。"))
        return cleaned


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    form = StaffAdminForm
    list_display = ["name", "enterprise", "id_number_masked", "phone", "user"]
    search_fields = ["name", "phone", "enterprise__name"]
    readonly_fields = ["id_number_masked"]
    autocomplete_fields = ["enterprise", "user"]
    list_select_related = ["enterprise", "user"]
    # The ciphertext and the lookup hash are never shown, listed or exported here.
    history_list_display = ["name", "id_number_masked"]

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("id_number"):
            obj.set_id_number(form.cleaned_data["id_number"])
        super().save_model(request, obj, form, change)


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "kind", "number", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["number", "staff__name"]
    autocomplete_fields = ["staff"]
    list_select_related = ["staff"]


@admin.register(Employment)
class EmploymentAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "start_date", "contract_start", "contract_end", "status"]
    list_filter = ["status"]
    search_fields = ["staff__name"]
    autocomplete_fields = ["staff"]
    list_select_related = ["staff"]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "project", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["staff__name", "project__name"]
    autocomplete_fields = ["staff", "project"]
    list_select_related = ["staff", "project"]


@admin.register(CreditCodeException)
class CreditCodeExceptionAdmin(admin.ModelAdmin):
    list_display = ["credit_code", "granted_by", "granted_at"]
    search_fields = ["credit_code"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if not obj.granted_by_id:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(IdNumberDisclosure)
class IdNumberDisclosureAdmin(admin.ModelAdmin):
    """The PIPL log of full ID views: read only, nobody edits or deletes it."""

    list_display = ["at", "user", "staff", "channel", "ip"]
    list_filter = ["channel"]
    search_fields = ["user__username", "staff__name"]
    list_select_related = ["user", "staff"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from wuye.enterprises import admin_people  # noqa: E402, F401  (registers the people part's admin)
