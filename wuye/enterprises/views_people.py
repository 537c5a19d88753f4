"""Pages of the people part, per enterprise: the wages register (with the payroll import and an export),
terminations with the regulator's review, policy documents, training sessions with attendance.

Who: the enterprise unseen is 404. Wages and terminations are labour details: the employer's managers and
the regulators over the enterprise read them (others who see the enterprise: 403). Policies and training
are read wherever the enterprise is. Only the enterprise's managers write (403 for readers); the
regulators review terminations.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wuye.core.evidence import Channel
from wuye.core.scoping import scope_of
from wuye.core.spreadsheets.export import export_file
from wuye.core.web_excel import (
    ExcelImportMixin,
    ExcelTemplateMixin,
    ParentImportMixin,
    dated_filename,
    xlsx_response,
)
from wuye.enterprises.actions_people import (
    file_policy,
    may_review,
    record_termination,
    record_training,
    record_wage,
    review_termination,
)
from wuye.enterprises.checks.people import WagesPaid
from wuye.enterprises.forms_people import (
    PolicyDocumentForm,
    ReviewForm,
    TerminationForm,
    TrainingSessionForm,
    WagePaymentForm,
)
from wuye.enterprises.imports_people import PayrollImport
from wuye.enterprises.models import (
    Enterprise,
    PolicyCategory,
    PolicyDocument,
    Termination,
    TrainingSession,
    WagePayment,
)

PAGE_SIZE = 50


def enterprise_for(user, pk) -> Enterprise:
    return get_object_or_404(Enterprise.objects.visible_to(user), pk=pk)


def may_write(user, enterprise) -> bool:
    scope = scope_of(user)
    return scope.everything or enterprise.pk in scope.enterprise_ids


def reads_labour(user, enterprise) -> bool:
    """The employer's managers and the regulators over the enterprise (as ``Staff.pii_q``)."""
    scope = scope_of(user)
    if may_write(user, enterprise):
        return True
    return bool(scope.division_codes) and (
        Enterprise.objects.filter(Enterprise.regulator_q(scope), pk=enterprise.pk).exists()
    )


def labour_enterprise(user, pk) -> Enterprise:
    enterprise = enterprise_for(user, pk)
    if not reads_labour(user, enterprise):
        raise PermissionDenied
    return enterprise


def writable_enterprise(user, pk) -> Enterprise:
    enterprise = enterprise_for(user, pk)
    if not may_write(user, enterprise):
        raise PermissionDenied
    return enterprise


def parse_month(text: str):
    try:
        return datetime.date.fromisoformat(f"{text}-01") if text else None
    except ValueError:
        return None


WAGE_COLUMNS = [
    (gettext_lazy("姓名"), "employment.staff.name"),
    (gettext_lazy("身份证号"), "employment.staff.id_number_masked"),
    (gettext_lazy("工资月份"), lambda wage: f"{wage.month:%Y-%m}"),
    (gettext_lazy("实发金额（元）"), "amount"),
    (gettext_lazy("发放日期"), "paid_on"),
    (gettext_lazy("发放方式"), lambda wage: wage.get_method_display()),
]


@login_required
def wage_list(request, pk):
    """The wages register: filters month (2025-03), employee and name; late or unpaid months on top."""
    enterprise = labour_enterprise(request.user, pk)
    wages = (
        WagePayment.objects.visible_to(request.user)
        .filter(employment__staff__enterprise=enterprise)
        .select_related("employment__staff")
        .order_by("-month", "employment__staff__name", "pk")
    )
    month_text = request.GET.get("month", "").strip()
    month = parse_month(month_text)
    error = _("月份格式应为：2025-01。") if month_text and month is None else ""
    if month:
        wages = wages.filter(month=month)
    staff = request.GET.get("staff", "").strip()
    if staff.isdigit():
        wages = wages.filter(employment__staff_id=int(staff))
    name = request.GET.get("q", "").strip()
    if name:
        wages = wages.filter(employment__staff__name__icontains=name)
    if request.GET.get("export") == "xlsx":
        title = _("%(enterprise)s工资发放") % {"enterprise": enterprise.name}
        return xlsx_response(export_file(wages, WAGE_COLUMNS, title=title), dated_filename(title))
    now = timezone.now()
    late = list(WagesPaid(enterprise_ids={enterprise.pk}).run(now, None))
    late.sort(key=lambda draft: draft.period_start, reverse=True)
    return render(
        request,
        "enterprises/people/wage_list.html",
        {
            "enterprise": enterprise,
            "page_obj": Paginator(wages, PAGE_SIZE).get_page(request.GET.get("page")),
            "late": late[:PAGE_SIZE],
            "late_count": len(late),
            "month": month_text,
            "q": name,
            "staff": staff,
            "month_error": error,
            "can_write": may_write(request.user, enterprise),
        },
    )


def form_page(request, form, title, enterprise, back):
    return render(
        request,
        "form_page.html",
        {"form": form, "title": title, "parent": enterprise, "parent_url": back, "cancel_url": back},
    )


@login_required
def wage_create(request, pk):
    enterprise = writable_enterprise(request.user, pk)
    form = WagePaymentForm(request.POST or None, enterprise=enterprise)
    back = reverse("people-wages", args=[pk])
    if request.method == "POST" and form.is_valid():
        try:
            record_wage(request.user, form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("工资发放已登记。"))
            return redirect(back)
    return form_page(request, form, _("登记工资发放"), enterprise, back)


