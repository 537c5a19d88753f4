"""API of tickets: list, read and file; every change through an action endpoint of the pipeline.

``POST /api/tickets/{id}/move/`` (status, note, handler), ``follow-up/`` (rating, comment),
``appointment/`` (window), ``amend/`` (household, contact), ``outcome/`` (complaints), ``comment/`` and ``escalate/`` (the committee);
``GET /api/tickets/{id}/events/`` is the ticket's history. A ticket the user cannot see is 404; one he
sees but may not change this way is 403; an illegal move is 400 with the reason under ``status``.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from wuye.accounts.models import User
from wuye.compliance.parameters import preloaded
from wuye.core.api import ScopedQuerysetMixin, api_validation_error
from wuye.core.evidence import Channel
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet, UtcDateTimeFilter
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import EventKind, TicketStatus
from wuye.servicedesk.deadlines_tickets import overdue_ids
from wuye.servicedesk.models import Ticket, TicketEvent
from wuye.servicedesk.serializers_tickets import (
    AmendSerializer,
    AppointmentSerializer,
    FollowUpSerializer,
    MoveSerializer,
    NoteSerializer,
    OutcomeSerializer,
    TicketEventSerializer,
    TicketSerializer,
)


class TicketFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))
    overdue = filters.BooleanFilter(method="by_overdue", label=_("已超期"))
    escalated = filters.BooleanFilter(method="by_escalation", label=_("业委会已提请监管部门"))
    received_after = UtcDateTimeFilter(field_name="received_at", lookup_expr="gte", label=_("受理时间不早于"))
    received_before = UtcDateTimeFilter(field_name="received_at", lookup_expr="lt", label=_("受理时间早于"))

    class Meta:
        model = Ticket
        fields = [
            "project",
            "household",
            "kind",
            "urgency",
            "complaint_category",
            "channel",
            "status",
            "handler",
        ]

    def by_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = overdue_ids(queryset, timezone.now())
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def by_escalation(self, queryset, name, value):
        if value is None:
            return queryset
        escalated = Exists(TicketEvent.objects.filter(ticket=OuterRef("pk"), kind=EventKind.ESCALATION))
        return queryset.filter(escalated) if value else queryset.exclude(escalated)


class TicketViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    GenericViewSet,
):
    """Tickets (工单): repairs, help requests, inquiries, complaints and suggestions, with their clock."""

    serializer_class = TicketSerializer
    filterset_class = TicketFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    search_fields = ["description", "contact_name"]
    ordering_fields = ["received_at", "status"]
    ordering = ["-received_at"]
    select_related = ("project", "household")

    def list(self, request, *args, **kwargs):
        with preloaded():  # the clock of each ticket reads its parameters once per division
            return super().list(request, *args, **kwargs)

    def run(self, use_case):
        try:
            return use_case()
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except DjangoValidationError as error:
            raise api_validation_error(error) from None

    def answer(self, ticket, code=status.HTTP_200_OK):
        ticket = self.get_queryset().get(pk=ticket.pk)
        return Response(TicketSerializer(ticket, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=MoveSerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the ticket along the pipeline (staff; the owner may withdraw his own)."""
        ticket = self.get_object()
        form = MoveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        new, note = form.validated_data["status"], form.validated_data.get("note", "")
        handler = None
        if "handler" in form.validated_data:
            handler = User.objects.filter(pk=form.validated_data["handler"], is_active=True).first()
        if new == TicketStatus.ON_SITE:
            self.run(lambda: actions.arrive(request.user, ticket, note=note, channel=Channel.API))
        else:
            self.run(
                lambda: actions.move_ticket(
                    request.user, ticket, new, note=note, handler=handler, channel=Channel.API
                )
            )
        return self.answer(ticket)

    @extend_schema(request=FollowUpSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        """The owner's rating of his completed ticket, or the staff's phone follow-up."""
        ticket = self.get_object()
        form = FollowUpSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        follow_up = self.run(
            lambda: actions.record_follow_up(
                request.user,
                ticket,
                rating=data["rating"],
                comment=data.get("comment", ""),
                channel=Channel.API,
            )
        )
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AppointmentSerializer, responses=AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def appointment(self, request, pk=None):
        """Agree a visit window for a repair (staff)."""
        ticket = self.get_object()
        form = AppointmentSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        made = self.run(
            lambda: actions.make_appointment(request.user, ticket, data["window_start"], data["window_end"])
        )
        return Response(AppointmentSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AmendSerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        """Complete or correct the household and contact registered (staff); the event keeps the old values."""
        ticket = self.get_object()
        form = AmendSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        values = dict(form.validated_data)
        note = values.pop("note", "")
        self.run(lambda: actions.amend_ticket(request.user, ticket, note=note, **values))
        return self.answer(ticket)

    @extend_schema(request=OutcomeSerializer, responses=TicketSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """Record whether a complaint proved true (staff or managers; a regulator's ruling prevails)."""
        ticket = self.get_object()
        form = OutcomeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        self.run(
            lambda: actions.record_outcome(
                request.user, ticket, substantiated=data["substantiated"], note=data["note"]
            )
        )
        return self.answer(ticket)

    @extend_schema(request=NoteSerializer, responses=TicketEventSerializer)
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        """A comment of the project's owners' committee (no change of status)."""
        return self.committee(request, actions.comment_ticket)

    @extend_schema(request=NoteSerializer, responses=TicketEventSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        """The owners' committee refers the ticket to the regulator."""
        return self.committee(request, actions.escalate_ticket)

    def committee(self, request, use_case):
        ticket = self.get_object()
        form = NoteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        event = self.run(lambda: use_case(request.user, ticket, form.validated_data["note"]))
        return Response(TicketEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=TicketEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        """The ticket's history: every move, appointment, outcome, comment and escalation."""
        ticket = self.get_object()
        return Response(TicketEventSerializer(ticket.events.order_by("occurred_at", "pk"), many=True).data)


def register(router) -> None:
    router.register("tickets", TicketViewSet, basename="ticket")
