"""Forms of the estate registry: ModelForms limited to the user's scope, Bootstrap-rendered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.views import ScopedModelForm
from wuye.core.web_forms import BootstrapFormMixin, ScanUploadMixin
from wuye.estates.models import (
    Building,
    CommitteeMember,
    Household,
    Owner,
    OwnersCommittee,
    Project,
    ServiceContract,
    ServicePeriod,
)
from wuye.regions.forms import division_choices


class ProjectForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "address", "division", "kind", "floor_area", "household_count", "developer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Full names, grouped by league/city; the region itself is not a place for a project.
        self.fields["division"].choices = [("", _("请选择")), *division_choices()]


class BuildingForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Building
        fields = ["name", "floors", "has_elevator"]


class HouseholdForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["building", "unit", "number", "area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A household moves only between buildings of its own project.
        self.fields["building"].queryset = self.fields["building"].queryset.filter(
            project_id=self.instance.project_id
        )

    def clean(self):
        cleaned = super().clean()
        building = cleaned.get("building")
        if building is not None:
            self.instance.project_id = building.project_id
        return cleaned


class OwnerForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    """Households to pick come from one project; households the user cannot see are kept as they were."""

    class Meta:
        model = Owner
        fields = ["name", "phone", "households"]

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["households"]
        queryset = field.queryset.select_related("building")
        if project is not None:
            queryset = queryset.filter(project=project)
        elif self.instance.pk:
            queryset = queryset.filter(project__in=self.instance.households.values("project_id"))
        field.queryset = queryset
        field.widget.attrs["size"] = 8

    def save_m2m_after(self):
        shown = self.fields["households"].queryset.values("pk")
        hidden = list(self.instance.households.exclude(pk__in=shown)) if self.instance.pk else []
        self.instance.households.set([*self.cleaned_data["households"], *hidden])


class OwnersCommitteeForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = OwnersCommittee
        fields = ["name", "term_start", "term_end", "filed_on"]


class CommitteeMemberForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["name", "position", "owner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project_id = self.instance.committee.project_id
        self.fields["owner"].queryset = (
            self.fields["owner"]
            .queryset.filter(households__project_id=project_id)
            .distinct()
            .order_by("name")
        )


class ServiceContractForm(ScanUploadMixin, BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = ServiceContract
        fields = [
            "party_a_kind",
            "developer",
            "committee",
            "enterprise",
            "number",
            "signed_on",
            "start",
            "end",
            "scan",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = self.fields["committee"].queryset.filter(
            project_id=self.instance.project_id
        )
        self.fields["enterprise"].queryset = self.fields["enterprise"].queryset.order_by("name")
        if self.instance.pk is None and self.instance.project.developer_id and not self.is_bound:
            # A new contract's Party A is most often the project's own developer.
            self.initial["developer"] = self.instance.project.developer_id


class ServicePeriodForm(BootstrapFormMixin, ScopedModelForm, forms.ModelForm):
    class Meta:
        model = ServicePeriod
        fields = ["enterprise", "start", "end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = self.fields["enterprise"].queryset.order_by("name")
