"""Forms of the safety pages: power rooms, the one-minute round on a phone, and the fix of a defect."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin
from wuye.safety.choices import SupplyState
from wuye.safety.models import DefectFix, PowerRoom, PowerRound

MINUTE_FORMAT = "%Y-%m-%dT%H:%M"


class SuppliesField(forms.CharField):
    """The supplies of a power room, one name per line (stored as a list)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class PowerRoomForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    supplies = SuppliesField(
        label=gettext_lazy("供电回路"), help_text=gettext_lazy("每行一个，如：1#变压器、2#变压器、备用发电机")
    )

    class Meta:
        model = PowerRoom
        fields = ["name", "location", "supplies", "in_service_from", "active"]


class ClaimedTimeMixin:
    """``occurred_at``: the server's time by default, shown to the minute; it may be moved back, not ahead."""

    def set_up_time(self, now):
        self.now = now
        local = timezone.localtime(now)
        field = self.fields["occurred_at"]
        field.widget = forms.DateTimeInput(
            attrs={"type": "datetime-local", "max": local.strftime(MINUTE_FORMAT), "class": "form-control"},
            format=MINUTE_FORMAT,
        )
        # A model form's initial values come from its (new, empty) instance; the time must win over that.
        self.initial["occurred_at"] = local.replace(second=0, microsecond=0)
        field.help_text = _("服务器时间 %(now)s；只能改早，不能改晚。") % {"now": local.strftime("%H:%M")}

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value is not None and value > self.now:
            raise forms.ValidationError(_("时间不能晚于服务器当前时间。"))
        return value


class PowerRoundForm(ClaimedTimeMixin, BootstrapFormMixin, forms.ModelForm):
    """One round: when, who, one radio group per supply, optional readings and the problems found."""

    class Meta:
        model = PowerRound
        fields = ["occurred_at", "inspector", "voltage", "current", "temperature", "problems"]
        widgets = {"problems": forms.Textarea(attrs={"rows": 2})}
        labels = {"occurred_at": gettext_lazy("巡视时间")}

    def __init__(self, *args, now, last=None, inspector="", **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        room = self.instance.power_room
        before = last.supply_states if last is not None else {}
        self.supply_fields = []
        for index, supply in enumerate(room.supplies):
            name = f"supply_{index}"
            self.fields[name] = forms.ChoiceField(
                label=supply,
                choices=SupplyState.choices,
                widget=forms.RadioSelect,
                initial=before.get(supply),
            )
            self.supply_fields.append((name, supply))
        self.initial["inspector"] = inspector or (last.inspector if last else "")
        for reading in ("voltage", "current", "temperature"):
            self.fields[reading].widget.attrs.update(inputmode="decimal", placeholder=_("选填"))

    def supply_inputs(self):
        return [self[name] for name, _supply in self.supply_fields]

    def clean(self):
        cleaned = super().clean()
        self.instance.supply_states = {
            supply: cleaned[name] for name, supply in self.supply_fields if cleaned.get(name)
        }
        return cleaned


class DefectFixForm(ClaimedTimeMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = DefectFix
        fields = ["occurred_at", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        labels = {"occurred_at": gettext_lazy("处理时间")}

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        self.fields["note"].widget.attrs["placeholder"] = _(
            "如：已更换冷却风机，温度恢复正常；或已报供电公司处理"
        )
