"""Forms of the enterprise registry: ModelForms limited to the user's scope, Bootstrap-rendered."""

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from wuye.core.validators import validate_citizen_id
from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin, ScanUploadMixin
from wuye.enterprises.models import Certificate, Employment, Enterprise, Licence, Post, Staff


class EnterpriseForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "legal_representative", "address", "service_phone"]


class LicenceForm(ScanUploadMixin, BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Licence
        fields = ["kind", "number", "issuer", "valid_from", "valid_to", "scan"]


class StaffForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    """The ID number is a plain field here; ``save_staff`` validates, encrypts and hashes it."""

    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)

    class Meta:
        model = Staff
        fields = ["name", "id_number", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["id_number"]
        field.widget.attrs["autocomplete"] = "off"
        if self.instance.pk is None:
            field.required = True
        else:
            field.help_text = _("留空则保留原号码（%(masked)s）。") % {
                "masked": self.instance.id_number_masked
            }

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip()
        return validate_citizen_id(value) if value else ""


class CertificateForm(ScanUploadMixin, BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "issuer", "valid_from", "valid_to", "scan"]


class EmploymentForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Employment
        fields = ["start_date", "contract_start", "contract_end", "status", "ended_on", "end_reason"]


class PostForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["project", "kind", "start", "end", "certificate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = self.fields["project"].queryset.order_by("name")
        staff = self.instance.staff if self.instance.staff_id else None
        if staff is not None:
            # The enterprise's certificates, the post holder's own first: another's is allowed (and found).
            self.fields["certificate"].queryset = (
                self.fields["certificate"]
                .queryset.filter(staff__enterprise_id=staff.enterprise_id)
                .select_related("staff")
                .order_by(Case(When(staff_id=staff.pk, then=0), default=1), "kind", "number")
            )
            self.fields["certificate"].label_from_instance = lambda c: (
                f"{c.get_kind_display()} {c.number} · {c.staff.name}"
            )
