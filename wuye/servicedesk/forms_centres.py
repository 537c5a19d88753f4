"""Forms of clauses 1.2 and 3.3: the office, the service centre and a shift of its roster."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.rosters import MAX_REPEAT_DAYS
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


class CentreShiftForm(BootstrapFormMixin, forms.Form):
    """A shift of a centre's roster, repeated on following days if asked."""

    attendant = forms.CharField(label=gettext_lazy("值班人"), max_length=50)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("开始时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("结束时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT),
    )
    repeat_days = forms.IntegerField(
        label=gettext_lazy("之后每天重复（天）"),
        min_value=0,
        max_value=MAX_REPEAT_DAYS,
        initial=0,
        help_text=gettext_lazy("0 表示只排这一班；如填 6，则连续排 7 天同一时段"),
    )

    # The shift's own rules (end after start, at most 24 h, not in the past) are the model's and the action's.
