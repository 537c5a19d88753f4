"""What the comanagement API modules share: scoped filter sets with stable sorting."""

from django.utils.translation import gettext_lazy as _

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet, StableOrderingFilter


def filterset(model_, fields, ordering, division="project__division"):
    """A scoped filter set on ``fields`` with the division and stable sorting by ``ordering``."""

    meta = type("Meta", (), {"model": model_, "fields": fields})
    return type(
        f"{model_.__name__}Filter",
        (ScopedFilterSet,),
        {
            "Meta": meta,
            "division": DivisionPrefixFilter(field_name=division, label=_("项目所在区划（含下级）")),
            "ordering": StableOrderingFilter(fields=ordering),
        },
    )


class ComanagementViewSet(ScopedViewSet):
    ordering_fields: list[str] = []  # sorting is the filter set's (ties keep the model's order)
