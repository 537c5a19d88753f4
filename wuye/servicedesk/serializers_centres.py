"""Serializers of clauses 1.2 and 3.3: offices, service centres and the shifts of their roster."""

from wuye.compliance.roster_serializers import RosterShiftSerializer
from wuye.core.api import ScopedModelSerializer
from wuye.servicedesk.actions_centres import add_centre_shifts
from wuye.servicedesk.models import CentreShift, Office, ServiceCentre


class OfficeSerializer(ScopedModelSerializer):
    class Meta:
        model = Office
        fields = ["id", "enterprise", "address", "phone", "since", "until"]


class ServiceCentreSerializer(ScopedModelSerializer):
    class Meta:
        model = ServiceCentre
        fields = ["id", "project", "address", "opening_hours", "service_phone", "opened_on", "active"]


class CentreShiftSerializer(RosterShiftSerializer):
    """A shift of a centre's roster; only shifts that have not ended can be added (``add_centre_shifts``)."""

    subject_field = "centre"
    person_field = "attendant"
    add_shifts = staticmethod(add_centre_shifts)

    class Meta:
        model = CentreShift
        fields = ["id", "centre", "attendant", "starts_at", "ends_at", "repeat_days"]
