"""API representation of the estates registry; validation is the models' own (see ScopedModelSerializer)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wuye.core.api import NamedRef, ScopedModelSerializer
from wuye.core.validators import normalise_credit_code
from wuye.estates.models import (
    Building,
    CommitteeMember,
    Developer,
    Household,
    Owner,
    OwnersCommittee,
    Project,
    ServiceContract,
    ServicePeriod,
)


class DeveloperSerializer(ScopedModelSerializer):
    class Meta:
        model = Developer
        fields = ["id", "name", "credit_code", "contact_phone", "address"]
        # The model's clean() says which rule of GB 32100 failed; a max_length here would answer first.
        extra_kwargs = {"credit_code": {"max_length": None}}

    def validate_credit_code(self, value):
        # Spaces and lower case are only how people type it; the model checks the normalised code.
        return normalise_credit_code(value)


class ProjectSerializer(ScopedModelSerializer):
    current_enterprise = serializers.SerializerMethodField(help_text=_("当前提供服务的物业服务企业"))

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "address",
            "division",
            "kind",
            "floor_area",
            "household_count",
            "developer",
            "current_enterprise",
        ]

    @extend_schema_field(NamedRef(allow_null=True))
    def get_current_enterprise(self, project):
        # ProjectViewSet prefetches the current service period into ``current_periods``.
        periods = getattr(project, "current_periods", None)
        if periods is None:
            period = project.current_service_period()
            periods = [period] if period else []
        return NamedRef(periods[0].enterprise).data if periods else None


class BuildingSerializer(ScopedModelSerializer):
    class Meta:
        model = Building
        fields = ["id", "project", "name", "floors", "has_elevator"]


class HouseholdSerializer(ScopedModelSerializer):
    class Meta:
        model = Household
        fields = ["id", "project", "building", "unit", "number", "area"]
        read_only_fields = ["project"]


class OwnerSerializer(ScopedModelSerializer):
    class Meta:
        model = Owner
        fields = ["id", "name", "phone", "households"]


class CommitteeMemberSerializer(ScopedModelSerializer):
    class Meta:
        model = CommitteeMember
        fields = ["id", "committee", "name", "position", "owner"]


class CommitteeMemberBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeMember
        fields = ["id", "name", "position", "owner"]
        read_only_fields = fields


class OwnersCommitteeSerializer(ScopedModelSerializer):
    members = CommitteeMemberBriefSerializer(many=True, read_only=True)
    in_office = serializers.BooleanField(read_only=True)

    class Meta:
        model = OwnersCommittee
        fields = ["id", "project", "name", "term_start", "term_end", "filed_on", "in_office", "members"]


class ServiceContractSerializer(ScopedModelSerializer):
    class Meta:
        model = ServiceContract
        fields = [
            "id",
            "project",
            "party_a_kind",
            "developer",
            "committee",
            "enterprise",
            "number",
            "signed_on",
            "start",
            "end",
            "in_force",
            "scan",
        ]
        # Scans are uploaded through the web form, which checks their type and size.
        read_only_fields = ["scan"]

    in_force = serializers.BooleanField(read_only=True)


class ServicePeriodSerializer(ScopedModelSerializer):
    class Meta:
        model = ServicePeriod
        fields = ["id", "project", "enterprise", "start", "end"]
