"""Forms of clauses 1.2 and 3.3: the office, the service centre and a shift of its roster."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wuye.compliance.roster_forms import RosterShiftForm
from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin
from wuye.servicedesk.models import Office, ServiceCentre

MINUTE_FORMAT = "%Y-%m-%dT%H:%M"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfficeForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Office
        fields = ["address", "phone", "since", "until"]
        widgets = {"since": DATE, "until": DATE}


class ServiceCentreForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = ServiceCentre
        fields = ["address", "opening_hours", "service_phone", "opened_on", "active"]
        widgets = {"opened_on": DATE, "service_phone": forms.TextInput(attrs={"inputmode": "tel"})}

    def clean(self):
        cleaned = super().clean()
        others = ServiceCentre.objects.filter(project_id=self.instance.project_id).exclude(
            pk=self.instance.pk
        )
        if self.instance.project_id and others.exists():
            raise ValidationError(_("该项目已登记客户服务中心，请修改原有记录。"))
        return cleaned


class CentreShiftForm(RosterShiftForm):
    """A shift of a centre's roster, repeated on following days if asked."""

    person_field = "attendant"
