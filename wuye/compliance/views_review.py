"""The review queue (appeals and exemption requests) and the page of one, where its regulator decides.

Everyone sees the appeals and exemptions within his scope (a manager follows his own); only a
regulator over the subject gets the decision form, and a POST from anyone else is 403 with nothing
written. After a decision the action has already recomputed the day's scores.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import DateTimeField, F, Q, Value
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wuye.compliance import actions
from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.evidence_rows import attach_evidence
from wuye.compliance.forms import DecisionForm, ReviewQueueFilter, add_action_errors
from wuye.compliance.models import Finding
from wuye.compliance.review import Appeal, AppealStatus, Exemption, ExemptionStatus, ReviewStatusChange
from wuye.compliance.scores import findings_in_force
from wuye.compliance.views import scorecard_url
from wuye.core.scoping import scope_of
from wuye.core.spreadsheets import export_file
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin
from wuye.core.web_excel import dated_filename, xlsx_response

PER_PAGE = 20
PENDING = {"appeal": AppealStatus.FILED, "exemption": ExemptionStatus.REQUESTED}


def is_regulator(user) -> bool:
    return bool(scope_of(user).division_codes)


# The queue


def queue_rows(user, *, kind: str, state: str, overdue: bool, search: str, now):
    """(kind, pk) rows of the appeals and exemptions the user sees, as one sortable, countable query."""
    appeals = Appeal.objects.visible_to(user)
    exemptions = Exemption.objects.visible_to(user)
    if state == "pending":
        appeals, exemptions = (
            appeals.filter(status=PENDING["appeal"]),
            exemptions.filter(status=PENDING["exemption"]),
        )
    elif state == "decided":
        appeals, exemptions = (
            appeals.exclude(status=PENDING["appeal"]),
            exemptions.exclude(status=PENDING["exemption"]),
        )
    if overdue:  # only appeals have a decision deadline
        appeals, exemptions = appeals.overdue(now), exemptions.none()
    if search:
        appeals = appeals.filter(
            Q(finding__subject_name__icontains=search) | Q(finding__enterprise__name__icontains=search)
        )
        exemptions = exemptions.filter(
            Q(project__name__icontains=search) | Q(enterprise__name__icontains=search)
        )
    parts = {
        "appeal": appeals.annotate(kind=Value("appeal"), opened=F("filed_at"), due=F("decide_by"))
        .order_by()
        .values_list("kind", "pk", "opened", "due"),
        "exemption": exemptions.annotate(
            kind=Value("exemption"), opened=F("requested_at"), due=Value(None, output_field=DateTimeField())
        )
        .order_by()
        .values_list("kind", "pk", "opened", "due"),
    }
    rows = parts[kind] if kind in parts else parts["appeal"].union(parts["exemption"], all=True)
    # Waiting ones oldest first (the longest wait on top); decided ones newest first.
    return rows.order_by("opened" if state == "pending" else "-opened")


def load_rows(user, rows) -> list:
    """The page's appeals and exemptions themselves: one query per kind."""
    wanted = {"appeal": [], "exemption": []}
    for kind, pk, *_rest in rows:
        wanted[kind].append(pk)
    appeals = (
        Appeal.objects.visible_to(user)
        .select_related("finding__project", "finding__enterprise", "filed_by")
        .in_bulk(wanted["appeal"])
    )
    exemptions = (
        Exemption.objects.visible_to(user)
        .select_related("project", "enterprise", "requested_by")
        .in_bulk(wanted["exemption"])
    )
    loaded = []
    for kind, pk, *_rest in rows:
        obj = appeals.get(pk) if kind == "appeal" else exemptions.get(pk)
        if obj is not None:
            obj.kind = kind
            loaded.append(obj)
    return loaded


def _appeal_or(item, appeal, exemption):
    """What a queue row shows for its kind: ``appeal(item)`` for an appeal, ``exemption(item)`` else."""
    return appeal(item) if item.kind == "appeal" else exemption(item)


def _enterprise_name(item) -> str:
    enterprise = _appeal_or(item, lambda a: a.finding.enterprise, lambda e: e.enterprise)
    return enterprise.name if enterprise else ""


# The queue's columns in Excel: what its table shows, for either kind.
REVIEW_COLUMNS = [
    (gettext_lazy("类型"), lambda item: _appeal_or(item, lambda a: _("申诉"), lambda e: _("豁免申请"))),
    (
        gettext_lazy("项目或企业"),
        lambda item: _appeal_or(
            item,
            lambda a: a.finding.subject_name,
            lambda e: e.project.name if e.project_id else e.enterprise.name,
        ),
    ),
    (gettext_lazy("物业服务企业"), _enterprise_name),
    (
        gettext_lazy("内容"),
        lambda item: _appeal_or(
            item, lambda a: f"{a.finding.clause_id} {a.finding.message}", lambda e: f"{e.check_id} {e.reason}"
        ),
    ),
    (
        gettext_lazy("提出人"),
        lambda item: str(_appeal_or(item, lambda a: a.filed_by, lambda e: e.requested_by)),
    ),
    (gettext_lazy("提出时间"), lambda item: _appeal_or(item, lambda a: a.filed_at, lambda e: e.requested_at)),
    (gettext_lazy("裁决期限"), lambda item: _appeal_or(item, lambda a: a.decide_by, lambda e: None)),
    (gettext_lazy("状态"), lambda item: item.get_status_display()),
]


