"""Pages of rectification orders (整改通知): the list (regulators their division's, managers their
enterprise's, project staff and committee their project's; others an empty list), the detail with its
findings, answers, files and moves, and the forms: issue (regulators only, 403 for the rest), answer (the
enterprise's managers), accept or reopen (the order's regulators). Out-of-scope orders and findings are 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wuye.compliance.forms import add_action_errors
from wuye.compliance.models import Finding, FindingState
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin, request_channel
from wuye.core.web_excel import ExcelExportMixin
from wuye.enterprises.models import Enterprise
from wuye.oversight import actions_orders as actions
from wuye.oversight.forms_orders import OrderAnswerForm, OrderDecisionForm, OrderFilter, OrderIssueForm
from wuye.oversight.models import RectificationOrder

EXPORT_COLUMNS = [
    (gettext_lazy("编号"), "pk"),
    (gettext_lazy("物业服务企业"), lambda order: order.enterprise.name),
    (gettext_lazy("项目"), lambda order: order.project.name if order.project_id else ""),
    (gettext_lazy("行政区划"), lambda order: order.division.name),
    (gettext_lazy("状态"), lambda order: order.get_status_display()),
    (gettext_lazy("下达时间"), lambda order: timezone.localtime(order.issued_at).strftime("%Y-%m-%d %H:%M")),
    (gettext_lazy("整改期限"), "deadline"),
    (gettext_lazy("整改要求"), "requirement"),
]


class OrderListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    model = RectificationOrder
    filterset_class = OrderFilter
    template_name = "oversight/orders_list.html"
    fragment_template_name = "oversight/_orders_results.html"
    excel_columns = EXPORT_COLUMNS
    excel_title = gettext_lazy("整改通知")

    def get_queryset(self):
        overdue = ExpressionWrapper(RectificationOrder.overdue_q(timezone.now()), output_field=BooleanField())
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "project", "division")
            .annotate(is_overdue=overdue)
            .order_by("-issued_at", "-pk")
        )


def _order(request, pk) -> RectificationOrder:
    queryset = RectificationOrder.objects.visible_to(request.user).select_related(
        "enterprise", "project", "division", "issued_by"
    )
    return get_object_or_404(queryset, pk=pk)


def _detail(request, order, *, answer_form=None, decision_form=None, status=200):
    user = request.user
    if answer_form is None and actions.may_answer(user, order):
        answer_form = OrderAnswerForm(initial={"expected": order.status})
    if decision_form is None and actions.may_decide(user, order):
        today = timezone.localdate()
        decision_form = OrderDecisionForm(
            initial={"expected": order.status, "deadline": actions.default_deadline(order.division_id, today)}
        )
    context = {
        "order": order,
        "findings": Finding.objects.visible_to(user)
        .filter(rectification_orders=order)
        .order_by("-period_start"),
        "answers": order.answers.select_related("answered_by"),
        "moves": order.moves.select_related("recorded_by"),
        "overdue": order.overdue(timezone.now()),
        "answer_form": answer_form,
        "decision_form": decision_form,
    }
    return render(request, "oversight/orders_detail.html", context, status=status)


@login_required
def order_detail(request, pk):
    return _detail(request, _order(request, pk))


@login_required
def order_create(request):
    """From one finding (``?finding=``, ticked) or an enterprise (``?enterprise=``): its open findings the
    regulator sees, to tick."""
    if not actions.may_issue(request.user):
        raise PermissionDenied
    findings = Finding.objects.visible_to(request.user)
    source = request.GET.get("finding", "")
    if source.isdigit():
        finding = get_object_or_404(findings.select_related("enterprise"), pk=source)
        if finding.enterprise_id is None or finding.party != actions.ORDERED_PARTY:
            raise PermissionDenied
        enterprise, ticked = finding.enterprise, [finding.pk]
        division = finding.division_id or enterprise.division_id
    else:
        enterprise_id = request.GET.get("enterprise", "")
        if not enterprise_id.isdigit():
            raise PermissionDenied
        enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=enterprise_id)
        ticked, division = [], enterprise.division_id
    candidates = findings.filter(
        enterprise=enterprise, state=FindingState.OPEN, party=actions.ORDERED_PARTY
    ).order_by("-period_start", "pk")
    today = timezone.localdate()
    form = OrderIssueForm(
        request.POST or None,
        candidates=candidates,
        initial={"findings": ticked, "deadline": actions.default_deadline(division, today)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = actions.issue_order(
                request.user,
                [finding.pk for finding in data["findings"]],
                data["requirement"],
                data["deadline"],
                channel=request_channel(request),
            )
        except PermissionDenied:
            form.add_error(None, _("您无权对这些问题下达整改通知。"))
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("整改通知已下达，已通知企业管理人员。"))
            return redirect(order)
    context = {"form": form, "enterprise": enterprise, "has_candidates": candidates.exists()}
    return render(request, "oversight/orders_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def order_answer(request, pk):
    order = _order(request, pk)
    if not actions.manages(request.user, order):
        raise PermissionDenied
    form = OrderAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.answer_order(
                request.user,
                order,
                data["text"],
                data["file"],
                expected=data["expected"],
                channel=request_channel(request),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("整改情况已回复，等待监管部门验收。"))
            return redirect(order)
    return _detail(request, order, answer_form=form, status=400)


@login_required
@require_POST
def order_decide(request, pk):
    order = _order(request, pk)
    if not RectificationOrder.objects.writable_by(request.user).filter(pk=order.pk).exists():
        raise PermissionDenied
    form = OrderDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        channel = request_channel(request)
        try:
            if data["decision"] == OrderDecisionForm.ACCEPT:
                actions.accept_order(
                    request.user, order, data["note"], expected=data["expected"], channel=channel
                )
                done = _("整改已验收。")
            else:
                actions.reopen_order(
                    request.user,
                    order,
                    data["deadline"],
                    data["note"],
                    expected=data["expected"],
                    channel=channel,
                )
                done = _("整改通知已退回重改，已通知企业管理人员。")
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(order)
    return _detail(request, order, decision_form=form, status=400)
