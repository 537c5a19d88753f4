"""Pages of the exit workflow (2.1, 2.4): the regulator's list of exits, the exit page (steps, moves as
buttons, the handover checklist), the refunds table with its export, and an owner's own refunds.

Read pages answer where the exit is readable (``ExitFiling.scope_q``), 404 elsewhere. Pages that change
anything call ``actions_exit``: the leaving enterprise files, moves, lists items and pays refunds (403 for
other readers); only the receiver confirms an item (the action refuses anyone else).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView, View

from wuye.core.scoping import scope_of
from wuye.core.spreadsheets.export import export_file
from wuye.core.views import ScopedDetailView, ScopedListView
from wuye.core.web import FragmentMixin, request_channel
from wuye.core.web_excel import ExcelExportMixin, dated_filename, xlsx_response
from wuye.estates.models import ServicePeriod
from wuye.lifecycle.actions_exit import (
    EXIT_MOVES,
    add_handover_item,
    can_write_exit,
    confirm_handover_item,
    file_exit,
    is_receiver,
    move_exit,
    record_refund,
    refund_table,
)
from wuye.lifecycle.choices_exit import ExitStatus
from wuye.lifecycle.forms_exit import ExitFilter, ExitForm, HandoverItemForm, RefundForm
from wuye.lifecycle.models import ExitFiling, HandoverItem, Refund

STEPS = [ExitStatus.NOTIFIED, ExitStatus.HANDING_OVER, ExitStatus.HANDED_OVER, ExitStatus.CLOSED]
EXIT_COLUMNS = [
    (gettext_lazy("项目"), "project.name"),
    (gettext_lazy("退出企业"), "enterprise.name"),
    (gettext_lazy("告知日期"), "notice_on"),
    (gettext_lazy("计划退出日期"), "planned_end"),
    (gettext_lazy("接收方"), lambda exit: str(exit.committee or exit.successor or "")),
    (gettext_lazy("状态"), lambda exit: exit.get_status_display()),
]
REFUND_COLUMNS = [
    (gettext_lazy("房屋"), lambda row: str(row["household"])),
    (gettext_lazy("应退金额（元）"), lambda row: row["due"]),
    (gettext_lazy("已退金额（元）"), lambda row: row["refunded"]),
    (gettext_lazy("未退金额（元）"), lambda row: row["owed"]),
]


def refusal(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


class ExitMixin(LoginRequiredMixin):
    """A page about one exit: 404 unseen; ``write``: 403 unless the leaving enterprise."""

    write = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        exits = ExitFiling.objects.visible_to(request.user).select_related("project", "enterprise")
        self.exit = get_object_or_404(exits, pk=kwargs["pk"])
        if self.write and not can_write_exit(request.user, self.exit.enterprise_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExitListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    """Every exit the user sees (regulators: their divisions), with filters, pages and an Excel export."""

    model = ExitFiling
    filterset_class = ExitFilter
    template_name = "lifecycle/exit/exit_list.html"
    fragment_template_name = "lifecycle/exit/_exit_results.html"
    select_related = ("project", "enterprise", "committee", "successor")
    excel_columns = EXIT_COLUMNS
    excel_title = gettext_lazy("退出备案")

    def get_queryset(self):
        return super().get_queryset().order_by("-planned_end", "-pk")


class ExitCreateView(LoginRequiredMixin, TemplateView):
    """File the exit of a service period (``pk``): the leaving enterprise only."""

    template_name = "lifecycle/exit/exit_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        periods = ServicePeriod.objects.visible_to(request.user).select_related("project", "enterprise")
        self.period = get_object_or_404(periods, pk=kwargs["pk"])
        if not can_write_exit(request.user, self.period.enterprise_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ExitForm(period=self.period)))

    def post(self, request, *args, **kwargs):
        form = ExitForm(request.POST, period=self.period)
        if form.is_valid():
            try:
                exit = file_exit(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("退出备案已登记。"))
                return redirect(exit)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)


class ExitDetailView(ScopedDetailView):
    """The exit: its steps, the moves the table allows as buttons, the handover checklist, the refunds."""

    model = ExitFiling
    template_name = "lifecycle/exit/exit_detail.html"
    select_related = ("project", "enterprise", "committee", "successor", "contract", "service_period")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exit = self.object
        manage = can_write_exit(self.request.user, exit.enterprise_id)
        rows = refund_table(exit)
        context.update(
            exit=exit,
            steps=[(step, STEPS.index(step) <= STEPS.index(exit.status)) for step in STEPS],
            next_moves=[ExitStatus(to) for old, to in sorted(EXIT_MOVES) if old == exit.status]
            if manage
            else [],
            can_manage=manage,
            receiver=is_receiver(self.request.user, exit),
            items=exit.handover_items.select_related("confirmed_by"),
            moves=exit.status_changes.select_related("recorded_by"),
            item_form=HandoverItemForm() if manage else None,
            refund_count=len(rows),
            refund_owed=sum((row["owed"] for row in rows), 0),
        )
        return context


class ExitMoveView(ExitMixin, View):
    write = True

    def post(self, request, *args, **kwargs):
        try:
            move_exit(request.user, self.exit, kwargs["to"], channel=request_channel(request))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("退出备案状态已更新。"))
        return redirect(self.exit)


class HandoverItemCreateView(ExitMixin, View):
    write = True

    def post(self, request, *args, **kwargs):
        form = HandoverItemForm(request.POST, instance=HandoverItem(exit=self.exit))
        if form.is_valid():
            try:
                add_handover_item(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
        for problems in form.errors.values():
            for message in problems:
                messages.error(request, message)
        return redirect(self.exit)


class HandoverConfirmView(LoginRequiredMixin, View):
    """POST: the receiver checks an item off (404 unseen; anyone else is refused with a message)."""

    def post(self, request, *args, **kwargs):
        items = HandoverItem.objects.visible_to(request.user).select_related("exit")
        item = get_object_or_404(items, pk=kwargs["pk"])
        try:
            confirm_handover_item(request.user, item)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(item.exit)
        messages.success(request, _("已确认移交。"))
        return redirect(item.exit)


class RefundTableView(ExitMixin, TemplateView):
    """The households due a refund at the end date, what was refunded; ``?export=xlsx``; the company records
    a refund here (POST)."""

    template_name = "lifecycle/exit/refund_table.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            title = _("预收费用退款表")
            return xlsx_response(
                export_file(refund_table(self.exit), REFUND_COLUMNS, title=title), dated_filename(title)
            )
        return self.render_to_response(self.get_context_data(form=RefundForm(exit=self.exit)))

    def post(self, request, *args, **kwargs):
        if not can_write_exit(request.user, self.exit.enterprise_id):
            raise PermissionDenied
        form = RefundForm(request.POST, exit=self.exit)
        if form.is_valid():
            try:
                record_refund(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("退款已登记。"))
                return redirect("exit-refunds", self.exit.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            exit=self.exit,
            rows=refund_table(self.exit),
            refunds=self.exit.refunds.select_related("household__building"),
            can_manage=can_write_exit(self.request.user, self.exit.enterprise_id),
        )
        return context


class MyRefundsView(LoginRequiredMixin, ListView):
    """An owner's own refunds (phone-first): those to his households."""

    template_name = "lifecycle/exit/my_refunds.html"
    context_object_name = "refunds"

    def get_queryset(self):
        households = scope_of(self.request.user).household_ids
        return (
            Refund.objects.visible_to(self.request.user)
            .filter(household_id__in=households)
            .select_related("household__building", "exit__project", "exit__enterprise")
        )
