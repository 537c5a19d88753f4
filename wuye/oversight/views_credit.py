"""The regulator's rankings, credit lists and publications of grades (403 for other roles; a division
outside the regulator's is 404). Reads go through ``visible_to``; writes through the publication actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, OuterRef, Subquery, Window
from django.db.models.functions import Rank
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from wuye.compliance.actions_publication import (
    build_draft,
    changes_since_last,
    period_label,
    publish,
)
from wuye.compliance.publication import GradePublication
from wuye.compliance.queries import score_text, with_latest_score, with_published_grade
from wuye.core.filters import DIVISION_CODE
from wuye.core.scoping import in_division, scope_of
from wuye.core.views import ScopedDetailView, ScopedListView
from wuye.core.web import FragmentMixin, RegulatorOnlyMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project, ServicePeriod
from wuye.oversight.credit import LIST_NAMES, credit_lists, serving_in
from wuye.oversight.filters_credit import CreditListFilter, EnterpriseRankingFilter, ProjectRankingFilter
from wuye.oversight.forms_credit import PublicationDraftForm


class DivisionChoiceMixin(RegulatorOnlyMixin):
    """Regulators and operators only (403 for any other signed-in role); ``?division=`` outside theirs: 404."""

    def division_code(self) -> str:
        code = self.request.GET.get("division", "").strip()
        if not code:
            return ""
        try:
            DIVISION_CODE(code)
        except ValidationError:
            raise Http404 from None
        if not scope_of(self.request.user).governs(code):
            raise Http404
        return code


def ranked(queryset):
    """The rank by live score (ties share a rank; never evaluated last), over the rows filtered."""
    return queryset.annotate(rank=Window(Rank(), order_by=F("latest_score").desc(nulls_last=True)))


def published_text(row) -> str:
    if not row.published_grade:
        return ""
    return f"{row.published_grade} ({period_label(row.published_period_start, row.published_period_end)})"


class RankingMixin(DivisionChoiceMixin, ExcelExportMixin, FragmentMixin):
    template_name = "oversight/credit_ranking.html"
    fragment_template_name = "oversight/credit_ranking_results.html"

    def get_queryset(self):
        rows = self.in_division(super().get_queryset(), self.division_code())
        rows = with_latest_score(rows, self.score_field)
        rows = with_published_grade(rows, self.score_field, division=self.division_code() or None)
        return ranked(rows).order_by(F("latest_score").desc(nulls_last=True), "name", "pk")


class EnterpriseRankingView(RankingMixin, ScopedListView):
    model = Enterprise
    score_field = "enterprise"
    filterset_class = EnterpriseRankingFilter
    excel_title = gettext_lazy("企业信用排名")

    def in_division(self, rows, code):
        return serving_in(rows, code) if code else rows

    def entries(self):
        if not hasattr(self, "_entries"):
            ids = self.get_filterset(self.get_filterset_class()).qs.values("pk")  # a subquery
            self._entries = credit_lists(ids, timezone.localdate(), self.division_code() or None)
        return self._entries

    def get_excel_columns(self):
        entries = self.entries()

        def status(row):
            entry = entries.get(row.pk)
            return f"{entry.name}: {entry.reason}" if entry else ""

        return [
            (gettext_lazy("名次"), "rank"),
            (gettext_lazy("企业名称"), "name"),
            (gettext_lazy("统一社会信用代码"), "credit_code"),
            (gettext_lazy("等级"), "latest_grade"),
            (gettext_lazy("得分"), lambda row: score_text(row.latest_score)),
            (gettext_lazy("评分日期"), "latest_on"),
            (gettext_lazy("已发布等级"), published_text),
            (gettext_lazy("名单"), status),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"].object_list if context.get("page_obj") else []
        # The rows carry their published grade already (with_published_grade, same division): not read twice.
        graded_d = [
            (row.pk, row.published_period_start, row.published_period_end)
            for row in page
            if row.published_grade == "D"
        ]
        entries = credit_lists(
            [row.pk for row in page], timezone.localdate(), self.division_code() or None, graded_d=graded_d
        )
        for row in page:
            row.entry = entries.get(row.pk)
        context.update(kind="enterprise", title=_("企业信用排名"))
        return context


def serving_name():
    return Subquery(
        ServicePeriod.objects.current().filter(project=OuterRef("pk")).values("enterprise__name")[:1]
    )


class ProjectRankingView(RankingMixin, ScopedListView):
    model = Project
    score_field = "project"
    filterset_class = ProjectRankingFilter
    excel_title = gettext_lazy("项目评分排名")

    def in_division(self, rows, code):
        return in_division(rows, "division", code) if code else rows

    def get_queryset(self):
        return super().get_queryset().select_related("division__parent").annotate(serving=serving_name())

    def get_excel_columns(self):
        return [
            (gettext_lazy("名次"), "rank"),
            (gettext_lazy("项目名称"), "name"),
            (gettext_lazy("所在区划"), lambda row: row.division.full_name),
            (gettext_lazy("物业服务企业"), lambda row: row.serving or ""),
            (gettext_lazy("等级"), "latest_grade"),
            (gettext_lazy("得分"), lambda row: score_text(row.latest_score)),
            (gettext_lazy("评分日期"), "latest_on"),
            (gettext_lazy("已发布等级"), published_text),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind="project", title=_("项目评分排名"))
        return context


class CreditListView(DivisionChoiceMixin, ExcelExportMixin, FragmentMixin, ScopedListView):
    """The red list (``?list=red``, the default) or the black list (``?list=black``) of the division."""

    model = Enterprise
    filterset_class = CreditListFilter
    template_name = "oversight/credit_lists.html"
    fragment_template_name = "oversight/credit_lists_results.html"

    def which(self) -> str:
        return "black" if self.request.GET.get("list") == "black" else "red"

    def get_queryset(self):
        rows = super().get_queryset()
        code = self.division_code()
        if code:
            rows = serving_in(rows, code)
        entries = credit_lists(rows.values("pk"), timezone.localdate(), code or None)
        self.entries = {pk: entry for pk, entry in entries.items() if entry.status == self.which()}
        rows = with_published_grade(rows.filter(pk__in=list(self.entries)), division=code or None)
        return rows.order_by("name", "pk")

    @property
    def excel_title(self):
        return LIST_NAMES[self.which()]

    def get_excel_columns(self):
        return [
            (gettext_lazy("企业名称"), "name"),
            (gettext_lazy("统一社会信用代码"), "credit_code"),
            (gettext_lazy("已发布等级"), published_text),
            (gettext_lazy("列入原因"), lambda row: self.entries[row.pk].reason),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context["page_obj"].object_list if context.get("page_obj") else []:
            row.entry = self.entries[row.pk]
        context.update(which=self.which(), title=LIST_NAMES[self.which()])
        return context


class PublicationListView(DivisionChoiceMixin, ScopedListView):
    model = GradePublication
    filterset_class = None
    template_name = "oversight/credit_publications.html"
    select_related = ("division", "published_by", "built_by")
    filterset_fields = []


class PublicationCreateView(DivisionChoiceMixin, FormView):
    """Build the draft of a period (POST); the draft is reviewed on its page before it is published."""

    form_class = PublicationDraftForm
    template_name = "form_page.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            draft = build_draft(self.request.user, form.cleaned_data["division"], form.cleaned_data["month"])
        except PermissionDenied:
            form.add_error(None, _("您无权在此范围内保存该记录。"))
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error("month", error.message_dict.get("period", error.messages))
            return self.form_invalid(form)
        return redirect("oversight-publication-detail", draft.pk)

    def get_context_data(self, **kwargs):
        from django.urls import reverse

        context = super().get_context_data(**kwargs)
        context.update(title=_("制作等级发布草稿"), cancel_url=reverse("oversight-publications"))
        return context


class PublicationDetailView(DivisionChoiceMixin, ScopedDetailView):
    """A publication's rows; a draft with what changed since the division's last publication, to review."""

    model = GradePublication
    template_name = "oversight/credit_publication_detail.html"
    select_related = ("division", "built_by", "published_by", "supersedes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = self.object
        context["rows"] = publication.rows.order_by("-subject", "subject_name")
        context["changes"] = changes_since_last(publication) if publication.is_draft else None
        context["period"] = period_label(publication.period_start, publication.period_end)
        return context


@require_POST
def publication_publish(request, pk: int):
    if not request.user.is_authenticated:
        return redirect("login")
    if not scope_of(request.user).oversees:
        raise PermissionDenied
    publication = get_object_or_404(GradePublication.objects.visible_to(request.user), pk=pk)
    try:
        publish(request.user, publication)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("等级已发布。"))
    return redirect("oversight-publication-detail", pk)
