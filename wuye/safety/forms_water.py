"""Forms of clauses 4.6 and 4.7: the tank and septic tank registers and the phone pages that record duties."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import SCAN_EXTENSIONS, BootstrapFormMixin
from wuye.safety.forms import MINUTE_FORMAT, ClaimedTimeMixin
from wuye.safety.models import (
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.water_limits import ABSENT, ROUTINE_ITEMS

TANK_START_HELP = gettext_lazy(
    "从这一天起检查水质检测和清洗消毒（每6个月）；早于今天的日期，此前的间隔也会计入。"
)
SEPTIC_START_HELP = gettext_lazy("从这一天所在的季度起，每季度须清掏一次。")


class WaterTankForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = WaterTank
        fields = ["name", "kind", "location", "capacity", "serves", "in_service_from", "active"]
        help_texts = {
            "in_service_from": TANK_START_HELP,
            "name": gettext_lazy("如：1号屋顶水箱、地下生活水池"),
        }


class SepticTankForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = SepticTank
        fields = ["name", "location", "capacity", "in_service_from", "active"]
        help_texts = {"in_service_from": SEPTIC_START_HELP, "name": gettext_lazy("如：1号化粪池")}


class EvidenceFileMixin:
    """The record's file (a lab report, a photo): PDF or image, at most settings.MAX_SCAN_SIZE."""

    file_required = False
    file_label = gettext_lazy("照片")

    def set_up_file(self):
        field = self.fields["attachment"]
        field.required = self.file_required
        field.label = self.file_label
        field.widget.attrs["accept"] = ".pdf,image/*"
        field.help_text = _("PDF、JPG 或 PNG，可用手机直接拍照。")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload or not hasattr(upload, "size"):
            return upload
        FileExtensionValidator(SCAN_EXTENSIONS, _("文件须为 PDF、JPG 或 PNG。"))(upload)
        limit = settings.MAX_SCAN_SIZE
        if upload.size > limit:
            raise ValidationError(
                _("文件不得超过 %(mb)d MB。"), code="size", params={"mb": limit // (1024 * 1024)}
            )
        return upload


class RecordForm(EvidenceFileMixin, ClaimedTimeMixin, BootstrapFormMixin, forms.ModelForm):
    """A duty record on a phone: its time (the server's, or earlier), its fields and its file."""

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        if "attachment" in self.fields:
            self.set_up_file()
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 2


def detected_field(label, absent: str, present: str):
    """A yes/no item as two buttons, neither chosen: the tester must say which."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("0", absent), ("1", present)],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class WaterTestForm(RecordForm):
    """A lab report typed in: laboratory and its CMA number, sampling time, the seven routine items."""

    file_required = True
    file_label = gettext_lazy("检测报告")

    class Meta:
        model = WaterTest
        fields = [
            "occurred_at",
            "laboratory",
            "laboratory_cma",
            "report_number",
            "sample_point",
            *[item.name for item in ROUTINE_ITEMS],
            "attachment",
        ]
        labels = {"occurred_at": gettext_lazy("采样时间"), "ph": "pH"}  # not capitalised to "PH"

    def __init__(self, *args, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["odour_visible_matter"] = detected_field(_("臭和味、肉眼可见物"), _("无"), _("有"))
        self.fields["total_coliforms"] = detected_field(_("总大肠菌群"), _("未检出"), _("检出"))
        for item in ROUTINE_ITEMS:
            if item.rule != ABSENT:
                self.fields[item.name].widget.attrs.update(inputmode="decimal")
        if last is not None and not self.is_bound:  # the same laboratory as last time, most likely
            for name in ("laboratory", "laboratory_cma", "sample_point"):
                self.initial[name] = getattr(last, name)

    def item_fields(self):
        return [(item, self[item.name]) for item in ROUTINE_ITEMS]


class TankCleaningForm(RecordForm):
    file_required = True
    file_label = gettext_lazy("照片或清洗消毒报告")

    class Meta:
        model = TankCleaning
        fields = ["occurred_at", "contractor", "disinfectant", "note", "attachment"]
        labels = {"occurred_at": gettext_lazy("清洗时间")}

    def __init__(self, *args, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        if last is not None and not self.is_bound:
            for name in ("contractor", "disinfectant"):
                self.initial[name] = getattr(last, name)


class WaterQualityReportForm(RecordForm):
    """An owner's report of odour or colour taken by phone or at the desk."""

    class Meta:
        model = WaterQualityReport
        fields = ["occurred_at", "complaint", "tank", "description", "reporter", "place", "attachment"]
        labels = {"occurred_at": gettext_lazy("反映时间")}
        widgets = {"complaint": forms.RadioSelect}

    def __init__(self, *args, tanks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tank"].queryset = tanks
        self.fields["tank"].empty_label = _("不确定")
        self.fields["complaint"].choices = self.fields["complaint"].choices[1:]  # no blank choice


class ReportHandlingForm(RecordForm):
    """How a water-quality report was handled (a fix of its defect)."""

    class Meta:
        model = DefectFix
        fields = ["occurred_at", "note", "attachment"]
        labels = {"occurred_at": gettext_lazy("处理时间")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["placeholder"] = _("如：已排放管道存水并冲洗，复查水质正常")


class PollutionIncidentForm(RecordForm):
    """A pollution found, and if it was reported already, when and to whom."""

    reported_at = forms.DateTimeField(
        label=gettext_lazy("已报告时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT),
        help_text=gettext_lazy("已报告相关部门的，填写报告时间和部门；尚未报告的留空，报告后另行登记。"),
    )
    authority = forms.CharField(label=gettext_lazy("报告部门"), max_length=100, required=False)

    class Meta:
        model = PollutionIncident
        fields = ["occurred_at", "tank", "description", "measures", "attachment"]
        labels = {"occurred_at": gettext_lazy("发现时间")}

    def __init__(self, *args, tanks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tank"].queryset = tanks
        self.fields["tank"].empty_label = _("不确定")

    def clean(self):
        cleaned = super().clean()
        reported_at, authority = cleaned.get("reported_at"), (cleaned.get("authority") or "").strip()
        if reported_at and not authority:
            self.add_error("authority", _("请填写报告的部门。"))
        if authority and not reported_at:
            self.add_error("reported_at", _("请填写报告时间。"))
        if reported_at and reported_at > self.now:
            self.add_error("reported_at", _("时间不能晚于服务器当前时间。"))
        return cleaned

    def report(self) -> PollutionReport | None:
        data = self.cleaned_data
        if not data.get("reported_at"):
            return None
        return PollutionReport(occurred_at=data["reported_at"], authority=data["authority"].strip())


class PollutionReportForm(RecordForm):
    class Meta:
        model = PollutionReport
        fields = ["occurred_at", "authority", "received_by", "note"]
        labels = {"occurred_at": gettext_lazy("报告时间")}


class SewerCheckForm(RecordForm):
    class Meta:
        model = SewerCheck
        fields = ["occurred_at", "inspector", "problems", "attachment"]
        labels = {"occurred_at": gettext_lazy("排查时间")}


class SewerFlushForm(RecordForm):
    class Meta:
        model = SewerFlush
        fields = ["occurred_at", "contractor", "extent", "note", "attachment"]
        labels = {"occurred_at": gettext_lazy("冲洗时间")}


class SepticEmptyingForm(RecordForm):
    class Meta:
        model = SepticEmptying
        fields = ["occurred_at", "contractor", "volume", "note", "attachment"]
        labels = {"occurred_at": gettext_lazy("清掏时间")}
