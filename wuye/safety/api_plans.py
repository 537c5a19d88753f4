"""API of 3.4 emergency plans, drills, incidents, stoppages; 3.5 archive; 4.5 vehicles; 4.1 signs.

Evidence endpoints list, read and record (``AppendOnlyViewSet``: never changed or deleted); the vehicle
register is kept like the other registries (``ScopedViewSet``: no delete).
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet
from wuye.safety.api import AppendOnlyViewSet, time_range
from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    Drill,
    EmergencyPlan,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)
from wuye.safety.serializers_plans import (
    ArchiveDocumentSerializer,
    ContentReviewSerializer,
    DrillSerializer,
    EmergencyPlanSerializer,
    IncidentSerializer,
    PlanReviewSerializer,
    SignPhotoSerializer,
    StoppageNoticeSerializer,
    VehicleRulesSerializer,
    VehicleSerializer,
)


class ProjectRecordFilter(ScopedFilterSet):
    """A project's records: by project, by division (and below), by the time they claim."""

    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))
    occurred_after, occurred_before = time_range("occurred_at", _("时间不早于"), _("时间早于"))


class EmergencyPlanFilter(ProjectRecordFilter):
    class Meta:
        model = EmergencyPlan
        fields = ["project", "division", "plan_type", "occurred_after", "occurred_before"]


class PlanReviewFilter(ProjectRecordFilter):
    class Meta:
        model = PlanReview
        fields = ["project", "division", "plan", "plan_type", "kind", "occurred_after", "occurred_before"]


class DrillFilter(ProjectRecordFilter):
    class Meta:
        model = Drill
        fields = ["project", "division", "plan_type", "occurred_after", "occurred_before"]


class IncidentFilter(ProjectRecordFilter):
    plan_started = filters.BooleanFilter(
        field_name="plan_started_at", lookup_expr="isnull", exclude=True, label=_("已启动预案")
    )
    latest = filters.BooleanFilter(field_name="corrections", lookup_expr="isnull", label=_("仅最新版本"))

    class Meta:
        model = Incident
        fields = [
            "project",
            "division",
            "plan_type",
            "plan_started",
            "latest",
            "occurred_after",
            "occurred_before",
        ]


class StoppageNoticeFilter(ProjectRecordFilter):
    starts_after, starts_before = time_range("planned_start", _("计划开始不早于"), _("计划开始早于"))

    class Meta:
        model = StoppageNotice
        fields = [
            "project",
            "division",
            "kind",
            "occurred_after",
            "occurred_before",
            "starts_after",
            "starts_before",
        ]


class ArchiveDocumentFilter(ProjectRecordFilter):
    class Meta:
        model = ArchiveDocument
        fields = ["project", "division", "category", "occurred_after", "occurred_before"]


class VehicleRulesFilter(ProjectRecordFilter):
    class Meta:
        model = VehicleRules
        fields = ["project", "division", "occurred_after", "occurred_before"]


class ContentReviewFilter(ProjectRecordFilter):
    class Meta:
        model = ContentReview
        fields = [
            "project",
            "division",
            "vehicle_rules",
            "sign_photo",
            "verdict",
            "occurred_after",
            "occurred_before",
        ]


class EvidenceViewSet(AppendOnlyViewSet):
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class EmergencyPlanViewSet(EvidenceViewSet):
    """Emergency plans (应急预案) as approved; posting one (multipart, with its file) records its approval."""

    serializer_class = EmergencyPlanSerializer
    filterset_class = EmergencyPlanFilter
    search_fields = ["title"]


class PlanReviewViewSet(EvidenceViewSet):
    """Approvals and yearly reviews (复核) of plans; a type is in force a year after its latest."""

    serializer_class = PlanReviewSerializer
    filterset_class = PlanReviewFilter


class DrillViewSet(EvidenceViewSet):
    """Emergency drills (应急演练) with participants and a photo."""

    serializer_class = DrillSerializer
    filterset_class = DrillFilter
    search_fields = ["participants", "summary"]


class IncidentViewSet(EvidenceViewSet):
    """Incidents (突发事件): type, start, end, when the plan was started, what was done."""

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    search_fields = ["description", "actions"]


class StoppageNoticeViewSet(EvidenceViewSet):
    """Notices of planned water or power stoppages (停水停电通知): when and how owners were told."""

    serializer_class = StoppageNoticeSerializer
    filterset_class = StoppageNoticeFilter
    search_fields = ["area", "reason"]
    ordering_fields = ["planned_start", "occurred_at", "recorded_at"]


class ArchiveDocumentViewSet(EvidenceViewSet):
    """Documents of a project's electronic archive (电子档案), by category, with SHA-256 and uploader."""

    serializer_class = ArchiveDocumentSerializer
    filterset_class = ArchiveDocumentFilter
    search_fields = ["title", "note"]


class VehicleRulesViewSet(EvidenceViewSet):
    """Vehicle management rules (车辆管理制度) as issued; current for a year, reviewed by a person."""

    serializer_class = VehicleRulesSerializer
    filterset_class = VehicleRulesFilter
    search_fields = ["title"]


class SignPhotoFilter(ScopedFilterSet):
    project = IdFilter(field_name="entrance__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("拍摄时间不早于"), _("拍摄时间早于"))

    class Meta:
        model = SignPhoto
        fields = ["entrance", "project", "occurred_after", "occurred_before"]


class SignPhotoViewSet(EvidenceViewSet):
    """Yearly photos of each entrance's safety signs (出入口标志照片)."""

    serializer_class = SignPhotoSerializer
    filterset_class = SignPhotoFilter


class ContentReviewViewSet(EvidenceViewSet):
    """Reviews of E-kind evidence by the owners' committee or a regulator (内容审阅)."""

    serializer_class = ContentReviewSerializer
    filterset_class = ContentReviewFilter


class VehicleFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = Vehicle
        fields = ["project", "household", "division", "kind", "active"]


class VehicleViewSet(ScopedViewSet):
    """Vehicles registered to households (登记车辆): plates validated; kept with history, never deleted."""

    serializer_class = VehicleSerializer
    filterset_class = VehicleFilter
    search_fields = ["plate", "description", "household__number"]
    ordering_fields = ["plate", "kind"]
    select_related = ("household",)


def register(router):
    router.register("emergency-plans", EmergencyPlanViewSet, basename="emergency-plan")
    router.register("plan-reviews", PlanReviewViewSet, basename="plan-review")
    router.register("drills", DrillViewSet, basename="drill")
    router.register("incidents", IncidentViewSet, basename="incident")
    router.register("stoppage-notices", StoppageNoticeViewSet, basename="stoppage-notice")
    router.register("archive-documents", ArchiveDocumentViewSet, basename="archive-document")
    router.register("vehicle-rules", VehicleRulesViewSet, basename="vehicle-rules")
    router.register("sign-photos", SignPhotoViewSet, basename="sign-photo")
    router.register("content-reviews", ContentReviewViewSet, basename="content-review")
    router.register("vehicles", VehicleViewSet, basename="vehicle")
