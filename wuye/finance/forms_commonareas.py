"""Forms and the register's filters of clause 2.5's pages. Validation is the models' (clean, constraints)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filters import StableOrderingFilter
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin
from wuye.finance.choices_commonareas import UseKind
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote
from wuye.finance.votes_commonareas import register_totals

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


class OwnersVoteForm(BootstrapFormMixin, forms.ModelForm):
    """A vote; the totals start as the household register's (one owner per household, their area)."""

    class Meta:
        model = OwnersVote
        fields = [
            "held_on",
            "subject",
            "owners_total",
            "area_total",
            "owners_participating",
            "area_participating",
            "owners_in_favour",
            "area_in_favour",
            "minutes",
        ]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.project_id:
            owners, area = register_totals(self.instance.project)
            for name, value in (("owners_total", owners), ("area_total", area)):
                if self.initial.get(name) is None:
                    self.initial[name] = value
        for name in ("owners_total", "area_total"):
            self.fields[name].help_text = _("默认为房屋登记中的户数和面积")


class CommonAreaUseForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CommonAreaUse
        fields = ["kind", "location", "description", "counterparty", "start", "end", "vote", "yearly_fee"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the project's own votes (the model refuses another project's too).
        self.fields["vote"].queryset = OwnersVote.objects.filter(project_id=self.instance.project_id)
        self.fields["vote"].help_text = _("未经业主表决的，留空")


class CommonAreaIncomeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CommonAreaIncome
        fields = ["received_on", "amount", "receipt_number", "note"]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"})}


class CommonAreaUseFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("位置、内容或合作方"), method="search")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=UseKind.choices, empty_label=_("全部"))
    authorised = django_filters.BooleanFilter(label=_("经业主表决同意"), widget=forms.Select(choices=YES_NO))
    in_effect = django_filters.BooleanFilter(
        label=_("经营中"), method="with_in_effect", widget=forms.Select(choices=YES_NO)
    )
    o = StableOrderingFilter(
        fields=(("start", "start"), ("kind", "kind"), ("location", "location")), label=_("排序")
    )

    class Meta:
        model = CommonAreaUse
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(location__icontains=value) | Q(description__icontains=value) | Q(counterparty__icontains=value)
        )

    def with_in_effect(self, queryset, name, value):
        today = timezone.localdate()
        now_q = Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today))
        return queryset.filter(now_q) if value else queryset.exclude(now_q)
