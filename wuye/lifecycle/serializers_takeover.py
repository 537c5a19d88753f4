"""API shapes of the takeover workflow: records are written through ``actions_takeover`` (the same rules
and refusals as the pages), never directly; a status moves only through the ``move`` action."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer, ScopedRelatedField
from wuye.core.evidence import Channel
from wuye.core.scoping import scope_of
from wuye.estates.models import ServiceContract
from wuye.lifecycle import actions_takeover as actions
from wuye.lifecycle.choices_takeover import TakeoverStatus
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverProblem


class OwnContractField(serializers.PrimaryKeyRelatedField):
    """A contract of the user's own enterprise (it may not serve the project yet, so cannot see it)."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return ServiceContract.objects.none()
        scope = scope_of(request.user)
        if scope.everything:
            return ServiceContract.objects.all()
        return ServiceContract.objects.filter(enterprise_id__in=scope.enterprise_ids)


class TakeoverSerializer(serializers.ModelSerializer):
    contract = OwnContractField()

    class Meta:
        model = Takeover
        fields = [
            "id",
            "project",
            "enterprise",
            "contract",
            "service_period",
            "status",
            "taken_over_on",
            "buyers_handover_on",
            "inspection_started_on",
            "inspection_finished_on",
            "agreement_signed_on",
            "filed_on",
            "filing_number",
        ]
        read_only_fields = ["project", "enterprise", "service_period"]

    def create(self, validated_data):
        contract = validated_data["contract"]
        takeover = Takeover(
            project_id=contract.project_id, enterprise_id=contract.enterprise_id, **validated_data
        )
        user = self.context["request"].user
        return ScopedModelSerializer.call_action(lambda: actions.register_takeover(user, takeover))


class TakeoverMoveSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(label=_("新状态"), choices=TakeoverStatus.choices)
    day = serializers.DateField(label=_("日期"), required=False, allow_null=True)
    finished_on = serializers.DateField(label=_("查验完成日期"), required=False, allow_null=True)
    agreement_file = serializers.FileField(label=_("查验协议扫描件"), required=False, allow_null=True)
    filing_number = serializers.CharField(
        label=_("备案编号"), required=False, allow_blank=True, max_length=60
    )
    note = serializers.CharField(label=_("说明"), required=False, allow_blank=True, max_length=200)


def move(user, takeover, data):
    return ScopedModelSerializer.call_action(
        lambda: actions.move_takeover(
            user,
            takeover,
            data["to_status"],
            day=data.get("day"),
            finished_on=data.get("finished_on"),
            agreement_file=data.get("agreement_file"),
            filing_number=data.get("filing_number", ""),
            note=data.get("note", ""),
            channel=Channel.API,
        )
    )


class ActionSerializer(serializers.ModelSerializer):
    """A takeover's record saved by its action: the model's validation, the action's permission."""

    serializer_related_field = ScopedRelatedField
    save_action = None

    def get_validators(self):
        return []

    def validate(self, attrs):
        if self.instance is not None and "takeover" in attrs and attrs["takeover"] != self.instance.takeover:
            raise serializers.ValidationError({"takeover": _("不能更改所属的接管。")})
        return attrs

    def _save(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        user = self.context["request"].user
        return ScopedModelSerializer.call_action(lambda: type(self).save_action(user, instance))

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class InspectionItemSerializer(ActionSerializer):
    save_action = actions.save_item

    class Meta:
        model = InspectionItem
        fields = ["id", "takeover", "area", "item", "result", "problem", "photo", "inspected_on"]


class DocumentHandoverSerializer(ActionSerializer):
    save_action = actions.save_handover

    class Meta:
        model = DocumentHandover
        fields = [
            "id",
            "takeover",
            "category",
            "handed_over_on",
            "handed_by",
            "received_by",
            "note",
            "document",
        ]


class TakeoverProblemSerializer(ActionSerializer):
    save_action = actions.save_problem

    class Meta:
        model = TakeoverProblem
        fields = ["id", "takeover", "item", "description", "fixer", "found_on", "due_on", "fixed_on"]
