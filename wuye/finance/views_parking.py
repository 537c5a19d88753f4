"""Pages of parking (2.6): a project's register of spaces (search, filters, pages, Excel) with the rules in
force, a space with its leases, rent and transfers, and for the company the forms that add them.

Read pages answer where the space (or project) is readable, 404 elsewhere; an owner reads the register
and the rules of his estate, and of the leases and rent only his own. Forms are the company's (the
project's staff, the serving enterprise's managers): 404 unseen, 403 for those who only read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.actions import save_record
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.finance.forms_parking import (
    ParkingLeaseForm,
    ParkingRentPaymentForm,
    ParkingRulesForm,
    ParkingSpaceFilter,
    ParkingSpaceForm,
    ParkingTransferForm,
    leased_now,
)
from wuye.finance.models import (
    ParkingLease,
    ParkingRentPayment,
    ParkingRules,
    ParkingSpace,
    ParkingTransfer,
)
from wuye.finance.models.parking import current_parking_rules

EXPORT_COLUMNS = [
    (gettext_lazy("车位编号"), "number"),
    (gettext_lazy("位置类别"), lambda space: space.get_level_display()),
    (gettext_lazy("具体位置"), "location"),
    (gettext_lazy("产权归属"), lambda space: space.get_ownership_display()),
    (gettext_lazy("当前出租"), "leased_now"),
]


class ParkingSpaceListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    """The project's spaces the user sees; ``?export=xlsx``: the whole filtered list as a workbook."""

    model = ParkingSpace
    filterset_class = ParkingSpaceFilter
    template_name = "finance/parking/space_list.html"
    fragment_template_name = "finance/parking/_space_results.html"
    excel_columns = EXPORT_COLUMNS

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = get_object_or_404(Project.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def excel_title(self):
        return _("%(project)s停车位登记表") % {"project": self.project.name}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(project=self.project)
            .annotate(leased_now=leased_now())
            .order_by("level", "number", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            project=self.project,
            rules=current_parking_rules(self.project),
            can_manage=can_record_duties(self.request.user, self.project.pk),
        )
        return context


@login_required
def space_detail(request, pk):
    space = get_object_or_404(ParkingSpace.objects.visible_to(request.user).select_related("project"), pk=pk)
    payments = ParkingRentPayment.objects.visible_to(request.user).order_by("-paid_on", "-pk")
    leases = (
        ParkingLease.objects.visible_to(request.user)
        .filter(space=space)
        .select_related("household__building")
        .prefetch_related(Prefetch("payments", queryset=payments))
        .order_by("-start", "-pk")
    )
    transfers = (
        ParkingTransfer.objects.visible_to(request.user)
        .filter(space=space)
        .select_related("buyer_household__building")
    )
    return render(
        request,
        "finance/parking/space_detail.html",
        {
            "space": space,
            "project": space.project,
            "leases": leases,
            "transfers": transfers,
            "today": timezone.localdate(),
            "can_manage": can_record_duties(request.user, space.project_id),
        },
    )


def company_only(user, project_id) -> None:
    if not can_record_duties(user, project_id):
        raise PermissionDenied


def form_page(request, form, instance, *, title, parent, back, done):
    """Show the form; on a valid POST save ``instance`` (the model's validation, in the user's scope)."""
    if request.method == "POST" and form.is_valid():
        try:
            save_record(request.user, instance)
        except PermissionDenied:
            form.add_error(None, _("您无权在此范围内保存该记录。"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": title, "parent": parent, "parent_url": back, "cancel_url": back},
    )


def project_for_company(request, pk) -> Project:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    company_only(request.user, project.pk)
    return project


def space_for_company(request, pk) -> ParkingSpace:
    space = get_object_or_404(ParkingSpace.objects.visible_to(request.user).select_related("project"), pk=pk)
    company_only(request.user, space.project_id)
    return space


def register_url(project) -> str:
    return reverse("parking-spaces", args=[project.pk])


@login_required
def space_create(request, pk):
    project = project_for_company(request, pk)
    instance = ParkingSpace(project=project)
    form = ParkingSpaceForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        instance,
        title=_("登记停车位"),
        parent=project,
        back=register_url(project),
        done=_("车位已登记。"),
    )


@login_required
def rules_create(request, pk):
    project = project_for_company(request, pk)
    instance = ParkingRules(project=project)
    form = ParkingRulesForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        instance,
        title=_("公布停车管理规定"),
        parent=project,
        back=register_url(project),
        done=_("停车管理规定已保存。"),
    )


@login_required
def lease_create(request, pk):
    space = space_for_company(request, pk)
    instance = ParkingLease(space=space)
    form = ParkingLeaseForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        instance,
        title=_("登记车位租赁"),
        parent=space,
        back=space.get_absolute_url(),
        done=_("租赁已登记。"),
    )


@login_required
def transfer_create(request, pk):
    space = space_for_company(request, pk)
    instance = ParkingTransfer(space=space)
    form = ParkingTransferForm(request.POST or None, request.FILES or None, instance=instance)
    return form_page(
        request,
        form,
        instance,
        title=_("登记车位转让"),
        parent=space,
        back=space.get_absolute_url(),
        done=_("转让已登记。"),
    )


@login_required
def payment_create(request, pk):
    lease = get_object_or_404(
        ParkingLease.objects.visible_to(request.user).select_related("space", "household"), pk=pk
    )
    company_only(request.user, lease.project_id)
    instance = ParkingRentPayment(lease=lease)
    form = ParkingRentPaymentForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        instance,
        title=_("登记车位租金收款"),
        parent=lease.space,
        back=lease.space.get_absolute_url(),
        done=_("收款已登记。"),
    )
