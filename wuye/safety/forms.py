"""Forms of the safety pages: power rooms, the one-minute round on a phone, and the fix of a defect."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.roster_forms import RosterShiftForm
from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin
from wuye.safety.choices import SupplyState
from wuye.safety.models import Camera, DefectFix, Entrance, PatrolPoint, PatrolRoute, PowerRoom, PowerRound

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


# -- clause 4.1 ----------------------------------------------------------------------------------------


# The checks count from this day: a day in the past makes the time since then a finding.
START_HELP = {
    "entrance": gettext_lazy("从这一天起检查值班；填早于今天的日期，此前排班表上没有人的时段都会计为问题。"),
    "route": gettext_lazy("从这一天起检查巡更；填早于今天的日期，此前没有完整巡更的时段都会计为问题。"),
    "camera": gettext_lazy("从这一天起检查监控故障。"),
}


class EntranceForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Entrance
        fields = ["name", "location", "in_service_from", "active"]
        help_texts = {"in_service_from": START_HELP["entrance"]}
        widgets = {"in_service_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class PatrolRouteForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = PatrolRoute
        fields = ["name", "in_service_from", "active"]
        help_texts = {"in_service_from": START_HELP["route"]}
        widgets = {"in_service_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class PatrolPointForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = PatrolPoint
        fields = ["name", "order", "latitude", "longitude", "active"]
        help_texts = {
            "latitude": gettext_lazy("选填。站在点位上用手机地图读取，如 40.658123"),
            "longitude": gettext_lazy("选填。与纬度一起填写，签到时据此判断是否在点位附近"),
        }


class CameraForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Camera
        fields = ["name", "location", "in_service_from", "active"]
        help_texts = {"in_service_from": START_HELP["camera"]}
        widgets = {"in_service_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ShiftForm(RosterShiftForm):
    """A shift of an entrance's roster, repeated on following days if asked."""

    person_field = "guard"


class CameraChecksForm(ClaimedTimeMixin, BootstrapFormMixin, forms.Form):
    """The status of every camera of a project at one check: working or not, and what is wrong."""

    occurred_at = forms.DateTimeField(label=gettext_lazy("检查时间"))

    def __init__(self, *args, cameras, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        self.cameras = cameras
        for camera in cameras:
            self.fields[f"working_{camera.pk}"] = forms.TypedChoiceField(
                label=camera.name,
                choices=[("1", _("正常")), ("0", _("故障"))],
                coerce=lambda value: value == "1",
                widget=forms.RadioSelect,
                initial="1",
            )
            self.fields[f"note_{camera.pk}"] = forms.CharField(
                label=_("故障情况"), max_length=200, required=False
            )

    def rows(self):
        return [(camera, self[f"working_{camera.pk}"], self[f"note_{camera.pk}"]) for camera in self.cameras]

    def clean(self):
        cleaned = super().clean()
        for camera in self.cameras:
            working, note = cleaned.get(f"working_{camera.pk}"), cleaned.get(f"note_{camera.pk}", "")
            if working is False and not note.strip():
                self.add_error(f"note_{camera.pk}", _("请说明故障情况。"))
        return cleaned

    def results(self):
        return {
            camera: (self.cleaned_data[f"working_{camera.pk}"], self.cleaned_data[f"note_{camera.pk}"])
            for camera in self.cameras
        }
