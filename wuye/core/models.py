"""Abstract bases every registry model stacks on (after NetBox's ChangeLoggedModel)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wuye.core.evidence import EvidenceChain  # noqa: F401  (the chain heads table is a core model)
from wuye.core.scoping import ScopedManager


class RegistryModel(models.Model):
    """A registry record: scoped, timestamped, with its full change history (who, when, what)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedManager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


def within(lookup: str, model, scope, *, write: bool) -> Q:
    """Rows whose ``lookup`` points at a ``model`` row inside the scope (a subquery, never a join)."""
    return Q(**{f"{lookup}__in": model.objects.filter(model.scope_q(scope, write=write)).values("pk")})
