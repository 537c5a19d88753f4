"""The estates registry through the API: projects and what belongs to them, contracts and service periods."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet
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
from wuye.estates.serializers import (
    BuildingSerializer,
    CommitteeMemberSerializer,
    DeveloperSerializer,
    HouseholdSerializer,
    OwnersCommitteeSerializer,
    OwnerSerializer,
    ProjectSerializer,
    ServiceContractSerializer,
    ServicePeriodSerializer,
)


class DeveloperViewSet(ScopedViewSet):
    """Developers (建设单位), Party A of a project until an owners' committee exists."""

    serializer_class = DeveloperSerializer
    search_fields = ["name", "credit_code"]
    ordering_fields = ["name"]


class ProjectFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="division", label=_("所在区划（含下级，如 150200）"))
    enterprise = IdFilter(method="served_by", label=_("当前服务企业"))

    class Meta:
        model = Project
        fields = ["division", "enterprise", "kind", "developer"]

    def served_by(self, queryset, name, value):
        serving = ServicePeriod.objects.current().filter(enterprise_id=value).values("project_id")
        return queryset.filter(pk__in=serving)


class ProjectViewSet(ScopedViewSet):
    """Managed estates (项目 / 小区), with the enterprise serving each today."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    search_fields = ["name", "address"]
    ordering_fields = ["name", "division", "floor_area", "household_count"]

    def get_queryset(self):
        current = ServicePeriod.objects.current().select_related("enterprise")
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("service_periods", queryset=current, to_attr="current_periods"))
        )


class ProjectOwnedFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))


class BuildingFilter(ProjectOwnedFilter):
    class Meta:
        model = Building
        fields = ["project", "division", "has_elevator"]


class BuildingViewSet(ScopedViewSet):
    """Buildings (楼栋) of projects."""

    serializer_class = BuildingSerializer
    filterset_class = BuildingFilter
    search_fields = ["name"]
    ordering_fields = ["name"]


class HouseholdFilter(ProjectOwnedFilter):
    class Meta:
        model = Household
        fields = ["project", "building", "division", "unit"]


class HouseholdViewSet(ScopedViewSet):
    """Households (房屋 / 户) with their areas."""

    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter
    search_fields = ["number"]
    ordering_fields = ["number", "area"]


class OwnerFilter(ScopedFilterSet):
    project = IdFilter(field_name="households__project", distinct=True, label=_("项目"))

    class Meta:
        model = Owner
        fields = ["households", "project"]


class OwnerViewSet(ScopedViewSet):
    """Owners (业主) and their households."""

    serializer_class = OwnerSerializer
    filterset_class = OwnerFilter
    search_fields = ["name", "phone"]
    ordering_fields = ["name"]
    prefetch_related = ("households",)


class CommitteeFilter(ProjectOwnedFilter):
    class Meta:
        model = OwnersCommittee
        fields = ["project", "division"]


class OwnersCommitteeViewSet(ScopedViewSet):
    """Owners' committees (业主委员会) with their members."""

    serializer_class = OwnersCommitteeSerializer
    filterset_class = CommitteeFilter
    search_fields = ["name"]
    ordering_fields = ["term_start"]
    prefetch_related = ("members",)


class CommitteeMemberFilter(ScopedFilterSet):
    project = IdFilter(field_name="committee__project", label=_("项目"))

    class Meta:
        model = CommitteeMember
        fields = ["committee", "project", "position"]


class CommitteeMemberViewSet(ScopedViewSet):
    """Members of owners' committees."""

    serializer_class = CommitteeMemberSerializer
    filterset_class = CommitteeMemberFilter
    search_fields = ["name"]
    ordering_fields = ["name", "position"]


class ContractFilter(ProjectOwnedFilter):
    class Meta:
        model = ServiceContract
        fields = ["project", "division", "enterprise", "party_a_kind"]


class ServiceContractViewSet(ScopedViewSet):
    """Property service contracts between Party A (developer or committee) and the enterprise."""

    serializer_class = ServiceContractSerializer
    filterset_class = ContractFilter
    search_fields = ["number"]
    ordering_fields = ["start", "end", "signed_on"]


class ServicePeriodFilter(ProjectOwnedFilter):
    class Meta:
        model = ServicePeriod
        fields = ["project", "division", "enterprise"]


class ServicePeriodViewSet(ScopedViewSet):
    """Service periods: which enterprise actually serves a project, from takeover to exit."""

    serializer_class = ServicePeriodSerializer
    filterset_class = ServicePeriodFilter
    ordering_fields = ["start", "end"]


def register(router):
    router.register("developers", DeveloperViewSet, basename="developer")
    router.register("projects", ProjectViewSet, basename="project")
    router.register("buildings", BuildingViewSet, basename="building")
    router.register("households", HouseholdViewSet, basename="household")
    router.register("owners", OwnerViewSet, basename="owner")
    router.register("committees", OwnersCommitteeViewSet, basename="committee")
    router.register("committee-members", CommitteeMemberViewSet, basename="committee-member")
    router.register("contracts", ServiceContractViewSet, basename="contract")
    router.register("service-periods", ServicePeriodViewSet, basename="service-period")
