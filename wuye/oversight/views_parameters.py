"""The parameters page (regulators; others 403): each check's parameters and points in force in the
regulator's division or one below it, where each value comes from, its history; a form to override one
from a date, and the cancellation of an override not yet in force."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wuye.comanagement.views_common import form_page
from wuye.compliance.catalogue import load_catalogue
from wuye.compliance.models import EvaluationRun, ParameterOverride
from wuye.compliance.parameters import division_chain, nearest, parameter_specs
from wuye.core.scoping import division_prefix, scope_of
from wuye.oversight.actions_parameters import add_override, cancel_override, may_set_parameters
from wuye.oversight.forms_parameters import CancelForm, CatalogueFilterForm, OverrideForm

CHECKS_PER_PAGE = 20


def regulator_only(request):
    if not may_set_parameters(request.user):
        raise PermissionDenied


def matching_checks(filters: dict):
    words = (filters.get("q") or "").strip().lower()
    for clause in load_catalogue().clauses:
        if filters.get("clause") and clause.id != filters["clause"]:
            continue
        for check in clause.checks:
            if filters.get("kind") and check.kind != filters["kind"]:
                continue
            text = f"{check.id} {check.description.zh} {check.description.en}".lower()
            if words and words not in text:
                continue
            yield check


def home_division(user, chosen):
    """The chosen division, else the regulator's own (the region for an operator)."""
    if chosen is not None:
        return chosen
    codes = sorted(scope_of(user).division_codes)
    return codes[0] if codes else "150000"


def parameter_rows(checks, division_code: str, on):
    """Per check, per parameter (and its points): the value in force, the override it comes from (None:
    the catalogue's default) and the history of overrides that apply to the division, newest first.

    The overrides of the division's ancestors are read too: what a league set is the rule its counties
    apply, so their regulators see it (they cannot change it)."""
    chain = division_chain(division_code)
    history = defaultdict(list)
    overrides = (
        ParameterOverride.objects.filter(division_id__in=chain, check_id__in=[check.id for check in checks])
        .select_related("division", "set_by", "cancelled_by")
        .order_by("-valid_from", "-created_at")
    )
    for override in overrides:
        override.future = override.valid_from > on
        history[override.check_id, override.name].append(override)
    rows = []
    for check in checks:
        parameters = []
        for spec in parameter_specs(check.id):
            past = history[check.id, spec.name]
            live = [(o.division_id, o, o.valid_from) for o in past if o.cancelled_at is None and not o.future]
            source = nearest(live, chain)[1] if live else None
            value = source.value if source else spec.default
            parameters.append({"spec": spec, "value": value, "source": source, "history": past})
        rows.append({"check": check, "parameters": parameters})
    return rows


def reevaluation_queued(division_code: str) -> bool:
    """An override of the division, above or below it changed (or was cancelled) after the last full
    evaluation began: findings and scores are yet to follow."""
    near = Q(division_id__in=division_chain(division_code)) | Q(
        division__code__startswith=division_prefix(division_code)
    )
    changed = (
        ParameterOverride.objects.filter(near)
        .annotate(changed=Greatest("created_at", Coalesce("cancelled_at", "created_at")))
        .order_by("-changed")
        .values_list("changed", flat=True)
        .first()
    )
    runs = EvaluationRun.objects.filter(full=True).order_by("-started_at")
    started = runs.values_list("started_at", flat=True).first()
    return changed is not None and (started is None or changed > started)


@login_required
def parameters_page(request):
    regulator_only(request)
    form = CatalogueFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    division = filters.get("division")
    division_code = division.code if division else home_division(request.user, None)
    page = Paginator(list(matching_checks(filters)), CHECKS_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "rows": parameter_rows(list(page.object_list), division_code, today),
        "division_code": division_code,
        "today": today,
        "queued": reevaluation_queued(division_code),
        "querystring": query.urlencode(),
    }
    return render(request, "oversight/parameters_page.html", context)


@login_required
def override_create(request):
    regulator_only(request)
    form = OverrideForm(request.POST or None, initial=request.GET.dict(), user=request.user)
    back = reverse("oversight-parameters")
    return form_page(
        request,
        form,
        lambda: add_override(request.user, form.instance),
        title=_("调整检查参数"),
        parent=None,
        back=back,
        done=_("参数调整已保存；已排队重新评价，问题和评分随后更新。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def override_cancel(request, pk):
    regulator_only(request)
    override = get_object_or_404(ParameterOverride.objects.visible_to(request.user), pk=pk)
    form = CancelForm(request.POST or None)
    back = reverse("oversight-parameters")
    return form_page(
        request,
        form,
        lambda: cancel_override(request.user, override, form.cleaned_data["reason"]),
        title=_("撤销参数调整：%(override)s") % {"override": override},
        parent=None,
        back=back,
        done=_("参数调整已撤销；已排队重新评价。"),
    )
