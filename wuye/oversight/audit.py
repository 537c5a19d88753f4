"""What the audit view reads, set-based: the change history of every registry model in one UNION, the
back-filled evidence counts per project and enterprise, the latest chain verification per project."""

from collections import defaultdict

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import CharField, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat

from wuye.core.models import RegistryModel
from wuye.core.scoping import scope_of
from wuye.core.verification import evidence_models
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project, ServicePeriod
from wuye.oversight.models import ChainVerification

HISTORY_COLUMNS = ("registry_kind", "id", "history_id", "history_date", "history_type", "history_user_id")


def registry_models() -> dict[str, type]:
    """{label: model} of every registry model (each keeps its history with django-simple-history)."""
    found = [m for m in apps.get_models() if issubclass(m, RegistryModel) and not m._meta.proxy]
    return {m._meta.label_lower: m for m in sorted(found, key=lambda m: m._meta.label_lower)}


def path_to(model, target, depth: int = 3) -> str | None:
    """The lookup from ``model`` to ``target`` along foreign keys ("id" for the target itself)."""
    if model is target:
        return "id"
    frontier = [(model, "")]
    for _level in range(depth):
        following = []
        for current, path in frontier:
            for field in current._meta.concrete_fields:
                if field.many_to_one and field.related_model is not None:
                    step = f"{path}__{field.name}" if path else field.name
                    if field.related_model is target:
                        return step
                    following.append((field.related_model, step))
        frontier = following
    return None


def visible_history(model, user):
    """The history rows of ``model`` the user sees, scoped by the history table's own columns (its copy of
    project_id, enterprise_id, division...) with the model's own ``scope_q``: a deleted record's rows stay
    visible where the record was. A rule the history table cannot express (through a reverse relation)
    falls back to the records that still exist."""
    scope = scope_of(user)
    history = model.history.all()
    if scope.everything:
        return history
    if scope.is_empty:
        return history.none()
    try:
        return history.filter(model.scope_q(scope, write=False))
    except FieldError:
        return history.filter(id__in=model.objects.visible_to(user).values("pk"))


def history_rows(user, filters: dict):
    """One UNION of the history tables of the records the user sees, newest first (a queryset of tuples
    ``HISTORY_COLUMNS``, sliced by the page)."""
    parts = []
    for label, model in registry_models().items():
        if filters.get("kind") and filters["kind"] != label:
            continue
        rows = visible_history(model, user)
        for target, key in ((Enterprise, "enterprise"), (Project, "project")):
            if filters.get(key):
                path = path_to(model, target)
                rows = rows.none() if path is None else rows.filter(**{path: filters[key].pk})
        if filters.get("user"):
            rows = rows.filter(history_user__username__icontains=filters["user"])
        if filters.get("since"):
            rows = rows.filter(history_date__date__gte=filters["since"])
        if filters.get("until"):
            rows = rows.filter(history_date__date__lte=filters["until"])
        rows = rows.annotate(registry_kind=Value(label, output_field=CharField())).order_by()
        parts.append(rows.values_list(*HISTORY_COLUMNS))
    if not parts:
        return []
    first, *others = parts
    return first.union(*others, all=True).order_by("-history_date", "-history_id")


def describe(rows) -> list[dict]:
    """A page of history tuples with their records and users: one query per kind on the page."""
    from wuye.accounts.models import User

    models = registry_models()
    wanted = defaultdict(set)
    for kind, pk, *_rest in rows:
        wanted[kind].add(pk)
    objects = {
        (kind, obj.pk): obj for kind, pks in wanted.items() for obj in models[kind].objects.filter(pk__in=pks)
    }
    users = User.objects.in_bulk({row[5] for row in rows if row[5]})
    return [
        {
            "kind": models[kind]._meta.verbose_name,
            "object": objects.get((kind, pk)),
            "at": at,
            "type": change,
            "user": users.get(user_id),
        }
        for kind, pk, _history_id, at, change, user_id in rows
    ]


def chain_keys(queryset, kind: str):
    """The chain keys ("project:12") of a queryset's rows, as a subquery."""
    key = Concat(Value(f"{kind}:"), Cast("pk", CharField()), output_field=CharField())
    return queryset.annotate(chain_key=key).values("chain_key")


def backfill_counts(user) -> tuple[list, list]:
    """Evidence records and back-filled ones per project and per enterprise the user sees, one grouped
    query per evidence table over the visible chains only. An enterprise's row counts its own chain plus
    the chains of the projects (among those the user sees) it serves now."""
    projects = list(Project.objects.visible_to(user).order_by("pk"))
    enterprises = list(Enterprise.objects.visible_to(user).order_by("pk"))
    visible = Q(chain__in=chain_keys(Project.objects.visible_to(user), "project")) | Q(
        chain__in=chain_keys(Enterprise.objects.visible_to(user), "enterprise")
    )
    totals = defaultdict(lambda: [0, 0])
    for model in evidence_models():
        grouped = (
            model.objects.filter(visible)
            .order_by()
            .values("chain")
            .annotate(n=Count("pk"), late=Count("pk", filter=Q(backfilled=True)))
        )
        for row in grouped:
            totals[row["chain"]][0] += row["n"]
            totals[row["chain"]][1] += row["late"]
    served = defaultdict(set)
    seen_projects = {project.pk for project in projects}
    periods = ServicePeriod.objects.current().filter(enterprise__in=[e.pk for e in enterprises])
    for enterprise_id, project_id in periods.values_list("enterprise_id", "project_id"):
        if project_id in seen_projects:
            served[enterprise_id].add(project_id)

    def row(obj, keys):
        records = sum(totals[key][0] for key in keys if key in totals)
        late = sum(totals[key][1] for key in keys if key in totals)
        return {"object": obj, "records": records, "backfilled": late} if records else None

    project_rows = [row(p, [f"project:{p.pk}"]) for p in projects]
    enterprise_rows = [
        row(e, [f"enterprise:{e.pk}", *(f"project:{pk}" for pk in sorted(served[e.pk]))]) for e in enterprises
    ]
    return [r for r in project_rows if r], [r for r in enterprise_rows if r]


def latest_verifications(user):
    """Each project the user sees with its latest verification (None: never verified)."""
    latest = ChainVerification.objects.filter(project=OuterRef("pk")).order_by("-requested_at", "-pk")
    projects = Project.objects.visible_to(user).annotate(verification=Subquery(latest.values("pk")[:1]))
    projects = list(projects.order_by("pk"))
    found = ChainVerification.objects.in_bulk([p.verification for p in projects if p.verification])
    return [(project, found.get(project.verification)) for project in projects]
