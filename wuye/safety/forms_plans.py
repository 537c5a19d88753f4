"""Forms of clauses 3.4, 3.5, 4.5 and the entrance signs: phone-sized record forms with a file or photo,
the vehicle register, the filters of the lists, and the review of E-kind evidence."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin
from wuye.estates.models import Building
from wuye.safety.choices_plans import ArchiveCategory, PlanType, ReviewVerdict, StoppageKind, VehicleKind
from wuye.safety.forms import MINUTE_FORMAT, ClaimedTimeMixin
from wuye.safety.models import (
    ArchiveDocument,
    Drill,
    EmergencyPlan,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)


def moment_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT)


def file_input(photo: bool):
    """A file picker; for a photo the phone offers its camera first."""
    attrs = (
        {"accept": "image/*", "capture": "environment"} if photo else {"accept": ".pdf,.doc,.docx,image/*"}
    )
    return forms.FileInput(attrs=attrs)


class EvidenceForm(ClaimedTimeMixin, BootstrapFormMixin, forms.ModelForm):
    """A record form: ``occurred_at`` from the server's clock (movable back, not ahead), a file field."""

    photo = False

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        if "occurred_at" in self.fields:
            self.set_up_time(now)
        else:
            self.now = now
        if "attachment" in self.fields:
            self.fields["attachment"].widget = file_input(self.photo)
            self.fields["attachment"].widget.attrs["class"] = "form-control"


class EmergencyPlanForm(EvidenceForm):
    class Meta:
        model = EmergencyPlan
        fields = ["plan_type", "type_name", "title", "approved_by", "occurred_at", "attachment"]
        labels = {"occurred_at": _("批准时间"), "attachment": _("预案文件")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].required = True


class PlanReviewForm(EvidenceForm):
    class Meta:
        model = PlanReview
        fields = ["occurred_at", "reviewer", "conclusion", "attachment"]
        labels = {"occurred_at": _("复核时间"), "attachment": _("修订后的预案或复核记录（选填）")}
        widgets = {"conclusion": forms.Textarea(attrs={"rows": 2})}


class DrillForm(EvidenceForm):
    photo = True

    class Meta:
        model = Drill
        fields = [
            "plan_type",
            "type_name",
            "occurred_at",
            "participant_count",
            "participants",
            "summary",
            "attachment",
        ]
        labels = {"occurred_at": _("演练时间"), "attachment": _("现场照片")}
        widgets = {
            "participants": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "participant_count": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].required = True


class IncidentForm(EvidenceForm):
    photo = True

    class Meta:
        model = Incident
        fields = [
            "plan_type",
            "type_name",
            "occurred_at",
            "plan_started_at",
            "ended_at",
            "description",
            "actions",
            "attachment",
        ]
        labels = {"occurred_at": _("发生时间"), "attachment": _("现场照片（选填）")}
        widgets = {
            "plan_started_at": moment_input(),
            "ended_at": moment_input(),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }


class StoppageNoticeForm(EvidenceForm):
    photo = True

    class Meta:
        model = StoppageNotice
        fields = [
            "kind",
            "planned_start",
            "planned_end",
            "occurred_at",
            "method",
            "area",
            "reason",
            "attachment",
        ]
        labels = {"occurred_at": _("通知业主时间"), "attachment": _("通知照片或文件")}
        widgets = {"planned_start": moment_input(), "planned_end": moment_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].required = True


class ArchiveDocumentForm(EvidenceForm):
    class Meta:
        model = ArchiveDocument
        fields = ["category", "title", "document_date", "note", "attachment"]
        labels = {"attachment": _("文件")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].required = True
        self.fields["attachment"].widget.attrs["accept"] = ".pdf,.doc,.docx,.xls,.xlsx,.dwg,.zip,image/*"


class VehicleRulesForm(EvidenceForm):
    class Meta:
        model = VehicleRules
        fields = ["title", "responsible", "occurred_at", "attachment"]
        labels = {"occurred_at": _("发布时间"), "attachment": _("制度文件")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].required = True


class SignPhotoForm(EvidenceForm):
    photo = True

    class Meta:
        model = SignPhoto
        fields = ["attachment", "note", "occurred_at"]
        labels = {"occurred_at": _("拍摄时间"), "attachment": _("标志照片")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].required = True


class ContentReviewForm(BootstrapFormMixin, forms.Form):
    verdict = forms.ChoiceField(label=_("审阅结论"), choices=ReviewVerdict.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("审阅意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("verdict") == ReviewVerdict.REJECTED and not cleaned.get("note", "").strip():
            self.add_error("note", _("不认可时请写明理由。"))
        return cleaned


# -- the vehicle register --------------------------------------------------------------------------------


class VehicleForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Vehicle
        fields = ["household", "kind", "plate", "description", "active"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        households = self.fields["household"].queryset.filter(project=project).select_related("building")
        self.fields["household"].queryset = households


# -- list filters (django-filter FilterSets: the Excel export of a later issue reuses them) -------------


class TimeRangeFilterSet(BootstrapFilterMixin, django_filters.FilterSet):
    after = django_filters.DateFilter(
        field_name="occurred_at",
        lookup_expr="date__gte",
        label=_("起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    before = django_filters.DateFilter(
        field_name="occurred_at",
        lookup_expr="date__lte",
        label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class DrillFilter(TimeRangeFilterSet):
    q = django_filters.CharFilter(label=_("人员或内容"), method="search")
    plan_type = django_filters.ChoiceFilter(
        label=_("演练类型"), choices=PlanType.choices, empty_label=_("全部")
    )

    class Meta:
        model = Drill
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(participants__icontains=value) | Q(summary__icontains=value))


class IncidentFilter(TimeRangeFilterSet):
    q = django_filters.CharFilter(label=_("事件或措施"), method="search")
    plan_type = django_filters.ChoiceFilter(
        label=_("事件类型"), choices=PlanType.choices, empty_label=_("全部")
    )
    plan_started = django_filters.BooleanFilter(
        label=_("已启动预案"),
        field_name="plan_started_at",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )

    class Meta:
        model = Incident
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(description__icontains=value) | Q(actions__icontains=value))


class StoppageFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("范围或原因"), method="search")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=StoppageKind.choices, empty_label=_("全部"))
    after = django_filters.DateFilter(
        field_name="planned_start",
        lookup_expr="date__gte",
        label=_("起始日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    before = django_filters.DateFilter(
        field_name="planned_start",
        lookup_expr="date__lte",
        label=_("截止日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = StoppageNotice
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(area__icontains=value) | Q(reason__icontains=value))


class ArchiveFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("文件名称"), method="search")
    category = django_filters.ChoiceFilter(
        label=_("档案类别"), choices=ArchiveCategory.choices, empty_label=_("全部")
    )

    class Meta:
        model = ArchiveDocument
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(note__icontains=value))


def project_buildings(request):
    project = getattr(request, "wuye_project", None)
    if project is None:
        return Building.objects.none()
    return Building.objects.visible_to(request.user).filter(project=project)


class VehicleFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("号牌或房号"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("车辆类别"), choices=VehicleKind.choices, empty_label=_("全部")
    )
    building = django_filters.ModelChoiceFilter(
        label=_("楼栋"), field_name="household__building", queryset=project_buildings, empty_label=_("全部")
    )
    active = django_filters.BooleanFilter(
        label=_("在用"), widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))])
    )

    class Meta:
        model = Vehicle
        fields = []

    def search(self, queryset, name, value):
        value = value.strip().upper().replace("·", "")
        return queryset.filter(Q(plate__icontains=value) | Q(household__number__icontains=value))
