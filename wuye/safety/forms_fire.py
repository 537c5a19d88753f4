"""Forms of clauses 4.3 and 4.4: the registers, the phone walk of a project's fire equipment or passages
(one tap per item, a photo where something is wrong) and the yearly tests with their reports."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin
from wuye.safety.choices_fire import CheckResult, PassageOutcome, TestResult
from wuye.safety.forms import ClaimedTimeMixin
from wuye.safety.models import (
    FireEquipment,
    FirePassage,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.models.fire import PHOTO_EXTENSIONS, REPORT_EXTENSIONS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
START_HELP = gettext_lazy("从这一天起按期检查；填早于今天的日期，此前未按期检查的月份（年度）都会计为问题。")


class FireEquipmentForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = FireEquipment
        fields = [
            "name",
            "kind",
            "location",
            "extinguisher_type",
            "production_date",
            "quantity",
            "in_service_from",
            "active",
        ]
        help_texts = {
            "name": gettext_lazy("如：1号楼1单元3层灭火器箱、3号楼东侧室外消火栓、消防控制室"),
            "extinguisher_type": gettext_lazy("仅灭火器填写"),
            "production_date": gettext_lazy("灭火器必填，见瓶身标签；据此计算报废年限"),
            "in_service_from": START_HELP,
        }
        widgets = {"production_date": DATE_WIDGET, "in_service_from": DATE_WIDGET}


class FirePassageForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = FirePassage
        fields = ["name", "location", "in_service_from", "active"]
        help_texts = {"name": gettext_lazy("如：3号楼东侧消防车道、地下车库疏散通道")}
        widgets = {"in_service_from": DATE_WIDGET}


class LightningProtectionForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = LightningProtection
        fields = ["name", "kind", "location", "hazardous", "in_service_from", "active"]
        help_texts = {"in_service_from": START_HELP}
        widgets = {"in_service_from": DATE_WIDGET}


class FloodProtectionForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = FloodProtection
        fields = ["name", "kind", "location", "in_service_from", "active"]
        help_texts = {"in_service_from": START_HELP}
        widgets = {"in_service_from": DATE_WIDGET}


# -- the walk of several items of a project --------------------------------------------------------------

SKIP = "skip"


class WalkForm(ClaimedTimeMixin, BootstrapFormMixin, forms.Form):
    """Several assets of a project at one walk: for each a result (good by default, or not looked at this
    time), what is wrong and a photo where it is not good. Subclasses name the record's fields."""

    result_field = "result"
    text_field = "problem"
    choices: list = []
    good = ""
    text_placeholder = ""
    text_required = gettext_lazy("请写明问题。")
    photo_required = gettext_lazy("请拍照上传。")

    occurred_at = forms.DateTimeField(label=gettext_lazy("检查时间"))
    inspector = forms.CharField(label=gettext_lazy("检查人"), max_length=50)

    def __init__(self, *args, assets, now, inspector="", **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        self.initial["inspector"] = inspector
        self.assets = assets
        for asset in assets:
            self.fields[f"result_{asset.pk}"] = forms.ChoiceField(
                label=asset.name,
                choices=[*self.choices, (SKIP, _("本次未检"))],
                widget=forms.RadioSelect,
                initial=self.good,
            )
            self.fields[f"text_{asset.pk}"] = forms.CharField(label=_("情况"), max_length=200, required=False)
            self.fields[f"photo_{asset.pk}"] = forms.FileField(
                label=_("照片"),
                required=False,
                validators=[
                    FileExtensionValidator(PHOTO_EXTENSIONS, _("照片须为 JPG、PNG、WEBP 或 HEIC 文件。"))
                ],
                widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
            )

    def rows(self):
        return [
            (asset, self[f"result_{asset.pk}"], self[f"text_{asset.pk}"], self[f"photo_{asset.pk}"])
            for asset in self.assets
        ]

    def clean(self):
        cleaned = super().clean()
        for asset in self.assets:
            result = cleaned.get(f"result_{asset.pk}")
            if result in (None, SKIP, self.good):
                continue
            if not (cleaned.get(f"text_{asset.pk}") or "").strip():
                self.add_error(f"text_{asset.pk}", str(self.text_required))
            if not cleaned.get(f"photo_{asset.pk}"):
                self.add_error(f"photo_{asset.pk}", str(self.photo_required))
        if self.assets and all(cleaned.get(f"result_{asset.pk}") == SKIP for asset in self.assets):
            raise forms.ValidationError(_("请至少检查一项。"))
        return cleaned

    def results(self):
        """(asset, record fields) of every item looked at (the skipped ones left out)."""
        rows = []
        for asset in self.assets:
            result = self.cleaned_data[f"result_{asset.pk}"]
            if result == SKIP:
                continue
            text = self.cleaned_data[f"text_{asset.pk}"].strip() if result != self.good else ""
            fields = {self.result_field: result, self.text_field: text}
            photo = self.cleaned_data.get(f"photo_{asset.pk}")
            if photo:
                fields["attachment"] = photo
            rows.append((asset, fields))
        return rows


class FireChecksForm(WalkForm):
    """The monthly check of a project's fire equipment: 正常 by default, 故障 with the problem and a photo."""

    choices = CheckResult.choices
    good = CheckResult.OK
    text_placeholder = gettext_lazy("故障时填写：如压力表指针在红区、水带缺失、喷头漏水")
    text_required = gettext_lazy("请写明故障情况。")
    photo_required = gettext_lazy("发现故障时请拍照上传。")


class PassageChecksForm(WalkForm):
    """A check of a project's fire passages: 畅通 by default, 占用 with what blocks it and a photo."""

    result_field = "outcome"
    text_field = "note"
    choices = PassageOutcome.choices
    good = PassageOutcome.CLEAR
    text_placeholder = gettext_lazy("占用时填写：如私家车占用、堆放杂物、锁闭")
    text_required = gettext_lazy("请写明占用情况。")
    photo_required = gettext_lazy("通道被占用时请拍照上传。")


# -- yearly tests ------------------------------------------------------------------------------------------


class TestForm(ClaimedTimeMixin, BootstrapFormMixin, forms.ModelForm):
    """A test or check with its result, what failed, and the report (a PDF or a photo of it)."""

    report_required = True

    class Meta:
        fields = ["occurred_at", "tester", "report_number", "result", "problems", "attachment"]
        widgets = {"result": forms.RadioSelect, "problems": forms.Textarea(attrs={"rows": 2})}
        labels = {"occurred_at": gettext_lazy("检测时间"), "attachment": gettext_lazy("检测报告")}

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_time(now)
        self.fields["result"].choices = TestResult.choices  # no empty choice: one of the two
        self.initial.setdefault("result", TestResult.PASSED)
        if not self.initial["result"]:  # a new record's empty value, not a choice
            self.initial["result"] = TestResult.PASSED
        self.fields["attachment"].required = self.report_required
        self.fields["attachment"].validators.append(
            FileExtensionValidator(REPORT_EXTENSIONS, _("报告须为 PDF、JPG 或 PNG 文件。"))
        )
        self.fields["problems"].widget.attrs["placeholder"] = _("不合格时填写，登记为隐患限期整改")


class FireSystemTestForm(TestForm):
    class Meta(TestForm.Meta):
        model = FireSystemTest
        help_texts = {"tester": gettext_lazy("具有资质的消防技术服务机构")}


class LightningTestForm(TestForm):
    class Meta(TestForm.Meta):
        model = LightningTest
        labels = {**TestForm.Meta.labels, "tester": gettext_lazy("检测单位")}
        help_texts = {"tester": gettext_lazy("具有防雷检测资质的机构")}


class FloodCheckForm(TestForm):
    report_required = False

    class Meta(TestForm.Meta):
        model = FloodCheck
        labels = {
            "occurred_at": gettext_lazy("检查时间"),
            "tester": gettext_lazy("检查人"),
            "attachment": gettext_lazy("照片或记录"),
        }
