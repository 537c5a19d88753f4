"""Pages of the takeover workflow (2.1–2.3): the takeovers' register (regulators: filters, pages, Excel),
a takeover's page with its steps and the next moves as buttons, the checklist entry (phone-first), the
developer's document handover, and the problems with an overdue filter.

Read pages answer where the takeover is readable (the incoming enterprise, the project's regulators,
committee, staff and developer), 404 elsewhere. Pages that change anything call ``actions_takeover``:
the incoming enterprise's managers (the developer's users for the document handover), 403 for readers.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from wuye.core.scoping import scope_of
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin, request_channel
from wuye.core.web_excel import ExcelExportMixin, ModelExcelExportMixin
from wuye.lifecycle import actions_takeover as actions
from wuye.lifecycle.choices_takeover import ART_29_CATEGORIES, InspectionArea, TakeoverStatus, item_name
from wuye.lifecycle.forms_takeover import (
    DocumentHandoverForm,
    FixForm,
    InspectionItemForm,
    MoveForm,
    ProblemFilter,
    ProblemForm,
    TakeoverFilter,
    TakeoverForm,
)
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem
from wuye.lifecycle.models.takeover import reads_records

STEPS = [TakeoverStatus.REGISTERED, TakeoverStatus.INSPECTING, TakeoverStatus.AGREED, TakeoverStatus.FILED]
MOVE_LABELS = {
    TakeoverStatus.INSPECTING: gettext_lazy("开始承接查验"),
    TakeoverStatus.AGREED: gettext_lazy("签订查验协议"),
    TakeoverStatus.FILED: gettext_lazy("登记备案"),
    TakeoverStatus.CANCELLED: gettext_lazy("撤销接管"),
}
EXPORT_COLUMNS = [
    (gettext_lazy("项目"), "project.name"),
    (gettext_lazy("接管企业"), "enterprise.name"),
    (gettext_lazy("状态"), lambda takeover: takeover.get_status_display()),
    (gettext_lazy("接管日期"), "taken_over_on"),
    (gettext_lazy("交付业主日期"), "buyers_handover_on"),
    (gettext_lazy("查验完成日期"), "inspection_finished_on"),
    (gettext_lazy("查验协议签订日期"), "agreement_signed_on"),
    (gettext_lazy("备案日期"), "filed_on"),
    (gettext_lazy("备案编号"), "filing_number"),
]


def refusal(form, error: ValidationError) -> None:
    """An action's refusal shown on the form: its field errors in place, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


class TakeoverListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    """The takeovers the user reads; ``?export=xlsx``: the whole filtered list as a workbook."""

    model = Takeover
    filterset_class = TakeoverFilter
    select_related = ("project__division", "enterprise")
    template_name = "lifecycle/takeover/takeover_list.html"
    fragment_template_name = "lifecycle/takeover/_takeover_results.html"
    excel_columns = EXPORT_COLUMNS
    excel_title = gettext_lazy("项目接管登记表")

    def get_queryset(self):
        return super().get_queryset().order_by("-taken_over_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_of(self.request.user)
        context["can_register"] = scope.everything or bool(scope.enterprise_ids)
        return context


class TakeoverCreateView(LoginRequiredMixin, TemplateView):
    """A new takeover on a contract of the user's enterprise: its managers (and operators), else 403."""

    template_name = "lifecycle/takeover/takeover_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            scope = scope_of(request.user)
            if not (scope.everything or scope.enterprise_ids):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response({"form": TakeoverForm(user=request.user)})

    def post(self, request, *args, **kwargs):
        form = TakeoverForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                takeover = actions.register_takeover(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("接管已登记。"))
                return redirect(takeover)
        return self.render_to_response({"form": form})


class TakeoverMixin(LoginRequiredMixin):
    """A page about one takeover: 404 where it is not readable; ``write``: 403 unless the company's."""

    write = False
    records = False  # a page of the records under the takeover: not for its owners (summary only)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.takeover = get_object_or_404(
            Takeover.objects.visible_to(request.user).select_related("project__developer", "enterprise"),
            pk=kwargs["pk"],
        )
        self.can_edit = Takeover.objects.writable_by(request.user).filter(pk=self.takeover.pk).exists()
        self.reads_records = reads_records(request.user, self.takeover)
        if self.records and not self.reads_records:
            raise Http404
        if self.write and not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def allowed(self) -> bool:
        return self.can_edit


class TakeoverDetailView(TakeoverMixin, TemplateView):
    template_name = "lifecycle/takeover/takeover_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        takeover, user = self.takeover, self.request.user
        handovers = {
            h.category: h for h in DocumentHandover.objects.visible_to(user).filter(takeover=takeover)
        }
        listed = actions.checklist(takeover)
        done = InspectionItem.objects.visible_to(user).filter(takeover=takeover)
        counts = dict(done.values_list("area").annotate(n=Count("pk")).values_list("area", "n"))
        today = timezone.localdate()
        problems = TakeoverProblem.objects.visible_to(user).filter(takeover=takeover)
        context.update(
            takeover=takeover,
            project=takeover.project,
            can_edit=self.can_edit,
            reads_records=self.reads_records,
            can_handover=actions.can_record_handover(user, takeover),
            steps=[(step, STEPS.index(step) <= STEPS.index(takeover.status)) for step in STEPS]
            if takeover.status in STEPS
            else [],
            next_moves=[(to, MOVE_LABELS[to]) for to in actions.moves_from(takeover.status)],
            move_form=MoveForm(),
            documents=[(category, handovers.get(category)) for category in ART_29_CATEGORIES],
            document_form=DocumentHandoverForm(),
            areas=[
                (InspectionArea(area).label, counts.get(area, 0), len(items))
                for area, items in listed.items()
            ],
            problem_count=problems.count(),
            overdue_count=problems.filter(fixed_on__isnull=True, due_on__lt=today).count(),
            moves=TakeoverMove.objects.visible_to(user)
            .filter(takeover=takeover)
            .select_related("recorded_by"),
        )
        return context


