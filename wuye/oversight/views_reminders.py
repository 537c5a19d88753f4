"""Pages of the reminders: deadlines coming up (即将到期) and the regulator's weekly digests.

The deadlines page is for whoever answers for duties or watches them: a manager (his enterprise), project
staff (their project), a regulator (its divisions); other roles get 403. The digests are a regulator's
own (someone else's is 404, a non-regulator gets 403).
"""

import datetime
from types import SimpleNamespace

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from wuye.core.scoping import scope_of
from wuye.core.spreadsheets.export import export_file
from wuye.core.web import FragmentMixin, RegulatorOnlyMixin
from wuye.core.web_excel import dated_filename, xlsx_response
from wuye.core.web_forms import BootstrapFormMixin
from wuye.oversight.models import RegulatorDigest
from wuye.oversight.reminders import DeadlineKind, upcoming

PER_PAGE = 20
DEFAULT_DAYS = 30
EXPORT_COLUMNS = [
    (_("类别"), "kind_label"),
    (_("对象"), "subject_name"),
    (_("项目"), "project_name"),
    (_("企业"), "enterprise_name"),
    (_("到期时间"), lambda row: timezone.localtime(row.due).replace(tzinfo=None)),
]


def may_follow_deadlines(user) -> bool:
    scope = scope_of(user)
    return bool(scope.everything or scope.division_codes or scope.enterprise_ids or scope.staff_project_ids)


class DeadlineFilterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部"))] + DeadlineKind.choices
    )
    # A text search on the project's name: a region's regulator sees some 2,000 projects, too many to list.
    q = forms.CharField(label=_("项目名称"), required=False, max_length=100)
    within = forms.IntegerField(label=_("天数内到期"), required=False, min_value=1, max_value=366)


class DeadlineListView(LoginRequiredMixin, FragmentMixin, TemplateView):
    template_name = "oversight/reminders_deadlines.html"
    fragment_template_name = "oversight/_reminders_deadlines.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_follow_deadlines(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def rows(self, form):
        """The deadlines within the horizon asked for (only those are worked out), by the valid fields of
        the filter (an invalid one is shown with its error and left out, the others still apply)."""
        form.is_valid()
        values = form.cleaned_data
        days = values.get("within") or DEFAULT_DAYS
        now = timezone.now()
        kinds = [values["kind"]] if values.get("kind") else None
        return upcoming(
            now,
            now + datetime.timedelta(days=days),
            self.request.user,
            kinds=kinds,
            project_name=values.get("q") or None,
        )

    def get(self, request, *args, **kwargs):
        form = DeadlineFilterForm(request.GET or None)
        export = request.GET.get("export") == "xlsx"
        if export and form.errors:
            return HttpResponseBadRequest(" ".join(e for errors in form.errors.values() for e in errors))
        rows = self.rows(form)
        if export:
            title = str(_("即将到期"))
            return xlsx_response(export_file(rows, EXPORT_COLUMNS, title=title), dated_filename(title))
        query = request.GET.copy()
        query.pop("page", None)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        context = self.get_context_data(
            # The filter bar (includes/filter_bar.html) reads ``filter.form``: a plain form stands in.
            filter=SimpleNamespace(form=form),
            page_obj=page,
            is_regulator=scope_of(request.user).oversees,
            querystring=query.urlencode(),
        )
        return self.render_to_response(context)


class DigestListView(RegulatorOnlyMixin, ListView):
    template_name = "oversight/reminders_digest_list.html"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return RegulatorDigest.objects.visible_to(self.request.user).order_by("-week_start", "-pk")


class DigestDetailView(RegulatorOnlyMixin, DetailView):
    template_name = "oversight/reminders_digest_detail.html"
    context_object_name = "digest"

    def get_object(self, queryset=None):
        return get_object_or_404(RegulatorDigest.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content"] = self.object.content
        return context
