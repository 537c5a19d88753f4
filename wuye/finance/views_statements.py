"""Pages of clause 1.6's half-year statements: a project's list, the statement as a two-level table with
a chart, print, and for the company: draft, edit, publish, correct.

Read pages answer where the statement (or project) is readable, 404 elsewhere; owners see only published
ones (``Statement.scope_q``). Pages that change anything are for the company (the project's staff, the
serving enterprise's managers: 404 unseen, 403 for readers) and call ``actions_statements``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from wuye.core.spreadsheets import ImportContext
from wuye.core.views import ScopedDetailView, ScopedListView
from wuye.core.web import FragmentMixin, request_channel
from wuye.core.web_excel import ExcelImportMixin, ExcelTemplateMixin, ModelExcelExportMixin
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.finance.actions_statements import publish_statement, save_statement, start_correction
from wuye.finance.dues_statements import statement_due
from wuye.finance.forms_statements import LinesForm, StatementFilter, StatementForm
from wuye.finance.imports_statements import StatementLineImport
from wuye.finance.models import Statement
from wuye.finance.tables_statements import statement_table


def refusal(form, error: ValidationError) -> None:
    """An action's refusal shown on the form: its field errors in place, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class ProjectMixin(LoginRequiredMixin):
    """A page about one project: 404 where it is not readable."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_or_404(Project.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, can_manage=can_record_duties(self.request.user, self.project.pk))
        return context


class CompanyMixin(LoginRequiredMixin):
    """A page that changes a statement (or drafts one for a project): 404 unseen, 403 if not the company."""

    subject_model = Project

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.subject = get_object_or_404(self.subject_model.objects.visible_to(request.user), pk=kwargs["pk"])
        self.project = self.subject if isinstance(self.subject, Project) else self.subject.project
        if not can_record_duties(request.user, self.project.pk):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StatementListView(ProjectMixin, ModelExcelExportMixin, FragmentMixin, ScopedListView):
    model = Statement
    excel_exclude = ("project",)
    filterset_class = StatementFilter
    template_name = "finance/statements/statement_list.html"
    fragment_template_name = "finance/statements/_statement_results.html"

    def get_queryset(self):
        return super().get_queryset().filter(project=self.project).order_by("-year", "-half", "-version")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for statement in context["page_obj"].object_list:
            statement.due = statement_due(statement.period_start, self.project.division_id)
        return context


class StatementDetailView(ScopedDetailView):
    model = Statement
    template_name = "finance/statements/statement_detail.html"
    printing = False

    def get_queryset(self):
        return super().get_queryset().select_related("project", "corrects", "created_by")

    def get_template_names(self):
        return ["finance/statements/statement_print.html" if self.printing else self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        due = statement_due(statement.period_start, statement.project.division_id)
        context.update(
            statement=statement,
            project=statement.project,
            table=statement_table(statement),
            due=due,
            late=statement.published_at is not None and statement.published_at > due,
            can_manage=can_record_duties(self.request.user, statement.project_id),
            moves=statement.status_changes.select_related("recorded_by"),
            corrections=statement.corrections.visible_to(self.request.user),
        )
        return context


class StatementEditView(CompanyMixin, TemplateView):
    """Draft a statement for a project (``pk`` a project) or edit a draft (``pk`` a statement)."""

    template_name = "finance/statements/statement_form.html"

    def statement(self) -> Statement:
        if isinstance(self.subject, Statement):
            return self.subject
        return Statement(project=self.project)

    def forms(self, data=None):
        statement = self.statement()
        amounts = {line.account_id: line.amount for line in statement.lines.all()} if statement.pk else {}
        return (
            StatementForm(data, instance=statement, prefix="s"),
            LinesForm(data, project_id=self.project.pk, amounts=amounts, prefix="l"),
        )

    def get(self, request, *args, **kwargs):
        if isinstance(self.subject, Statement) and not self.subject.is_draft:
            messages.error(request, _("收支情况表已公布，不能再修改；如需更正，请新建更正版本。"))
            return redirect(self.subject)
        form, lines = self.forms()
        return self.render_to_response(self.get_context_data(form=form, lines=lines))

    def post(self, request, *args, **kwargs):
        form, lines = self.forms(request.POST)
        if form.is_valid() and lines.is_valid():
            try:
                statement = save_statement(request.user, form.instance, lines.amounts())
            except ValidationError as error:
                refusal(form, error)
            else:
                messages.success(request, _("收支情况表草稿已保存。"))
                return redirect(statement)
        return self.render_to_response(self.get_context_data(form=form, lines=lines))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.statement()
        context.update(project=self.project, statement=statement if statement.pk else None)
        context["title"] = _("修改收支情况表") if statement.pk else _("新建收支情况表")
        return context


class StatementUpdateView(StatementEditView):
    subject_model = Statement


class StatementMoveView(CompanyMixin, View):
    """POST: publish a draft, or start a correction of a published statement."""

    subject_model = Statement
    move = "publish"

    def post(self, request, *args, **kwargs):
        try:
            if self.move == "publish":
                statement = publish_statement(request.user, self.subject, channel=request_channel(request))
                messages.success(request, _("收支情况表已公布。"))
            else:
                statement = start_correction(request.user, self.subject)
                messages.success(request, _("已新建更正版本，请修改后公布。"))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.subject)
        return redirect(statement)


class StatementImportAccess(CompanyMixin):
    """A draft's lines from Excel: the company's, as the edit page (404 unseen, 403 for readers)."""

    subject_model = Statement
    import_spec = StatementLineImport

    def import_context(self) -> ImportContext:
        return ImportContext(user=self.request.user, project=self.project, extra={"statement": self.subject})

    def get_back_url(self) -> str:
        return self.subject.get_absolute_url()


class StatementImportView(ExcelImportMixin, StatementImportAccess, FormView):
    template_url_name = "statement-import-template"

    def form_valid(self, form):
        response = super().form_valid(form)
        return redirect(self.subject) if response.status_code == 302 else response


class StatementTemplateView(ExcelTemplateMixin, StatementImportAccess, View):
    pass
