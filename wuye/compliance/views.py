"""Scorecards of a project and an enterprise, and the manager's appeal and exemption request on a finding.

Pages read through ``visible_to`` (404 outside the scope) and write through ``actions``: a role that
may not act gets 403 and nothing is written; wrong input comes back on the form's fields.
The regulator's queue and decisions are in ``views_review``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView

from wuye.compliance import actions
from wuye.compliance.forms import AppealForm, ExemptionRequestForm, add_action_errors
from wuye.compliance.models import Finding
from wuye.compliance.queries import with_latest_score
from wuye.compliance.scorecard import build_scorecard
from wuye.compliance.scores import findings_in_force
from wuye.compliance.templatetags.compliance_pages import SEVERITIES, check_label, party_label
from wuye.core.scoping import scope_of
from wuye.core.spreadsheets import export_file
from wuye.core.views import ScopedMixin
from wuye.core.web_excel import dated_filename, xlsx_response
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project, ServicePeriod


def scorecard_url(finding: Finding) -> str:
    """The scorecard a finding is shown on: its project's, or (project-less) its enterprise's."""
    if finding.project_id:
        return reverse("project-scorecard", args=[finding.project_id])
    return reverse("enterprise-scorecard", args=[finding.enterprise_id])


# Scorecards


# The findings of a scorecard in Excel (``?export=xlsx``): every finding in force the page counts.
FINDING_COLUMNS = [
    (gettext_lazy("条款"), "clause_id"),
    (gettext_lazy("检查项"), lambda finding: check_label(finding.check_id)),
    (gettext_lazy("对象"), "subject_name"),
    (gettext_lazy("责任方"), lambda finding: party_label(finding.party)),
    (gettext_lazy("严重程度"), lambda finding: SEVERITIES.get(finding.severity, finding.severity)),
    (gettext_lazy("扣分"), "points"),
    (gettext_lazy("状态"), lambda finding: finding.get_state_display()),
    (gettext_lazy("起始时间"), "period_start"),
    (gettext_lazy("结束时间"), "period_end"),
    (gettext_lazy("说明"), "message"),
]


class ScorecardMixin(ScopedMixin):
    """A scorecard page of a subject the user sees (404 otherwise); ``?clause=`` shows all of one clause;
    ``?export=xlsx`` exports its findings in force (of that clause only with ``?clause=``)."""

    subject_field = "project"  # the Finding field naming the subject: "project" or "enterprise"

    def findings_q(self) -> Q:
        """The subject's own findings: a project's, or an enterprise's about itself (not its projects')."""
        own = Q(**{self.subject_field: self.object})
        return own if self.subject_field == "project" else own & Q(project__isnull=True)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        findings = Finding.objects.visible_to(request.user).filter(self.findings_q()) & findings_in_force(
            timezone.now()
        )
        clause = request.GET.get("clause", "")[:6]
        if clause:
            findings = findings.filter(clause_id=clause)
        title = _("%(subject)s的问题") % {"subject": self.object.name}
        rows = findings.order_by("clause_id", "-period_start", "pk")
        return xlsx_response(export_file(rows, FINDING_COLUMNS, title=title), dated_filename(title))

    def get_context_data(self, **kwargs):
        self.now = timezone.now()
        context = super().get_context_data(**kwargs)
        context["now"] = self.now
        return context

    def scorecard(self, **subject):
        return build_scorecard(
            self.request.user,
            now=self.now,
            expanded=self.request.GET.get("clause", "")[:6],
            **subject,
        )


class ProjectScorecardView(ScorecardMixin, DetailView):
    model = Project
    template_name = "compliance/project_scorecard.html"
    select_related = ("division__parent",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, project = self.request.user, self.object
        context["scorecard"] = self.scorecard(
            subject=f"project:{project.pk}",
            subject_q=self.findings_q(),
            exemption_q=Q(project=project),
            project=project,
        )
        context["current_period"] = (
            ServicePeriod.objects.visible_to(user)
            .current()
            .filter(project=project)
            .select_related("enterprise")
            .first()
        )
        return context


class EnterpriseScorecardView(ScorecardMixin, DetailView):
    model = Enterprise
    subject_field = "enterprise"
    template_name = "compliance/enterprise_scorecard.html"
    select_related = ("division__parent",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, enterprise = self.request.user, self.object
        own = self.findings_q()
        context["scorecard"] = self.scorecard(
            subject=f"enterprise:{enterprise.pk}", subject_q=own, exemption_q=own, enterprise=enterprise
        )
        # A regulator orders the enterprise to rectify its findings (issue 9's rectification orders).
        context["can_order"] = scope_of(user).oversees
        # The projects whose scores make up the enterprise's mean: those it serves today.
        served = ServicePeriod.objects.visible_to(user).current().filter(enterprise=enterprise)
        context["projects"] = with_latest_score(
            Project.objects.visible_to(user)
            .filter(pk__in=served.values("project_id"))
            .select_related("division__parent")
            .order_by("name"),
            "project",
        )
        return context


# A manager's answer to a finding


class FindingActionMixin(LoginRequiredMixin):
    """A form about one finding: 404 when the user does not see it, 403 when his role may not act."""

    template_name = "compliance/finding_action_form.html"
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        visible = Finding.objects.visible_to(request.user).select_related("project", "enterprise")
        self.finding = get_object_or_404(visible, pk=kwargs["pk"])
        self.now = timezone.now()
        if not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def allowed(self) -> bool:
        """Whether the user may take this action on the finding; each action says (refused by default)."""
        return False

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(f"{scorecard_url(self.finding)}#finding-{self.finding.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            finding=self.finding,
            cancel_url=scorecard_url(self.finding),
            appeal_deadline=actions.appeal_deadline(self.finding),
        )
        return context


class AppealCreateView(FindingActionMixin, FormView):
    """申诉: a manager of the finding's enterprise contests it with a statement, within the deadline."""

    form_class = AppealForm
    title = gettext_lazy("申诉")

    def allowed(self):
        return actions.files_appeals(self.request.user)

    def act(self, data):
        actions.file_appeal(self.request.user, self.finding, data["statement"], now=self.now)
        self.success_message = _("申诉已提交，监管部门将在 %(days)d 天内裁决。") % {
            "days": actions.deadline_days("appeal_decision_deadline").days
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Shown before typing, not only after a refused submit: the deadline passed, already appealed.
        context["obstacle"] = actions.appeal_obstacle(self.request.user, self.finding, self.now)
        return context


class ExemptionRequestView(FindingActionMixin, FormView):
    """申请豁免: the finding's check does not apply to its project (or enterprise) until a date."""

    form_class = ExemptionRequestForm
    title = gettext_lazy("申请豁免")

    def subject(self):
        """(project, enterprise): the finding's project, or for a project-less one its enterprise."""
        if self.finding.project_id:
            return self.finding.project, None
        return None, self.finding.enterprise

    def allowed(self):
        project, enterprise = self.subject()
        return actions.may_request_exemption(
            self.request.user, project, enterprise, timezone.localdate(self.now)
        )

    def act(self, data):
        project, enterprise = self.subject()
        actions.request_exemption(
            self.request.user,
            project,
            self.finding.check_id,
            data["reason"],
            data["expires_on"],
            enterprise=enterprise,
            valid_from=data["valid_from"],
            now=self.now,
        )
        self.success_message = _("豁免申请已提交，待监管部门审批。")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not actions.exemptible(self.finding.check_id):
            context["obstacle"] = _("一票否决项不能豁免。")
        return context
