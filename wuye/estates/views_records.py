"""Pages of a project's records: buildings and households, owners, committees, contracts, periods."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedUpdateView
from wuye.core.web import ChildUpdateMixin, FormPageMixin, ParentMixin
from wuye.core.web_history import history_rows
from wuye.estates.forms import (
    BuildingForm,
    CommitteeMemberForm,
    HouseholdForm,
    OwnerForm,
    OwnersCommitteeForm,
    ServiceContractForm,
    ServicePeriodForm,
)
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


def project_writable(user, project) -> bool:
    """Every record of a project (ProjectOwned, owners, committee members) is written where the project is."""
    return Project.objects.writable_by(user).filter(pk=project.pk).exists()


class UnderProject(FormPageMixin, ParentMixin):
    parent_model = Project
    parent_field = "project"


class OfProject(FormPageMixin, ChildUpdateMixin):
    parent_attr = "project"


# Buildings and households


class BuildingDetailView(ScopedDetailView):
    model = Building
    template_name = "estates/building_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["households"] = (
            Household.objects.visible_to(user)
            .filter(building=self.object)
            .select_related("building")
            .prefetch_related(Prefetch("owners", Owner.objects.visible_to(user)))
        )
        context["history"] = history_rows(self.object)
        return context


class BuildingCreateView(UnderProject, ScopedCreateView):
    model = Building
    form_class = BuildingForm
    title = _("登记楼栋")


class BuildingUpdateView(OfProject, ScopedUpdateView):
    model = Building
    form_class = BuildingForm
    title = _("修改楼栋")


class HouseholdCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = Household
    form_class = HouseholdForm
    parent_model = Building
    parent_field = "building"
    parent_url_name = "building-detail"
    title = _("登记房屋")

    def add_allowed(self):
        return project_writable(self.request.user, self.parent.project)

    def new_instance(self):
        return Household(building=self.parent, project_id=self.parent.project_id)


class HouseholdUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = Household
    form_class = HouseholdForm
    parent_attr = "building"
    parent_url_name = "building-detail"
    title = _("修改房屋")


# Owners


class OwnerCreateView(UnderProject, ScopedCreateView):
    model = Owner
    form_class = OwnerForm
    title = _("登记业主")

    def add_allowed(self):
        return project_writable(self.request.user, self.parent)

    def new_instance(self):
        return Owner()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["project"] = self.parent
        return kwargs


class OwnerUpdateView(FormPageMixin, ScopedUpdateView):
    model = Owner
    form_class = OwnerForm
    title = _("修改业主信息")

    def get_success_url(self):
        household = self.object.households.select_related("building").first()
        if household is not None:
            return reverse("building-detail", args=[household.building_id])
        return reverse("home")


# Owners' committees and their members


class CommitteeCreateView(UnderProject, ScopedCreateView):
    model = OwnersCommittee
    form_class = OwnersCommitteeForm
    title = _("登记业主委员会")


class CommitteeUpdateView(OfProject, ScopedUpdateView):
    model = OwnersCommittee
    form_class = OwnersCommitteeForm
    title = _("修改业主委员会")


class CommitteeMemberCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = CommitteeMember
    form_class = CommitteeMemberForm
    parent_model = OwnersCommittee
    parent_field = "committee"
    title = _("添加委员")

    def get_parent_url(self):
        return self.parent.project.get_absolute_url()


class CommitteeMemberUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = CommitteeMember
    form_class = CommitteeMemberForm
    parent_attr = "committee"
    title = _("修改委员")

    def get_queryset(self):
        return super().get_queryset().select_related("committee__project")

    def get_parent_url(self):
        return self.parent.project.get_absolute_url()


# Service contracts and service periods


class ContractCreateView(UnderProject, ScopedCreateView):
    model = ServiceContract
    form_class = ServiceContractForm
    title = _("登记物业服务合同")


class ContractUpdateView(OfProject, ScopedUpdateView):
    model = ServiceContract
    form_class = ServiceContractForm
    title = _("修改物业服务合同")


class ServicePeriodCreateView(UnderProject, ScopedCreateView):
    model = ServicePeriod
    form_class = ServicePeriodForm
    title = _("登记服务期")


class ServicePeriodUpdateView(OfProject, ScopedUpdateView):
    model = ServicePeriod
    form_class = ServicePeriodForm
    title = _("修改服务期")