class TakeoverMoveView(TakeoverMixin, View):
    """POST: one step of the table (``status`` the target), with what it records."""

    write = True

    def post(self, request, *args, **kwargs):
        form = MoveForm(request.POST, request.FILES)
        form.is_valid()
        data = form.cleaned_data
        try:
            actions.move_takeover(
                request.user,
                self.takeover,
                kwargs["status"],
                day=data.get("day"),
                finished_on=data.get("finished_on"),
                agreement_file=data.get("agreement_file"),
                filing_number=data.get("filing_number", ""),
                note=data.get("note", ""),
                channel=request_channel(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("接管状态已更新。"))
        return redirect(self.takeover)


class ChecklistView(TakeoverMixin, TemplateView):
    """The checklist on a phone: every listed item with its result; ``?item=area:code`` opens its form."""

    write = True
    template_name = "lifecycle/takeover/checklist.html"

    def chosen(self):
        area, _sep, code = (self.request.GET.get("item") or self.request.POST.get("choice") or "").partition(
            ":"
        )
        if not code:
            return None
        existing = (
            InspectionItem.objects.writable_by(self.request.user)
            .filter(takeover=self.takeover, area=area, item=code)
            .first()
        )
        return existing or InspectionItem(takeover=self.takeover, area=area, item=code)

    def get(self, request, *args, **kwargs):
        item = self.chosen()
        form = InspectionItemForm(instance=item) if item else None
        return self.render_to_response(self.get_context_data(form=form, item=item))

    def post(self, request, *args, **kwargs):
        item = self.chosen()
        if item is None:
            return redirect("takeover-checklist", self.takeover.pk)
        form = InspectionItemForm(request.POST, request.FILES, instance=item)
        if form.is_valid():
            try:
                actions.save_item(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("已登记：%(item)s") % {"item": item_name(form.instance.item)})
                return redirect("takeover-checklist", self.takeover.pk)
        return self.render_to_response(self.get_context_data(form=form, item=item))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        done = {
            (i.area, i.item): i
            for i in InspectionItem.objects.visible_to(self.request.user).filter(takeover=self.takeover)
        }
        context.update(
            takeover=self.takeover,
            areas=[
                (
                    InspectionArea(area).label,
                    [(f"{area}:{code}", item_name(code), done.get((area, code))) for code in codes],
                )
                for area, codes in actions.checklist(self.takeover).items()
            ],
        )
        return context


class DocumentHandoverView(TakeoverMixin, TemplateView):
    """The developer's users (or the incoming enterprise) record an Art. 29 category handed over."""

    write = True
    template_name = "lifecycle/takeover/document_form.html"

    def allowed(self) -> bool:
        return actions.can_record_handover(self.request.user, self.takeover)

    def get(self, request, *args, **kwargs):
        return self.render_to_response({"form": DocumentHandoverForm(), "takeover": self.takeover})

    def post(self, request, *args, **kwargs):
        form = DocumentHandoverForm(
            request.POST, request.FILES, instance=DocumentHandover(takeover=self.takeover)
        )
        if form.is_valid():
            try:
                actions.save_handover(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("资料移交已登记。"))
                return redirect(self.takeover)
        return self.render_to_response({"form": form, "takeover": self.takeover})


class ProblemListView(TakeoverMixin, ModelExcelExportMixin, FragmentMixin, ScopedListView):
    """The problems a takeover's inspection found, with an overdue filter; the company adds one (POST)."""

    model = TakeoverProblem
    excel_exclude = ("takeover",)
    filterset_class = ProblemFilter
    records = True
    template_name = "lifecycle/takeover/problem_list.html"
    fragment_template_name = "lifecycle/takeover/_problem_results.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(takeover=self.takeover)
            .select_related("item")
            .order_by("due_on", "pk")
        )

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied
        form = ProblemForm(request.POST, instance=TakeoverProblem(takeover=self.takeover))
        if form.is_valid():
            try:
                actions.save_problem(request.user, form.instance)
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("查验问题已登记。"))
                return redirect("takeover-problems", self.takeover.pk)
        self.problem_form = form
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            takeover=self.takeover,
            can_edit=self.can_edit,
            problem_form=getattr(self, "problem_form", None) or ProblemForm(),
            fix_form=FixForm(),
            today=timezone.localdate(),
        )
        return context


class ProblemFixView(LoginRequiredMixin, View):
    """POST: the day a problem was fixed (the company's): 404 unseen, 403 for readers."""

    def post(self, request, pk):
        problem = get_object_or_404(
            TakeoverProblem.objects.visible_to(request.user).select_related("takeover"), pk=pk
        )
        if not TakeoverProblem.objects.writable_by(request.user).filter(pk=pk).exists():
            raise PermissionDenied
        form = FixForm(request.POST)
        if form.is_valid():
            problem.fixed_on = form.cleaned_data["fixed_on"]
            try:
                actions.save_problem(request.user, problem)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("已登记整改完成。"))
        else:
            messages.error(request, _("请填写整改完成日期。"))
        return redirect("takeover-problems", problem.takeover_id)
