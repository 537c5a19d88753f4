"""Pages of fees: a project's standards and bills, generating a period's bills, a household's account,
recording a payment, a printable receipt, and the owner's own fees. Views authorise and call actions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from wuye.compliance.parameters import param
from wuye.core.models import within
from wuye.core.scoping import scope_of
from wuye.core.web import request_channel
from wuye.core.web_excel import ExcelImportMixin, ExcelTemplateMixin, ParentImportMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Household, Project
from wuye.finance.actions_fees import (
    file_enterprise_record,
    generate_bills,
    record_payment,
    save_notice,
    save_standard,
    with_balance,
)
from wuye.finance.fees_deadlines import fee_notice_deadline
from wuye.finance.forms_fees import (
    BillFilterForm,
    FeeNoticeForm,
    FeeStandardForm,
    FinancialRulesForm,
    GenerateBillsForm,
    PaymentForm,
    TaxCertificateForm,
)
from wuye.finance.imports_fees import BillImport, FeeStandardImport
from wuye.finance.models import Bill, FeeNotice, FeeStandard, FinancialRules, Payment, TaxCertificate
from wuye.finance.notices import fee_notice
from wuye.finance.views_parking_owner import my_parking_leases

MONEY = DecimalField(max_digits=14, decimal_places=2)


def project_for(user, pk, *, write=False) -> Project:
    """The project if the user sees it (else 404); for a write, 403 when he only reads it."""
    project = get_object_or_404(Project.objects.visible_to(user), pk=pk)
    if write and not Project.objects.writable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return project


def may_write(user, project) -> bool:
    return Project.objects.writable_by(user).filter(pk=project.pk).exists()


def account_households(user):
    """Households whose account (bills, payments) the user may read: as Bill.scope_q, not the developer."""
    scope = scope_of(user)
    if scope.everything:
        return Household.objects.all()
    if scope.is_empty:
        return Household.objects.none()
    return Household.objects.filter(
        within("project", Project, scope.whole_project_readers, write=False) | Q(pk__in=scope.household_ids)
    )


@login_required
def standard_list(request, pk):
    project = project_for(request.user, pk)
    standards = list(
        FeeStandard.objects.visible_to(request.user)
        .filter(project=project)
        .prefetch_related("item_rates")
        .order_by("property_kind", "effective_from")
    )
    notice = int(param("1.6.fee_change_notice", "notice_before", project.division_id, timezone.localdate()))
    seen = set()
    for standard in standards:
        # A change (not the first standard of its kind) is due for posting by the one deadline rule.
        if standard.property_kind in seen:
            standard.notice_deadline = fee_notice_deadline(standard.effective_from, notice)
            standard.posted_late = standard.published_on > standard.notice_deadline
        seen.add(standard.property_kind)
    standards.reverse()
    notices = (
        FeeNotice.objects.visible_to(request.user).filter(project=project).order_by("-published_on", "-pk")
    )
    return render(
        request,
        "finance/fees/standard_list.html",
        {
            "project": project,
            "standards": standards,
            "posted": fee_notice(project),
            "notices": notices[:20],
            "can_write": may_write(request.user, project),
        },
    )


@login_required
def notice_create(request, pk):
    """Post a new version of the fee notice, pre-filled from the last one (or the serving company)."""
    project = project_for(request.user, pk, write=True)
    last = (
        FeeNotice.objects.visible_to(request.user)
        .filter(project=project)
        .order_by("-published_on", "-pk")
        .first()
    )
    initial = {"published_on": timezone.localdate()}
    if last is None:
        period = project.current_service_period()
        standard = (
            FeeStandard.objects.visible_to(request.user)
            .filter(project=project)
            .order_by("-effective_from")
            .first()
        )
        initial |= {
            "company_name": period.enterprise.name if period else "",
            "billing_start_date": standard.effective_from if standard else None,
            "fee_basis": standard.approval_number if standard else "",
        }
    else:
        for name in FeeNoticeForm.Meta.fields[1:]:
            initial[name] = getattr(last, name)
    form = FeeNoticeForm(request.POST or None, instance=FeeNotice(project=project), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_notice(request.user, form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("收费公示已保存。"))
            return redirect("fee-standards", pk=project.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("发布收费公示"),
            "parent": project,
            "parent_url": reverse("fee-standards", args=[project.pk]),
            "cancel_url": reverse("fee-standards", args=[project.pk]),
        },
    )


@login_required
def standard_create(request, pk):
    project = project_for(request.user, pk, write=True)
    form = FeeStandardForm(request.POST or None, request.FILES or None, instance=FeeStandard(project=project))
    if request.method == "POST" and form.is_valid():
        try:
            save_standard(request.user, form.instance, form.item_rates())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("收费标准已保存。"))
            return redirect("fee-standards", pk=project.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("新增收费标准"),
            "parent": project,
            "parent_url": project.get_absolute_url(),
            "cancel_url": project.get_absolute_url(),
        },
    )


@login_required
def bill_list(request, pk):
    project = project_for(request.user, pk)
    bills = (
        Bill.objects.visible_to(request.user)
        .filter(project=project)
        .select_related("household__building")
        .annotate(total=Coalesce(Sum("lines__amount"), 0, output_field=MONEY))
        .order_by("-period_start", "household__building__name", "household__number", "pk")
    )
    filters = BillFilterForm(request.GET or None)
    if filters.is_valid():
        month = filters.cleaned_data["month"]
        if month:
            try:
                day = datetime.date.fromisoformat(f"{month}-01")
            except ValueError:
                filters.add_error("month", _("月份格式应为：2025-01。"))
            else:
                bills = bills.filter(period_start=day)
        if filters.cleaned_data["household"]:
            bills = bills.filter(household__number__icontains=filters.cleaned_data["household"])
        if filters.cleaned_data["unpaid"]:
            owing = with_balance(Household.objects.filter(project=project)).filter(balance__lt=0)
            bills = bills.filter(household__in=owing.values("pk"))
    page = Paginator(bills, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/fees/bill_list.html",
        {
            "project": project,
            "page_obj": page,
            "filters": filters,
            "can_write": may_write(request.user, project),
        },
    )


@login_required
def bills_generate(request, pk):
    project = project_for(request.user, pk, write=True)
    form = GenerateBillsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bills = generate_bills(
                request.user, project, data["period_start"], months=data["months"], kind=data["property_kind"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已生成%(count)s张账单。") % {"count": len(bills)})
            return redirect("project-bills", pk=project.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("生成账单"),
            "parent": project,
            "parent_url": project.get_absolute_url(),
            "cancel_url": project.get_absolute_url(),
        },
    )


@login_required
def household_account(request, pk):
    household = get_object_or_404(
        with_balance(account_households(request.user)).select_related("building", "project"), pk=pk
    )
    bills = (
        Bill.objects.visible_to(request.user)
        .filter(household=household)
        .annotate(total=Coalesce(Sum("lines__amount"), 0, output_field=MONEY))
        .order_by("-period_start", "pk")
    )
    payments = Payment.objects.visible_to(request.user).filter(household=household, corrections__isnull=True)
    can_record = Household.objects.writable_by(request.user).filter(pk=household.pk).exists()
    return render(
        request,
        "finance/fees/household_account.html",
        {"household": household, "bills": bills, "payments": payments, "can_record": can_record},
    )


@login_required
def payment_create(request, pk):
    household = get_object_or_404(account_households(request.user), pk=pk)
    if not Household.objects.writable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    form = PaymentForm(request.POST or None, instance=Payment(household=household))
    if request.method == "POST" and form.is_valid():
        try:
            payment = record_payment(request.user, form.instance, channel=request_channel(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("缴费已登记。"))
            return redirect("payment-receipt", pk=payment.pk)
    back = reverse("household-account", args=[household.pk])
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("登记缴费"), "parent": household, "parent_url": back, "cancel_url": back},
    )


@login_required
def payment_receipt(request, pk):
    payment = get_object_or_404(
        Payment.objects.visible_to(request.user).select_related("household__building", "project"), pk=pk
    )
    response = render(request, "finance/fees/receipt.html", {"payment": payment})
    if request.GET.get("download"):
        # The same page saved as a file: it prints alike offline (the owner keeps it with his records).
        name = payment.receipt_number or f"payment-{payment.pk}"
        response["Content-Disposition"] = f'attachment; filename="receipt-{name}.html"'
    return response


@login_required
def my_fees(request):
    households = with_balance(
        Household.objects.filter(pk__in=scope_of(request.user).household_ids)
    ).select_related("building", "project")
    leases = my_parking_leases(scope_of(request.user).household_ids)
    return render(request, "finance/fees/my_fees.html", {"households": households, "parking_leases": leases})


DOCUMENT_FORMS = {"rules": (FinancialRulesForm, FinancialRules), "tax": (TaxCertificateForm, TaxCertificate)}


@login_required
def enterprise_documents(request, pk):
    """The enterprise's financial rules and tax certificates (1.5, E-kind), newest first."""
    enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=pk)
    rules = FinancialRules.objects.visible_to(request.user).filter(
        enterprise=enterprise, corrections__isnull=True
    )
    certificates = TaxCertificate.objects.visible_to(request.user).filter(
        enterprise=enterprise, corrections__isnull=True
    )
    can_write = Enterprise.objects.writable_by(request.user).filter(pk=pk).exists()
    return render(
        request,
        "finance/fees/enterprise_documents.html",
        {"enterprise": enterprise, "rules": rules, "certificates": certificates, "can_write": can_write},
    )


