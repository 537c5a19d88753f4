"""The service centre on a project's page: its 24-hour phone, hours and who is on duty now (two queries)."""

from django import template
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from wuye.servicedesk.models import CentreShift, ServiceCentre

register = template.Library()


@register.inclusion_tag("servicedesk/centres/_project_centre.html", takes_context=True)
def service_centre_card(context, project, can_edit=False):
    user = context["request"].user
    now = timezone.now()
    on_duty = CentreShift.objects.visible_to(user).filter(
        centre=OuterRef("pk"), starts_at__lte=now, ends_at__gt=now
    )
    centre = (
        ServiceCentre.objects.visible_to(user)
        .filter(project=project)
        .annotate(on_duty=Subquery(on_duty.order_by("starts_at").values("attendant")[:1]))
        .first()
    )
    return {
        "project": project,
        "centre": centre,
        "on_duty": centre.on_duty if centre else None,
        "can_edit": can_edit,
    }
