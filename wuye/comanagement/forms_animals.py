"""Forms of the animals pages (5.2): a notice, a pet, an unauthorised animal, the pet register's filter."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.comanagement.choices_animals import PetKind
from wuye.comanagement.forms_construction import MOMENT, OTHER_PROJECT, households_of
from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnimalNoticeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = AnimalNotice
        fields = ["given_on", "content", "file"]
        widgets = {"given_on": DAY, "content": forms.Textarea(attrs={"rows": 4})}


class HouseholdChoiceMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households_of(self.instance.project_id)


class PetForm(HouseholdChoiceMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Pet
        fields = [
            "household",
            "kind",
            "description",
            "recorded_on",
            "licence_number",
            "rabies_vaccinated_on",
            "urged_on",
            "gone_on",
        ]
        widgets = dict.fromkeys(("recorded_on", "rabies_vaccinated_on", "urged_on", "gone_on"), DAY)
        error_messages = {"household": {"invalid_choice": OTHER_PROJECT}}


class UnauthorisedAnimalForm(HouseholdChoiceMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = UnauthorisedAnimal
        fields = ["household", "kind", "description", "found_at", "reported_at", "authority", "file"]
        widgets = {"found_at": MOMENT, "reported_at": MOMENT}
        error_messages = {"household": {"invalid_choice": OTHER_PROJECT}}


class PetFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    kind = django_filters.ChoiceFilter(label=_("种类"), choices=PetKind.choices)
    unregistered = django_filters.BooleanFilter(label=_("犬只未登记"), method="filter_unregistered")

    class Meta:
        model = Pet
        fields = ["q", "kind", "unregistered"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(licence_number__icontains=value)
            | Q(description__icontains=value)
            | Q(household__number__icontains=value)
        )

    def filter_unregistered(self, queryset, name, value):
        if value is None:
            return queryset
        unregistered = Q(kind=PetKind.DOG, licence_number="")
        return queryset.filter(unregistered) if value else queryset.exclude(unregistered)
