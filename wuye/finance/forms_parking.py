"""Forms of the parking pages (2.6): a space, a lease, a rent payment, a transfer, the rules, and the
register's filter. Validation is the models' (a household of another project is refused in place)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin
from wuye.estates.models import Household
from wuye.finance.choices_parking import SpaceLevel, SpaceOwnership
from wuye.finance.models import (
    ParkingLease,
    ParkingRentPayment,
    ParkingRules,
    ParkingSpace,
    ParkingTransfer,
)

OTHER_PROJECT = _("该房屋不属于此车位所在的项目。")


def households_of(project_id):
    return (
        Household.objects.filter(project_id=project_id)
        .select_related("building")
        .order_by("building__name", "number")
    )


class ParkingSpaceForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ParkingSpace
        fields = ["number", "level", "location", "ownership"]


class ParkingLeaseForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ParkingLease
        fields = ["household", "start", "end", "billing_months", "rent"]
        error_messages = {"household": {"invalid_choice": OTHER_PROJECT}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households_of(self.instance.space.project_id)


class ParkingRentPaymentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ParkingRentPayment
        fields = ["paid_on", "amount", "period_start", "period_end", "receipt_number"]


class ParkingTransferForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ParkingTransfer
        fields = ["transferred_on", "kind", "buyer_household", "buyer_name", "price", "contract"]
        error_messages = {"buyer_household": {"invalid_choice": OTHER_PROJECT}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer_household"].queryset = households_of(self.instance.space.project_id)


class ParkingRulesForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ParkingRules
        fields = ["rules", "above_ground_rent", "under_ground_rent", "published_on"]
        widgets = {"rules": forms.Textarea(attrs={"rows": 6})}


def leased_now():
    today = timezone.localdate()
    return Exists(ParkingLease.objects.filter(space=OuterRef("pk"), start__lte=today, end__gte=today))


class ParkingSpaceFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    level = django_filters.ChoiceFilter(label=_("位置类别"), choices=SpaceLevel.choices)
    ownership = django_filters.ChoiceFilter(label=_("产权归属"), choices=SpaceOwnership.choices)
    leased = django_filters.BooleanFilter(label=_("当前出租"), method="filter_leased")

    class Meta:
        model = ParkingSpace
        fields = ["q", "level", "ownership", "leased"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(location__icontains=value))

    def filter_leased(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(leased_now=value)
