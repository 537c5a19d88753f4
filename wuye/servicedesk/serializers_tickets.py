"""API representation of tickets: filed through ``file_ticket``, moved only through the pipeline's actions.

Contacts are private: a committee member (or anyone not handling, overseeing or owning the ticket) sees
the contact's name and phone masked.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer, ScopedRelatedField
from wuye.core.evidence import Channel
from wuye.estates.models import Household
from wuye.servicedesk.actions_tickets import file_ticket
from wuye.servicedesk.choices_tickets import Rating, TicketStatus
from wuye.servicedesk.deadlines_tickets import ticket_clock
from wuye.servicedesk.models import Appointment, FollowUp, Ticket, TicketEvent
from wuye.servicedesk.photos import validate_photo
from wuye.servicedesk.privacy_tickets import mask_name, mask_phone, sees_contacts

TIMES = [
    "recorded_at",
    "status",
    "handler",
    "answered_at",
    "on_site_at",
    "completed_at",
    "followed_up_at",
    "closed_at",
    "withdrawn_at",
    "reopen_count",
    "substantiated",
    "outcome_at",
]


class PhotoField(serializers.FileField):
    """The ticket's photo, shown as the link that hands it out through the ticket's scope."""

    def to_representation(self, value):
        if not value:
            return None
        from django.urls import reverse

        url = reverse("scoped-file", args=["servicedesk.ticket", value.instance.pk, "photo"])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class TicketSerializer(ScopedModelSerializer):
    photo = PhotoField(
        required=False, help_text=_("照片：JPG、PNG 或 WebP，不超过 5 MB（multipart/form-data）")
    )
    project = ScopedRelatedField(
        queryset=Ticket._meta.get_field("project").related_model.objects.all(),
        required=False,
        help_text=_("业主提交时由房屋确定，可不填。"),
    )
    received_at = serializers.DateTimeField(
        required=False, help_text=_("业主提出的时间；业主网上提交时为服务器时间。")
    )
    overdue = serializers.SerializerMethodField(help_text=_("是否有已过期限仍未完成的环节"))
    next_deadline = serializers.SerializerMethodField(help_text=_("下一个期限：环节、检查项、到期时间"))

    class Meta:
        model = Ticket
        fields = [
            "id",
            "project",
            "household",
            "kind",
            "urgency",
            "complaint_category",
            "channel",
            "contact_name",
            "contact_phone",
            "description",
            "photo",
            "received_at",
            *TIMES,
            "overdue",
            "next_deadline",
        ]
        read_only_fields = TIMES
        # An owner files on the web: the channel is set for him (reception must name it).
        extra_kwargs = {"channel": {"required": False}}

    def validate_photo(self, upload):
        try:
            validate_photo(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return upload

    def validate(self, attrs):
        # Validated in full by file_ticket once the server has set the project, times and author.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        ticket = self._validated_instance
        if ticket.project_id is None and ticket.household_id is not None:
            ticket.project_id = ticket.household.project_id
        return self.call_action(lambda: file_ticket(user, ticket, channel=Channel.API))

    def clock(self, ticket):
        cache = self.context.setdefault("clocks", {})
        if ticket.pk not in cache:
            cache[ticket.pk] = ticket_clock(ticket)
        return cache[ticket.pk]

    def get_overdue(self, ticket) -> bool:
        return self.clock(ticket).overdue

    def get_next_deadline(self, ticket) -> dict | None:
        deadline = self.clock(ticket).next
        if deadline is None:
            return None
        return {"step": deadline.name, "check": deadline.check_id, "due": deadline.due.isoformat()}

    def sees_contacts(self, ticket) -> bool:
        request = self.context.get("request")
        if request is None:
            return False
        return sees_contacts(request.user, ticket, self.context.setdefault("handles", {}))

    def to_representation(self, ticket):
        data = super().to_representation(ticket)
        if not self.sees_contacts(ticket):
            data["contact_name"] = mask_name(data["contact_name"])
            data["contact_phone"] = mask_phone(data["contact_phone"])
        return data


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TicketStatus.choices, label=_("新状态"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, label=_("说明"))
    handler = serializers.IntegerField(required=False, min_value=1, label=_("处理人（派单时必填）"))


class FollowUpSerializer(serializers.ModelSerializer):
    rating = serializers.ChoiceField(choices=Rating.choices, label=_("评价"))

    class Meta:
        model = FollowUp
        fields = ["id", "ticket", "completion", "method", "rating", "comment", "occurred_at", "recorded_by"]
        read_only_fields = ["ticket", "completion", "method", "occurred_at", "recorded_by"]


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, label=_("内容"))


class AmendSerializer(serializers.Serializer):
    household = ScopedRelatedField(
        queryset=Household.objects.all(), required=False, allow_null=True, label=_("房屋")
    )
    contact_name = serializers.CharField(required=False, allow_blank=True, max_length=50, label=_("联系人"))
    contact_phone = serializers.CharField(
        required=False, allow_blank=True, max_length=20, label=_("联系电话")
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, label=_("说明"))


class OutcomeSerializer(serializers.Serializer):
    substantiated = serializers.BooleanField(label=_("是否属实"))
    note = serializers.CharField(max_length=2000, label=_("核实情况"))


class AppointmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["id", "ticket", "window_start", "window_end", "agreed_at", "arrived_at"]
        read_only_fields = ["ticket", "agreed_at", "arrived_at"]

    def validate(self, attrs):
        if attrs["window_end"] <= attrs["window_start"]:
            raise serializers.ValidationError({"window_end": _("约定结束时间须晚于开始时间。")})
        return attrs


class TicketEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = TicketEvent
        fields = [
            "id",
            "kind",
            "from_status",
            "to_status",
            "note",
            "occurred_at",
            "recorded_at",
            "recorded_by",
        ]
        read_only_fields = fields
