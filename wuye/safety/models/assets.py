"""What every safety asset of a project shares: a name, where it is, since when it is in use.

An asset (a power room, an elevator, a fire extinguisher, a water tank) is registry data: it keeps
history and is edited in place, unlike the evidence records that prove its duties were done. A duty
runs from the asset's ``in_service_from`` while it is ``active``; a record claiming a time before the
asset was in service is refused (``validate_claim`` of the record, via ``claim_after_service``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.estates.models import ProjectOwned


class ProjectAsset(ProjectOwned):
    """Abstract: subclasses declare ``project`` (with their own ``related_name``) and their Meta."""

    name = models.CharField(_("名称"), max_length=60)
    location = models.CharField(_("位置"), max_length=100, blank=True)
    in_service_from = models.DateField(_("投用日期"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.project.name} {self.name}"


def claim_after_service(asset, occurred_at, field: str = "occurred_at") -> None:
    """Refuse a record that claims a time before its asset was put in service."""
    if occurred_at and timezone.localtime(occurred_at).date() < asset.in_service_from:
        raise ValidationError(
            {
                field: _("时间早于“%(asset)s”的投用日期（%(date)s）。")
                % {"asset": asset.name, "date": asset.in_service_from}
            }
        )
