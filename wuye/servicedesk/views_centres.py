"""Pages of clauses 1.2 and 3.3: the enterprise's offices, the service centres with their 24-hour phone,
and each centre's roster (a week behind and a week ahead, with the hours nobody is on it).

Registers (offices, centres) are kept like the other registers (scope decides); the roster is for those
who record the project's duties (``can_record_duties``): 404 where the user cannot see the centre, 403
where he only reads it.
"""

import datetime

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wuye.compliance.duties import start_of_day
from wuye.compliance.roster_views import RosterShiftCreateMixin, RosterShiftDeleteMixin
from wuye.compliance.rosters import roster_days
from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from wuye.core.web import ChildUpdateMixin, FormPageMixin, ParentMixin, may_add
from wuye.core.web_excel import ModelExcelExportMixin
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.actions_centres import add_centre_shifts, remove_centre_shift, roster_start
from wuye.servicedesk.forms_centres import CentreShiftForm, OfficeForm, ServiceCentreForm
from wuye.servicedesk.models import CentreShift, Office, ServiceCentre

ROSTER_DAYS = 7  # the roster page shows this many days ahead (and behind)


# -- offices ----------------------------------------------------------------------------------------------


class OfficeListView(ScopedDetailView):
    """An enterprise's offices, the one in force first, with their dates (1.2)."""

    model = Enterprise
    template_name = "servicedesk/centres/office_list.html"
    context_object_name = "enterprise"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        offices = list(Office.objects.visible_to(self.request.user).filter(enterprise=self.object))
        context.update(
            offices=offices,
            current=next(
                (o for o in offices if o.since <= today and (o.until is None or o.until >= today)), None
            ),
            can_add=may_add(self.request.user, Office, enterprise=self.object),
            today=today,
        )
        return context


class OfficeCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = Office
    form_class = OfficeForm
    parent_model = Enterprise
    parent_field = "enterprise"
    parent_url_name = "office-list"
    title = gettext_lazy("登记办公场所")

    def get_initial(self):
        return {"since": timezone.localdate()}


class OfficeUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = Office
    form_class = OfficeForm
    parent_attr = "enterprise"
    parent_url_name = "office-list"
    title = gettext_lazy("修改办公场所")


# -- service centres --------------------------------------------------------------------------------------


class CentreFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("搜索"), method="search")
    without_phone = django_filters.BooleanFilter(
        label=gettext_lazy("未公示24小时电话"),
        method="filter_without_phone",
        widget=forms.CheckboxInput,
    )
    active = django_filters.BooleanFilter(label=gettext_lazy("在用"))

    class Meta:
        model = ServiceCentre
        fields = ["q", "without_phone", "active"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(project__name__icontains=value) | Q(address__icontains=value))
            if value
            else queryset
        )

    def filter_without_phone(self, queryset, name, value):
        return queryset.filter(service_phone="") if value else queryset


class CentreListView(ModelExcelExportMixin, ScopedListView):
    """Every service centre the user may see, with its hours and phone; searchable, filterable, paged;
    ``?export=xlsx`` the filtered list whole."""

    model = ServiceCentre
    filterset_class = CentreFilter
    template_name = "servicedesk/centres/centre_list.html"
    select_related = ("project",)

    def get_queryset(self):
        return super().get_queryset().order_by("project__name", "pk")


class CentreDetailView(ScopedDetailView):
    """A centre with its roster a week behind and a week ahead, and the hours nobody is on it."""

    model = ServiceCentre
    template_name = "servicedesk/centres/centre_detail.html"
    select_related = ("project",)
    context_object_name = "centre"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, centre = self.request.user, self.object
        now, today = timezone.now(), timezone.localdate()
        start = start_of_day(today - datetime.timedelta(days=ROSTER_DAYS))
        end = start_of_day(today + datetime.timedelta(days=ROSTER_DAYS + 1))
        shifts = list(
            CentreShift.objects.visible_to(user)
            .filter(centre=centre, ends_at__gt=start, starts_at__lt=end)
            .order_by("starts_at", "pk")
        )
        days, holes = roster_days(
            shifts, roster_start(centre), today=today, around=ROSTER_DAYS, active=centre.active
        )
        context.update(
            days=days,
            upcoming_holes=[(a, b) for a, b in holes if b > now],
            can_record=can_record_duties(user, centre.project_id),
            now=now,
        )
        return context


class CentreCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = ServiceCentre
    form_class = ServiceCentreForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记客户服务中心")

    def get_initial(self):
        return {"opened_on": timezone.localdate()}  # the roster must cover every hour from this day

    def get_success_url(self):
        return self.object.get_absolute_url()


class CentreUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = ServiceCentre
    form_class = ServiceCentreForm
    parent_attr = "project"
    title = gettext_lazy("修改客户服务中心")

    def get_success_url(self):
        return self.object.get_absolute_url()


# -- the roster ---------------------------------------------------------------------------------------------


class PlanningMixin(LoginRequiredMixin):
    """A page that plans a centre's roster: 404 unseen, 403 for those who only read the centre."""

    subject_model = None
    centre_path = "self"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        visible = self.subject_model.objects.visible_to(request.user)
        if self.subject_model is CentreShift:
            visible = visible.select_related("centre__project")
        else:
            visible = visible.select_related("project")
        self.subject = get_object_or_404(visible, pk=kwargs["pk"])
        self.centre = self.subject if self.subject_model is ServiceCentre else self.subject.centre
        if not can_record_duties(request.user, self.centre.project_id):
            raise PermissionDenied
        self.now = timezone.now()
        return super().dispatch(request, *args, **kwargs)


class CentreShiftCreateView(RosterShiftCreateMixin, PlanningMixin, FormView):
    """Put someone on the centre's roster, for one shift or the same shift on several days."""

    subject_model = ServiceCentre
    form_class = CentreShiftForm
    person_field = "attendant"
    subject_field = "centre"
    title_format = gettext_lazy("排班：%(centre)s")
    add_shifts = staticmethod(add_centre_shifts)


class CentreShiftDeleteView(RosterShiftDeleteMixin, PlanningMixin, View):
    """Take a shift that has not begun off the roster (POST); GET asks first."""

    subject_model = CentreShift
    subject_field = "centre"
    remove_shift = staticmethod(remove_centre_shift)
    delete_template = "servicedesk/centres/shift_delete.html"