class PayrollImportAccess(ParentImportMixin):
    """The payroll from Excel: the enterprise's managers (404 unseen, 403 for those who only read)."""

    import_spec = PayrollImport
    parent_model = Enterprise
    parent_field = "enterprise"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.parent = writable_enterprise(request.user, kwargs["pk"])
        return super(ParentImportMixin, self).dispatch(request, *args, **kwargs)

    def get_back_url(self) -> str:
        return reverse("people-wages", args=[self.parent.pk])


class PayrollImportView(ExcelImportMixin, PayrollImportAccess, FormView):
    template_url_name = "people-payroll-template"


class PayrollTemplateView(ExcelTemplateMixin, PayrollImportAccess, View):
    pass


@login_required
def termination_list(request, pk):
    enterprise = labour_enterprise(request.user, pk)
    terminations = (
        Termination.objects.visible_to(request.user)
        .filter(employment__staff__enterprise=enterprise)
        .select_related("employment__staff", "reviewed_by")
        .order_by("-date", "-pk")
    )
    if request.GET.get("unlawful"):
        terminations = terminations.filter(reason="none")
    can_review = bool(scope_of(request.user).division_codes) or scope_of(request.user).everything
    return render(
        request,
        "enterprises/people/termination_list.html",
        {
            "enterprise": enterprise,
            "page_obj": Paginator(terminations, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_write": may_write(request.user, enterprise),
            "can_review": can_review and reads_labour(request.user, enterprise),
        },
    )


@login_required
def termination_create(request, pk):
    enterprise = writable_enterprise(request.user, pk)
    form = TerminationForm(request.POST or None, enterprise=enterprise)
    back = reverse("people-terminations", args=[pk])
    if request.method == "POST" and form.is_valid():
        try:
            record_termination(request.user, form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("解除劳动关系已登记。"))
            return redirect(back)
    return form_page(request, form, _("登记解除劳动关系"), enterprise, back)


@login_required
def termination_review(request, pk):
    termination = get_object_or_404(
        Termination.objects.visible_to(request.user).select_related("employment__staff__enterprise"), pk=pk
    )
    if not may_review(request.user, termination):
        raise PermissionDenied
    enterprise = termination.employment.staff.enterprise
    form = ReviewForm(request.POST or None, initial={"outcome": termination.outcome or None})
    back = reverse("people-terminations", args=[enterprise.pk])
    if request.method == "POST" and form.is_valid():
        review_termination(request.user, termination, form.cleaned_data["outcome"], form.cleaned_data["note"])
        messages.success(request, _("复核结论已登记。"))
        return redirect(back)
    title = _("复核：%(name)s于%(date)s离职") % {
        "name": termination.employment.staff.name,
        "date": termination.date,
    }
    return form_page(request, form, title, enterprise, back)


@login_required
def policy_list(request, pk):
    """The enterprise's policies by category, newest first; the current one of each category marked."""
    enterprise = enterprise_for(request.user, pk)
    policies = list(
        PolicyDocument.objects.visible_to(request.user)
        .filter(enterprise=enterprise, corrections__isnull=True)
        .order_by("category", "-occurred_at", "-pk")
    )
    by_category = [
        (label, [policy for policy in policies if policy.category == code])
        for code, label in PolicyCategory.choices
    ]
    return render(
        request,
        "enterprises/people/policy_list.html",
        {
            "enterprise": enterprise,
            "by_category": by_category,
            "can_write": may_write(request.user, enterprise),
        },
    )


@login_required
def policy_create(request, pk):
    enterprise = writable_enterprise(request.user, pk)
    form = PolicyDocumentForm(
        request.POST or None, request.FILES or None, instance=PolicyDocument(enterprise=enterprise)
    )
    back = reverse("people-policies", args=[pk])
    if request.method == "POST" and form.is_valid():
        try:
            file_policy(request.user, form.instance, channel=Channel.WEB)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("文件已上传。"))
            return redirect(back)
    return form_page(request, form, _("上传管理制度"), enterprise, back)


@login_required
def training_list(request, pk):
    enterprise = enterprise_for(request.user, pk)
    sessions = (
        TrainingSession.objects.visible_to(request.user)
        .filter(enterprise=enterprise)
        .prefetch_related("attendees")
        .order_by("-held_on", "-pk")
    )
    year = request.GET.get("year", "").strip()
    if year.isdigit():
        sessions = sessions.filter(held_on__year=int(year))
    return render(
        request,
        "enterprises/people/training_list.html",
        {
            "enterprise": enterprise,
            "page_obj": Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page")),
            "year": year,
            "can_write": may_write(request.user, enterprise),
        },
    )


def save_training(request, enterprise, session, title):
    form = TrainingSessionForm(request.POST or None, instance=session, enterprise=enterprise)
    back = reverse("people-trainings", args=[enterprise.pk])
    if request.method == "POST" and form.is_valid():
        try:
            record_training(request.user, form.instance, [s.pk for s in form.cleaned_data["staff"]])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("培训已登记。"))
            return redirect(back)
    return form_page(request, form, title, enterprise, back)


@login_required
def training_create(request, pk):
    enterprise = writable_enterprise(request.user, pk)
    return save_training(request, enterprise, TrainingSession(enterprise=enterprise), _("登记培训"))


@login_required
def training_update(request, pk):
    session = get_object_or_404(TrainingSession.objects.visible_to(request.user), pk=pk)
    enterprise = writable_enterprise(request.user, session.enterprise_id)
    return save_training(request, enterprise, session, _("培训签到"))
