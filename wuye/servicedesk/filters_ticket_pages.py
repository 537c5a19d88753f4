"""The ticket desk's search and filters (the list page, its Excel export and its print view share them)."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.accounts.models import User
from wuye.compliance.duties import start_of_day
from wuye.core.web_forms import BootstrapFilterMixin, DateInput
from wuye.servicedesk.choices_tickets import EventKind, TicketKind, TicketStatus
from wuye.servicedesk.deadlines_tickets import overdue_ids
from wuye.servicedesk.forms_tickets import project_staff_users
from wuye.servicedesk.models import Ticket, TicketEvent

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


class TicketFilter(BootstrapFilterMixin, django_filters.FilterSet):
    """Search by number, description or contact (the contact only where it is shown in full)."""

    q = django_filters.CharFilter(label=_("工单号（#123）、内容或联系人"), method="search")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=TicketKind.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=TicketStatus.choices, empty_label=_("全部"))
    overdue = django_filters.BooleanFilter(
        label=_("已超期"), method="by_overdue", widget=forms.Select(choices=YES_NO)
    )
    handler = django_filters.ModelChoiceFilter(
        label=_("处理人"), queryset=User.objects.none(), empty_label=_("全部")
    )
    received_from = django_filters.DateFilter(
        label=_("受理日期自"), method="received_from_day", widget=DateInput()
    )
    received_to = django_filters.DateFilter(
        label=_("受理日期至"), method="received_to_day", widget=DateInput()
    )

    class Meta:
        model = Ticket
        fields = ["q", "kind", "status", "overdue", "handler", "received_from", "received_to"]

    def __init__(self, *args, project=None, contacts_searchable=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.contacts_searchable = contacts_searchable
        if project is not None:
            self.filters["handler"].queryset = project_staff_users(project)
            self.form.fields["handler"].queryset = project_staff_users(project)
        else:
            del self.filters["handler"]
            del self.form.fields["handler"]

    def search(self, queryset, name, value):
        value = value.strip()
        if value.startswith("#") and value[1:].isdigit():  # "#123": the ticket numbered 123, nothing else
            return queryset.filter(pk=int(value[1:]))
        if not value:
            return queryset
        q = Q(description__icontains=value)
        if value.isdigit():
            q |= Q(pk=int(value))
        if self.contacts_searchable:  # a masked contact must not be found by guessing it
            q |= Q(contact_name__icontains=value) | Q(contact_phone__icontains=value)
        return queryset.filter(q)

    def by_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = overdue_ids(queryset, timezone.now())
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def received_from_day(self, queryset, name, value):
        return queryset.filter(received_at__gte=start_of_day(value))

    def received_to_day(self, queryset, name, value):
        return queryset.filter(received_at__lt=start_of_day(value + datetime.timedelta(days=1)))


class EscalatedTicketFilter(TicketFilter):
    """The regulator's list: tickets a committee referred to it, narrowed by project name too."""

    project_name = django_filters.CharFilter(
        label=_("项目"), field_name="project__name", lookup_expr="icontains"
    )

    class Meta(TicketFilter.Meta):
        fields = ["q", "project_name", "kind", "status", "overdue", "received_from", "received_to"]


def escalated(queryset):
    return queryset.filter(
        Exists(TicketEvent.objects.filter(ticket=OuterRef("pk"), kind=EventKind.ESCALATION))
    )
