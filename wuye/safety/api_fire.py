"""API of 4.3 fire equipment and passages; 4.4 lightning and flood protection.

Registers are kept like the power rooms (written where the project is written, never deleted); the checks
and tests are evidence: listed, read and added, never changed or deleted. A record that finds a problem
opens a defect (``/api/defects/``), fixed on the defect's page.
"""

from django.utils.translation import gettext_lazy as _

from wuye.core.api import ScopedViewSet
from wuye.core.filters import IdFilter, ScopedFilterSet
from wuye.safety.api import AppendOnlyViewSet, ProjectRegistryFilter, time_range
from wuye.safety.models import (
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.serializers_fire import (
    FireEquipmentCheckSerializer,
    FireEquipmentSerializer,
    FirePassageCheckSerializer,
    FirePassageSerializer,
    FireSystemTestSerializer,
    FloodCheckSerializer,
    FloodProtectionSerializer,
    LightningProtectionSerializer,
    LightningTestSerializer,
)

# -- registers -----------------------------------------------------------------------------------------


class FireEquipmentFilter(ProjectRegistryFilter):
    class Meta:
        model = FireEquipment
        fields = ["project", "division", "kind", "extinguisher_type", "active"]


class FireEquipmentViewSet(ScopedViewSet):
    """Fire equipment (消防设施) of projects: extinguishers with type, production date and count, hydrants,
    systems, fire doors, the fire control room (``kind=control_room``)."""

    serializer_class = FireEquipmentSerializer
    filterset_class = FireEquipmentFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "kind", "production_date", "in_service_from"]


class FirePassageFilter(ProjectRegistryFilter):
    class Meta:
        model = FirePassage
        fields = ["project", "division", "active"]


class FirePassageViewSet(ScopedViewSet):
    """Fire passages (消防通道) of projects, to be kept clear."""

    serializer_class = FirePassageSerializer
    filterset_class = FirePassageFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]


class LightningFilter(ProjectRegistryFilter):
    class Meta:
        model = LightningProtection
        fields = ["project", "division", "kind", "hazardous", "active"]


class LightningProtectionViewSet(ScopedViewSet):
    """Lightning protection (防雷装置): tested every year, every six months where ``hazardous``."""

    serializer_class = LightningProtectionSerializer
    filterset_class = LightningFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]


class FloodFilter(ProjectRegistryFilter):
    class Meta:
        model = FloodProtection
        fields = ["project", "division", "kind", "active"]


class FloodProtectionViewSet(ScopedViewSet):
    """Flood protection equipment (防涝器材), checked every year."""

    serializer_class = FloodProtectionSerializer
    filterset_class = FloodFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]


# -- records -------------------------------------------------------------------------------------------


class FireEquipmentCheckFilter(ScopedFilterSet):
    project = IdFilter(field_name="equipment__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("检查时间不早于"), _("检查时间早于"))

    class Meta:
        model = FireEquipmentCheck
        fields = ["equipment", "project", "result", "occurred_after", "occurred_before"]


class FireEquipmentCheckViewSet(AppendOnlyViewSet):
    """Monthly checks of fire equipment (消防设施月检): evidence; ``faulty`` needs ``problem`` and a photo
    (``attachment``, multipart) and opens a defect to be repaired within 7 days."""

    serializer_class = FireEquipmentCheckSerializer
    filterset_class = FireEquipmentCheckFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class FireSystemTestFilter(ScopedFilterSet):
    project = IdFilter(field_name="equipment__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("检测时间不早于"), _("检测时间早于"))

    class Meta:
        model = FireSystemTest
        fields = ["equipment", "project", "result", "backfilled", "occurred_after", "occurred_before"]


class FireSystemTestViewSet(AppendOnlyViewSet):
    """Yearly full tests of fire systems (消防系统年度检测) with their report (``attachment``, required)."""

    serializer_class = FireSystemTestSerializer
    filterset_class = FireSystemTestFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class FirePassageCheckFilter(ScopedFilterSet):
    project = IdFilter(field_name="passage__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("检查时间不早于"), _("检查时间早于"))

    class Meta:
        model = FirePassageCheck
        fields = ["passage", "project", "outcome", "occurred_after", "occurred_before"]


class FirePassageCheckViewSet(AppendOnlyViewSet):
    """Fire passage checks (消防通道检查): ``blocked`` needs ``note`` and a photo and opens a defect to be
    cleared within 24 hours."""

    serializer_class = FirePassageCheckSerializer
    filterset_class = FirePassageCheckFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class ProtectionTestFilter(ScopedFilterSet):
    project = IdFilter(field_name="protection__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("检测时间不早于"), _("检测时间早于"))


class LightningTestFilter(ProtectionTestFilter):
    class Meta:
        model = LightningTest
        fields = ["protection", "project", "result", "backfilled", "occurred_after", "occurred_before"]


class LightningTestViewSet(AppendOnlyViewSet):
    """Lightning protection tests (防雷检测) by a qualified body, with the report; a failed one opens a defect."""

    serializer_class = LightningTestSerializer
    filterset_class = LightningTestFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class FloodCheckFilter(ProtectionTestFilter):
    class Meta:
        model = FloodCheck
        fields = ["protection", "project", "result", "backfilled", "occurred_after", "occurred_before"]


class FloodCheckViewSet(AppendOnlyViewSet):
    """Yearly checks of flood protection equipment (防涝检查); a failed one opens a defect."""

    serializer_class = FloodCheckSerializer
    filterset_class = FloodCheckFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


def register(router):
    router.register("fire-equipment", FireEquipmentViewSet, basename="fire-equipment")
    router.register("fire-equipment-checks", FireEquipmentCheckViewSet, basename="fire-equipment-check")
    router.register("fire-system-tests", FireSystemTestViewSet, basename="fire-system-test")
    router.register("fire-passages", FirePassageViewSet, basename="fire-passage")
    router.register("fire-passage-checks", FirePassageCheckViewSet, basename="fire-passage-check")
    router.register("lightning-protection", LightningProtectionViewSet, basename="lightning-protection")
    router.register("lightning-tests", LightningTestViewSet, basename="lightning-test")
    router.register("flood-protection", FloodProtectionViewSet, basename="flood-protection")
    router.register("flood-checks", FloodCheckViewSet, basename="flood-check")
