"""Pages of clause 2.5: a project's register of the uses of its common parts (search, filters, pages, Excel),
a use with its vote and incomes, and the forms that add a vote, a use, an income.

Read where the project is readable (its owners too: the uses of their common parts are theirs to know);
written by the company serving it (its staff, the serving enterprise's managers): 404 unseen, 403 for
readers. Views authorise and call ``actions_commonareas``.
"""

from abc import ABC, abstractmethod
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wuye.core import spreadsheets as xl
from wuye.core.views import ScopedDetailView, ScopedListView
from wuye.core.web import FragmentMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.estates.permissions import can_record_duties
from wuye.finance.actions_commonareas import record_income, save_use, save_vote
from wuye.finance.choices_commonareas import UseKind
from wuye.finance.forms_commonareas import (
    CommonAreaIncomeForm,
    CommonAreaUseFilter,
    CommonAreaUseForm,
    OwnersVoteForm,
)
from wuye.finance.income_commonareas import half_start
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote
from wuye.finance.validation_statements import to_fen
from wuye.finance.views_statements import CompanyMixin, ProjectMixin, refusal
from wuye.finance.votes_commonareas import shortfalls, thresholds, with_authorisation

MONEY = DecimalField(max_digits=14, decimal_places=2)


def with_income(uses):
    """Uses annotated ``income_total``: what each brought in so far (a correlated sum, no join)."""
    total = (
        CommonAreaIncome.objects.filter(use=OuterRef("pk"))
        .order_by()
        .values("use")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return uses.annotate(
        income_total=Coalesce(Subquery(total, output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY)
    )


EXPORT_COLUMNS = [
    xl.Choice("kind", gettext_lazy("类别"), choices=UseKind),
    xl.Text("location", gettext_lazy("位置"), width=20),
    xl.Text("description", gettext_lazy("内容"), width=24),
    xl.Text("counterparty", gettext_lazy("合作方"), width=20),
    xl.Date("start", gettext_lazy("开始日期")),
    xl.Date("end", gettext_lazy("结束日期")),
    xl.Date("vote_held_on", gettext_lazy("业主表决日期"), export="vote.held_on"),
    xl.Boolean("authorised", gettext_lazy("经业主表决同意")),
    xl.Number("yearly_fee", gettext_lazy("约定年收费（元）")),
    xl.Number("income_total", gettext_lazy("累计收入（元）")),
]


class CommonAreaListView(ProjectMixin, ExcelExportMixin, FragmentMixin, ScopedListView):
    """A project's uses of common parts, whether a vote authorises each, and what each brought in."""

    model = CommonAreaUse
    filterset_class = CommonAreaUseFilter
    template_name = "finance/commonareas/commonarea_list.html"
    fragment_template_name = "finance/commonareas/_commonarea_results.html"
    excel_columns = EXPORT_COLUMNS

    @property
    def excel_title(self):
        return _("%(project)s共用部位经营登记") % {"project": self.project.name}

    def get_queryset(self):
        limits = thresholds(self.project.division_id, timezone.localdate())
        uses = super().get_queryset().filter(project=self.project).select_related("vote")
        return with_income(with_authorisation(uses, limits)).order_by("-start", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["votes"] = OwnersVote.objects.visible_to(self.request.user).filter(project=self.project)
        context["today"] = timezone.localdate()
        return context


class CommonAreaDetailView(ScopedDetailView):
    """A use: its terms, the vote authorising it (and what it lacks), and its incomes."""

    model = CommonAreaUse
    template_name = "finance/commonareas/commonarea_detail.html"
    select_related = ("project", "vote")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        use = self.object
        limits = thresholds(use.project.division_id, timezone.localdate())
        incomes = (
            CommonAreaIncome.objects.visible_to(self.request.user)
            .filter(use=use)
            .select_related("recorded_by")
        )
        context.update(
            use=use,
            project=use.project,
            limits=limits,
            shortfalls=shortfalls(use, use.vote, limits),
            incomes=incomes,
            income_total=sum((income.amount for income in incomes), Decimal("0.00")),
            can_manage=can_record_duties(self.request.user, use.project_id),
        )
        return context


class CompanyFormView(CompanyMixin, FormView, ABC):
    """A form of the company's (404 unseen, 403 for readers) that saves through an action."""

    template_name = "form_page.html"
    title = ""
    action = None

    @abstractmethod
    def new_instance(self):
        """The record the form fills: a new one of the page's project or use, or the one edited."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.new_instance()
        return kwargs

    def form_valid(self, form):
        try:
            saved = type(self).action(self.request.user, form.instance)
        except PermissionDenied:
            form.add_error(None, _("您无权在此范围内保存该记录。"))
            return self.form_invalid(form)
        except ValidationError as error:
            refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存。"))
        return redirect(saved.get_absolute_url())

    def back_url(self) -> str:
        return reverse("commonarea-list", args=[self.project.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title, parent=self.subject, parent_url=self.back_url(), cancel_url=self.back_url()
        )
        return context


class VoteCreateView(CompanyFormView):
    form_class = OwnersVoteForm
    title = gettext_lazy("登记业主表决")
    action = save_vote

    def new_instance(self):
        return OwnersVote(project=self.project)


class VoteUpdateView(CompanyFormView):
    subject_model = OwnersVote
    form_class = OwnersVoteForm
    title = gettext_lazy("修改业主表决")
    action = save_vote

    def new_instance(self):
        return self.subject


class UseCreateView(CompanyFormView):
    form_class = CommonAreaUseForm
    title = gettext_lazy("登记共用部位经营")
    action = save_use

    def new_instance(self):
        return CommonAreaUse(project=self.project)


class UseUpdateView(CompanyFormView):
    subject_model = CommonAreaUse
    form_class = CommonAreaUseForm
    title = gettext_lazy("修改共用部位经营")
    action = save_use

    def new_instance(self):
        return self.subject

    def back_url(self) -> str:
        return self.subject.get_absolute_url()


class IncomeCreateView(CompanyFormView):
    subject_model = CommonAreaUse
    form_class = CommonAreaIncomeForm
    title = gettext_lazy("登记公共收益")
    action = record_income

    def new_instance(self):
        return CommonAreaIncome(use=self.subject)

    def back_url(self) -> str:
        return self.subject.get_absolute_url()


def income_this_half(user, project) -> Decimal:
    today = timezone.localdate()
    total = (
        CommonAreaIncome.objects.visible_to(user)
        .filter(project=project, received_on__gte=half_start(today), received_on__lte=today)
        .aggregate(s=Sum("amount"))["s"]
    )
    return to_fen(total or 0)