class ReviewQueueView(LoginRequiredMixin, FragmentMixin, TemplateView):
    """The queue of appeals and exemptions; ``?export=xlsx`` exports the filtered queue whole."""

    template_name = "compliance/review_list.html"
    fragment_template_name = "compliance/_review_results.html"

    def queue(self, now):
        queue = ReviewQueueFilter(self.request.GET)
        state = queue.form.value("state", "pending")
        rows = queue_rows(
            self.request.user,
            kind=queue.form.value("kind"),
            state=state,
            overdue=queue.form.value("overdue") == "true",
            search=queue.form.value("q").strip(),
            now=now,
        )
        return queue, state, rows

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        _queue, _state, rows = self.queue(timezone.now())
        title = _("申诉与豁免")
        items = load_rows(request.user, rows)
        return xlsx_response(export_file(items, REVIEW_COLUMNS, title=title), dated_filename(title))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, now = self.request.user, timezone.now()
        queue, state, rows = self.queue(now)
        page = Paginator(rows, ScopedListView.paginate_by).get_page(self.request.GET.get("page"))
        items = load_rows(user, page.object_list)
        for item in items:
            item.can_decide = bool(decision_choices(item)) and actions.regulates(user, division_of(item))
            item.overdue = (
                item.kind == "appeal" and item.status == AppealStatus.FILED and item.decide_by < now
            )
        context.update(
            filter=queue,
            page_obj=page,
            items=items,
            state=state,
            is_regulator=is_regulator(user),
            now=now,
        )
        return context


# One appeal or exemption, and its decision


def division_of(obj) -> str | None:
    if isinstance(obj, Appeal):
        return actions.finding_division(obj.finding)
    return actions.subject_division(obj)


def decision_choices(obj) -> list[tuple[str, str]]:
    """What may be decided on ``obj`` now (the transition tables' moves a regulator makes)."""
    if isinstance(obj, Appeal):
        if obj.status == AppealStatus.FILED:
            return [("uphold", _("申诉成立：撤销该问题")), ("reject", _("驳回申诉"))]
        return []
    if obj.status == ExemptionStatus.REQUESTED:
        return [("approve", _("批准豁免")), ("reject", _("不予豁免"))]
    if obj.status == ExemptionStatus.APPROVED:
        return [("revoke", _("撤销豁免（提前终止）"))]
    return []


def check_or_none(check_id: str):
    try:
        return catalogue_check(check_id)
    except KeyError:
        return None


class ReviewDetailMixin(LoginRequiredMixin):
    """404 unseen; the decision form only for a regulator over the subject; a POST from others is 403."""

    model = None
    template_name = "compliance/review_detail.html"
    select_related: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        visible = self.model.objects.visible_to(request.user).select_related(*self.select_related)
        self.object = get_object_or_404(visible, pk=kwargs["pk"])
        self.choices = decision_choices(self.object)
        self.may_decide = bool(self.choices) and actions.regulates(request.user, division_of(self.object))
        if request.method == "POST" and not self.may_decide:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        if not self.may_decide:
            return None
        return DecisionForm(choices=self.choices, **self.get_form_kwargs())

    def form_valid(self, form):
        outcome, reason = form.cleaned_data["outcome"], form.cleaned_data["reason"]
        try:
            self.decide(outcome, reason)
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.decided_message(outcome))
        return redirect(reverse("review-queue"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        moves = ReviewStatusChange.objects.filter(**{self.model._meta.model_name: self.object})
        context.update(
            object=self.object,
            kind=self.model._meta.model_name,
            moves=moves.select_related("by").order_by("at", "pk"),
            may_decide=self.may_decide,
            now=timezone.now(),
        )
        return context


class AppealDetailView(ReviewDetailMixin, FormView):
    model = Appeal
    select_related = ("finding__project", "finding__enterprise", "filed_by", "decided_by")
    title = gettext_lazy("申诉")

    def decide(self, outcome, reason):
        actions.decide_appeal(self.request.user, self.object, outcome == "uphold", reason)

    def decided_message(self, outcome):
        if outcome == "uphold":
            return _("申诉成立：该问题已撤销，不再扣分，评分已更新。")
        return _("已驳回申诉，该问题继续计分。")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        finding = self.object.finding
        attach_evidence([finding], self.request.user)
        context.update(
            finding=finding,
            scorecard_url=scorecard_url(finding),
            appeal_deadline=actions.appeal_deadline(finding),
            title=self.title,
        )
        return context


class ExemptionDetailView(ReviewDetailMixin, FormView):
    model = Exemption
    select_related = ("project", "enterprise", "requested_by", "decided_by")
    title = gettext_lazy("豁免申请")

    def decide(self, outcome, reason):
        user, exemption = self.request.user, self.object
        if outcome == "revoke":
            actions.revoke_exemption(user, exemption, reason)
        else:
            actions.decide_exemption(user, exemption, outcome == "approve", reason)

    def decided_message(self, outcome):
        return {
            "approve": _("已批准豁免：生效期内该检查项不再对其产生问题，评分已更新。"),
            "reject": _("已驳回豁免申请。"),
            "revoke": _("豁免已撤销，该检查项恢复检查，评分已更新。"),
        }[outcome]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exemption = self.object
        subject = (
            Q(project=exemption.project)
            if exemption.project_id
            else Q(project__isnull=True, enterprise=exemption.enterprise)
        )
        # What the exemption would take out of the score: the subject's findings of this check in force.
        affected = Finding.objects.visible_to(self.request.user).filter(
            subject, check_id=exemption.check_id
        ) & findings_in_force(timezone.now())
        context.update(
            affected=affected.count(),
            check=check_or_none(exemption.check_id),
            scorecard_url=reverse("project-scorecard", args=[exemption.project_id])
            if exemption.project_id
            else reverse("enterprise-scorecard", args=[exemption.enterprise_id]),
            title=self.title,
        )
        return context
