"""The enterprise registry through the API: enterprises, licences, staff and what belongs to staff."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, ExpiredFilter, IdFilter, ScopedFilterSet
from wuye.enterprises import api_people
from wuye.enterprises.actions import reveal_id_number
from wuye.enterprises.models import Certificate, Employment, Enterprise, Licence, Post, Staff
from wuye.enterprises.serializers import (
    CertificateSerializer,
    EmploymentSerializer,
    EnterpriseSerializer,
    IdNumberSerializer,
    LicenceSerializer,
    PostSerializer,
    StaffSerializer,
)


class EnterpriseFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="division", label=_("登记地（含下级，如 150200）"))

    class Meta:
        model = Enterprise
        fields = ["division"]


class EnterpriseViewSet(ScopedViewSet):
    """Property service enterprises (Party B). The registered division follows from the credit code."""

    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    search_fields = ["name", "credit_code"]
    ordering_fields = ["name", "credit_code", "division"]
    select_related = ("division__parent",)


class LicenceFilter(ScopedFilterSet):
    expired = ExpiredFilter(field_name="valid_to")

    class Meta:
        model = Licence
        fields = ["enterprise", "kind", "expired"]


class LicenceViewSet(ScopedViewSet):
    """Licences and qualification certificates of enterprises (clause 1.1)."""

    serializer_class = LicenceSerializer
    filterset_class = LicenceFilter
    search_fields = ["number", "issuer", "enterprise__name"]
    ordering_fields = ["valid_from", "valid_to", "kind"]


class StaffFilter(ScopedFilterSet):
    project = IdFilter(field_name="posts__project", distinct=True, label=_("任职项目"))

    class Meta:
        model = Staff
        fields = ["enterprise", "project"]


class StaffViewSet(ScopedViewSet):
    """Employees. The citizen ID number is written here, shown masked, and revealed only by reveal-id."""

    serializer_class = StaffSerializer
    filterset_class = StaffFilter
    search_fields = ["name", "phone"]
    ordering_fields = ["name"]

    @extend_schema(request=None, responses=IdNumberSerializer)
    @action(detail=True, methods=["post"], url_path="reveal-id")
    def reveal_id(self, request, pk=None):
        """The full citizen ID number, for the roles that need it; each time is logged (PIPL)."""
        staff = self.get_object()
        number = reveal_id_number(request.user, staff, channel="api", ip=request.META.get("REMOTE_ADDR"))
        return Response(IdNumberSerializer({"id_number": number}).data)


class CertificateFilter(ScopedFilterSet):
    enterprise = IdFilter(field_name="staff__enterprise", label=_("企业"))
    expired = ExpiredFilter(field_name="valid_to")

    class Meta:
        model = Certificate
        fields = ["staff", "enterprise", "kind", "number", "expired"]


class CertificateViewSet(ScopedViewSet):
    """Certificates held by employees (clause 1.3)."""

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    search_fields = ["number", "staff__name"]
    ordering_fields = ["valid_from", "valid_to", "kind"]


class EmploymentFilter(ScopedFilterSet):
    enterprise = IdFilter(field_name="staff__enterprise", label=_("企业"))

    class Meta:
        model = Employment
        fields = ["staff", "enterprise", "status"]


class EmploymentViewSet(ScopedViewSet):
    """Employments with their labour contracts (clause 1.4); for the employer and the regulator only."""

    serializer_class = EmploymentSerializer
    filterset_class = EmploymentFilter
    ordering_fields = ["start_date", "contract_end"]


class PostFilter(ScopedFilterSet):
    enterprise = IdFilter(field_name="staff__enterprise", label=_("企业"))

    class Meta:
        model = Post
        fields = ["staff", "enterprise", "project", "kind"]


class PostViewSet(ScopedViewSet):
    """Posts of employees at projects (项目经理, 电工, ...)."""

    serializer_class = PostSerializer
    filterset_class = PostFilter
    search_fields = ["staff__name", "project__name"]
    ordering_fields = ["start", "kind"]
    select_related = ("staff", "project")


def register(router):
    router.register("enterprises", EnterpriseViewSet, basename="enterprise")
    router.register("licences", LicenceViewSet, basename="licence")
    router.register("staff", StaffViewSet, basename="staff")
    router.register("certificates", CertificateViewSet, basename="certificate")
    router.register("employments", EmploymentViewSet, basename="employment")
    router.register("posts", PostViewSet, basename="post")
    api_people.register(router)
