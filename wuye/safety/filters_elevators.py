"""The elevator register's search, filters and sortable columns (the list pages; an export can reuse it)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filters import StableOrderingFilter
from wuye.core.scoping import in_division
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.estates.models import Project
from wuye.regions.forms import division_choices_with_region
from wuye.safety.models import Elevator, ElevatorInspection
from wuye.safety.models.elevators import PASSING, ElevatorKind, InspectionResult

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]
LAPSED, UNREGISTERED, FAILED = "lapsed", "unregistered", "failed"
STATUS_CHOICES = [
    (LAPSED, _("检验合格证已过期")),
    (FAILED, _("最近一次检验不合格")),
    (UNREGISTERED, _("无使用登记编号")),
]


def projects_with_elevators(request):
    if request is None:
        return Project.objects.none()
    with_elevators = Exists(Elevator.objects.filter(project=OuterRef("pk")))
    return Project.objects.visible_to(request.user).filter(with_elevators).order_by("name")


def current_inspections():
    """Inspections no correction replaced, for subqueries per elevator."""
    corrected = ElevatorInspection.objects.filter(corrects__isnull=False).values("corrects_id")
    return ElevatorInspection.objects.exclude(pk__in=corrected).filter(elevator=OuterRef("pk"))


class ElevatorFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称、登记编号或位置"), method="search")
    division = django_filters.ChoiceFilter(
        label=_("所在区划"), method="in_division", empty_label=_("全部"), choices=division_choices_with_region
    )
    project = django_filters.ModelChoiceFilter(
        label=_("项目"), queryset=projects_with_elevators, empty_label=_("全部")
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ElevatorKind.choices, empty_label=_("全部"))
    active = django_filters.BooleanFilter(label=_("在用"), widget=forms.Select(choices=YES_NO))
    status = django_filters.ChoiceFilter(
        label=_("问题"), choices=STATUS_CHOICES, method="with_status", empty_label=_("全部")
    )
    o = StableOrderingFilter(
        fields=(
            ("name", "name"),
            ("project__name", "project"),
            ("in_service_from", "in_service_from"),
        ),
        label=_("排序"),
    )

    class Meta:
        model = Elevator
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value)
            | Q(registration_code__icontains=value)
            | Q(location__icontains=value)
            | Q(building__name__icontains=value)
            | Q(maker__icontains=value)
        )

    def in_division(self, queryset, name, value):
        return in_division(queryset, "project__division", value)

    def with_status(self, queryset, name, value):
        inspections = current_inspections()
        if value == LAPSED:
            in_force = inspections.filter(result__in=PASSING, valid_until__gte=timezone.localdate())
            return queryset.exclude(Exists(in_force))
        if value == FAILED:
            latest = inspections.order_by("-occurred_at", "-pk").values("result")[:1]
            return queryset.annotate(latest_result=Subquery(latest)).filter(
                latest_result=InspectionResult.FAIL
            )
        if value == UNREGISTERED:
            return queryset.filter(registration_code="")
        return queryset
