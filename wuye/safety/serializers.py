"""API representation of the safety duties; rounds are created only through ``record_power_round``."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.compliance.roster_serializers import RosterShiftSerializer
from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.safety.actions import add_shifts, record_camera_checks, record_check_in, record_power_round
from wuye.safety.choices import SupplyState
from wuye.safety.models import (
    Camera,
    CameraCheck,
    Defect,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
    PowerRoom,
    PowerRound,
)
from wuye.safety.stickers import StickerError, read_token

# What the server stamps on evidence: shown, never taken from the client.
EVIDENCE_STAMPS = [
    "recorded_at",
    "recorded_by",
    "channel",
    "backfilled",
    "attachment_sha256",
    "chain",
    "chain_seq",
    "prev_hash",
    "hash",
]


class PowerRoomSerializer(ScopedModelSerializer):
    supplies = serializers.ListField(
        child=serializers.CharField(max_length=60), help_text=_("供电回路名称，如 1#变压器、备用发电机")
    )

    class Meta:
        model = PowerRoom
        fields = ["id", "project", "name", "location", "supplies", "in_service_from", "active"]


class PowerRoundSerializer(ScopedModelSerializer):
    supply_states = serializers.DictField(child=serializers.ChoiceField(choices=SupplyState.choices))

    class Meta:
        model = PowerRound
        fields = [
            "id",
            "power_room",
            "occurred_at",
            "inspector",
            "supply_states",
            "voltage",
            "current",
            "temperature",
            "problems",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS

    def validate(self, attrs):
        # The record is validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        power_round = self._validated_instance
        return self.call_action(lambda: record_power_round(user, power_round, channel=Channel.API))


class DefectSerializer(ScopedModelSerializer):
    class Meta:
        model = Defect
        fields = [
            "id",
            "project",
            "check_id",
            "source",
            "subject_name",
            "description",
            "found_at",
            "deadline",
            "fixed_at",
        ]
        read_only_fields = fields


# -- clause 4.1 ----------------------------------------------------------------------------------------


class EntranceSerializer(ScopedModelSerializer):
    class Meta:
        model = Entrance
        fields = ["id", "project", "name", "location", "in_service_from", "active"]


class DutyShiftSerializer(RosterShiftSerializer):
    """A shift of an entrance's roster; only shifts that have not ended can be added (``add_shifts``)."""

    subject_field = "entrance"
    person_field = "guard"
    add_shifts = staticmethod(add_shifts)

    class Meta:
        model = DutyShift
        fields = ["id", "entrance", "guard", "starts_at", "ends_at", "repeat_days"]


class PatrolRouteSerializer(ScopedModelSerializer):
    class Meta:
        model = PatrolRoute
        fields = ["id", "project", "name", "in_service_from", "active"]


class PatrolPointSerializer(ScopedModelSerializer):
    class Meta:
        model = PatrolPoint
        fields = ["id", "route", "name", "order", "latitude", "longitude", "key_version", "active"]
        read_only_fields = ["key_version"]


class PatrolRoundSerializer(ScopedModelSerializer):
    class Meta:
        model = PatrolRound
        fields = ["id", "route", "occurred_at", "completed_at", "points_total", "points_done", "backfilled"]
        read_only_fields = fields


class PatrolCheckInSerializer(ScopedModelSerializer):
    """A check-in by a sticker's token. The server's clock gives its time: a time sent is refused."""

    token = serializers.CharField(write_only=True, help_text=_("巡更点二维码中的签名令牌"))

    class Meta:
        model = PatrolCheckIn
        fields = [
            "id",
            "token",
            "point",
            "patrol_round",
            "occurred_at",
            "key_version",
            "latitude",
            "longitude",
            "accuracy",
            "distance",
            "far_from_point",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = [
            "point",
            "patrol_round",
            "occurred_at",
            "key_version",
            "distance",
            "far_from_point",
            *EVIDENCE_STAMPS,
        ]
        extra_kwargs = {
            "latitude": {"min_value": -90, "max_value": 90},
            "longitude": {"min_value": -180, "max_value": 180},
        }

    def to_internal_value(self, data):
        sent = [name for name in ("occurred_at", "recorded_at") if name in data]
        if sent:
            raise serializers.ValidationError(
                {name: [_("签到时间由服务器记录，不接受客户端提交的时间。")] for name in sent}
            )
        return super().to_internal_value(data)

    def validate(self, attrs):
        try:
            token = read_token(attrs["token"])
        except StickerError as error:
            raise serializers.ValidationError({"token": [error.message]}) from None
        user = self.context["request"].user
        point = (
            PatrolPoint.objects.visible_to(user)
            .select_related("route__project")
            .filter(pk=token.point_id)
            .first()
        )
        if point is None:
            raise serializers.ValidationError({"token": [_("找不到这个巡更点，或您无权查看它所在的项目。")]})
        if (attrs.get("latitude") is None) != (attrs.get("longitude") is None):
            raise serializers.ValidationError({"longitude": [_("经纬度要么都填，要么都不填。")]})
        attrs["point"], attrs["key_version"] = point, token.key_version
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user

        def check_in():
            try:
                return record_check_in(
                    user,
                    validated_data["point"],
                    key_version=validated_data["key_version"],
                    latitude=validated_data.get("latitude"),
                    longitude=validated_data.get("longitude"),
                    accuracy=validated_data.get("accuracy"),
                    channel=Channel.API,
                )
            except StickerError as error:
                raise DjangoValidationError({"token": [error.message]}) from None

        return self.call_action(check_in)


class CameraSerializer(ScopedModelSerializer):
    class Meta:
        model = Camera
        fields = ["id", "project", "name", "location", "in_service_from", "active"]


class CameraCheckSerializer(ScopedModelSerializer):
    class Meta:
        model = CameraCheck
        fields = ["id", "camera", "occurred_at", "working", "note", "corrects", *EVIDENCE_STAMPS]
        read_only_fields = EVIDENCE_STAMPS

    def validate(self, attrs):
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        check = self._validated_instance
        camera = check.camera
        results = {camera: (check.working, check.note)}
        checks = self.call_action(
            lambda: record_camera_checks(
                user, camera.project, results, channel=Channel.API, occurred_at=check.occurred_at
            )
        )
        return checks[0]
