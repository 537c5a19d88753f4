"""The personas' worlds with the records of clauses 1.2 and 3.3 on each side."""

import datetime

from django.utils import timezone

from wuye.servicedesk.actions_centres import add_centre_shifts
from wuye.testing import factories as f


def add_centres(world):
    """Give each side ``office`` (its enterprise's), ``servicecentre`` (its project's, with a phone) and
    ``centreshift`` (tomorrow, so it can still be removed), made by the operator (``admin``)."""
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    for side in (world.inside, world.outside):
        side.office = f.OfficeFactory(enterprise=side.enterprise)
        side.servicecentre = f.ServiceCentreFactory(project=side.project)
        (side.centreshift,) = add_centre_shifts(
            world.users["admin"],
            side.servicecentre,
            attendant="钱客服",
            starts_at=tomorrow,
            ends_at=tomorrow + datetime.timedelta(hours=8),
        )
    return world