@login_required
def enterprise_document_create(request, pk, kind):
    enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=pk)
    if kind not in DOCUMENT_FORMS:
        raise Http404
    if not Enterprise.objects.writable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    form_class, model = DOCUMENT_FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None, instance=model(enterprise=enterprise))
    if request.method == "POST" and form.is_valid():
        try:
            file_enterprise_record(request.user, form.instance, channel=request_channel(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("文件已上传。"))
            return redirect("enterprise-finance-documents", pk=enterprise.pk)
    back = reverse("enterprise-finance-documents", args=[enterprise.pk])
    title = _("上传财务管理制度") if kind == "rules" else _("上传完税证明")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": title, "parent": enterprise, "parent_url": back, "cancel_url": back},
    )


class FeeStandardImportAccess(ParentImportMixin):
    """Past and present standards from Excel: where a standard may be added (404 unseen, 403 readers)."""

    import_spec = FeeStandardImport
    parent_model = Project

    def get_back_url(self) -> str:
        return reverse("fee-standards", args=[self.parent.pk])


class FeeStandardImportView(ExcelImportMixin, FeeStandardImportAccess, FormView):
    template_url_name = "fee-standard-import-template"


class FeeStandardTemplateView(ExcelTemplateMixin, FeeStandardImportAccess, View):
    pass


class BillImportAccess(ParentImportMixin):
    """Past bills from Excel: where a bill may be issued (404 unseen, 403 for those who only read)."""

    import_spec = BillImport
    parent_model = Project
    access_model = Bill

    def get_back_url(self) -> str:
        return reverse("project-bills", args=[self.parent.pk])


class BillImportView(ExcelImportMixin, BillImportAccess, FormView):
    template_url_name = "bill-import-template"


class BillTemplateView(ExcelTemplateMixin, BillImportAccess, View):
    pass
