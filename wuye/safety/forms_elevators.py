"""Forms of clause 4.2: the elevator register, and the phone forms of an inspection (with its report), a
maintenance visit, a breakdown and a label photo, each filled in under a minute: the time is the
server's, and what does not change from one visit to the next (body, technician) comes pre-filled."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin, DateInput
from wuye.estates.models import Building
from wuye.safety.forms import MINUTE_FORMAT, ClaimedTimeMixin
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.uploads import PHOTO_EXTENSIONS, REPORT_EXTENSIONS, validate_upload


class ElevatorForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Elevator
        fields = [
            "name",
            "building",
            "location",
            "registration_code",
            "kind",
            "maker",
            "model_number",
            "serial_number",
            "rated_load",
            "stops",
            "maintenance_company",
            "maintenance_licence_number",
            "maintenance_licence_valid_until",
            "rescue_phone",
            "in_service_from",
            "active",
        ]
        help_texts = {
            "name": gettext_lazy("如：3号楼1单元1号梯"),
            "in_service_from": gettext_lazy(
                "从这一天起检查检验、维保和标识；填早于今天的日期，此前没有记录的时段都会计为问题。"
            ),
            "active": gettext_lazy("停止使用（如检验不合格待整改）时取消勾选"),
        }
        widgets = {"in_service_from": DateInput(), "maintenance_licence_valid_until": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        buildings = Building.objects.visible_to(self.user).filter(project_id=self.instance.project_id)
        self.fields["building"].queryset = buildings


def attachment_field(label, *, required, photo=False, help_text=""):
    accept = "image/*" if photo else ".pdf,image/*"
    attrs = {"accept": accept}
    if photo:
        attrs["capture"] = "environment"  # a phone opens its camera
    return forms.FileField(
        label=label, required=required, help_text=help_text, widget=forms.FileInput(attrs=attrs)
    )


class AttachmentMixin:
    """An uploaded report or photo: of the right kind and not too large (uploads.validate_upload)."""

    extensions = REPORT_EXTENSIONS

    def clean_attachment(self):
        return validate_upload(self.cleaned_data.get("attachment"), self.extensions)


class RecordForm(AttachmentMixin, ClaimedTimeMixin, BootstrapFormMixin, forms.ModelForm):
    """A record of one elevator: its time the server's (may be moved back), pre-filled from the last one."""

    carried = ()  # fields copied from the elevator's last record of this kind

    def __init__(self, *args, now, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        for name in self.carried:  # a new record's own values are empty: the last one's win
            if last is not None and getattr(last, name) and not self.initial.get(name):
                self.initial[name] = getattr(last, name)


class InspectionForm(RecordForm):
    attachment = attachment_field(
        gettext_lazy("检验报告"), required=True, help_text=gettext_lazy("检验报告或合格证的 PDF 或照片")
    )
    carried = ("inspection_body",)

    class Meta:
        model = ElevatorInspection
        fields = [
            "occurred_at",
            "inspection_body",
            "result",
            "valid_until",
            "report_number",
            "note",
            "attachment",
        ]
        labels = {"occurred_at": gettext_lazy("检验日期")}
        widgets = {"valid_until": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class MaintenanceVisitForm(RecordForm):
    attachment = attachment_field(gettext_lazy("维保单照片"), required=False, photo=True)
    carried = ("technician", "technician_certificate", "items")
    extensions = PHOTO_EXTENSIONS + ["pdf"]

    class Meta:
        model = MaintenanceVisit
        fields = [
            "occurred_at",
            "tier",
            "technician",
            "technician_certificate",
            "items",
            "problems",
            "attachment",
        ]
        labels = {"occurred_at": gettext_lazy("维保时间")}
        widgets = {
            "items": forms.Textarea(attrs={"rows": 2}),
            "problems": forms.Textarea(attrs={"rows": 2}),
        }


class BreakdownForm(RecordForm):
    attachment = attachment_field(gettext_lazy("现场照片"), required=False, photo=True)
    extensions = PHOTO_EXTENSIONS

    class Meta:
        model = Breakdown
        fields = [
            "occurred_at",
            "arrived_at",
            "released_at",
            "people_trapped",
            "cause",
            "rescuer",
            "attachment",
        ]
        labels = {"occurred_at": gettext_lazy("报警时间")}
        widgets = {"cause": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = timezone.localtime(self.now).strftime(MINUTE_FORMAT)
        for name in ("arrived_at", "released_at"):
            self.fields[name].widget = forms.DateTimeInput(
                attrs={"type": "datetime-local", "max": latest, "class": "form-control"}, format=MINUTE_FORMAT
            )
        self.fields["people_trapped"].widget.attrs.update(inputmode="numeric", min=0)

    def clean(self):
        cleaned = super().clean()
        for name in ("arrived_at", "released_at"):
            value = cleaned.get(name)
            if value is not None and value > self.now:
                self.add_error(name, _("时间不能晚于服务器当前时间。"))
        return cleaned


class LabelCheckForm(RecordForm):
    attachment = attachment_field(
        gettext_lazy("标识照片"),
        required=True,
        photo=True,
        help_text=gettext_lazy("一张照片拍清安全检验合格标志、使用标志和救援电话"),
    )
    extensions = PHOTO_EXTENSIONS

    class Meta:
        model = ElevatorLabelCheck
        fields = ["attachment", "inspection_mark_ok", "operating_labels_ok", "note", "occurred_at"]
        labels = {"occurred_at": gettext_lazy("拍摄时间")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
