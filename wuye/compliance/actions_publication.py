"""Use cases of the publication of grades: a regulator builds a draft for a period, reviews it, publishes it.

Only regulators (and operators) act, within their divisions; anyone else gets PermissionDenied and nothing
is written. Publishing a period already published supersedes the old publication in the same transaction.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.publication import GradePublication, PublicationStatus, PublishedGrade
from wuye.compliance.queries import with_latest_score
from wuye.compliance.scores import setting
from wuye.core.dates import add_months
from wuye.core.scoping import division_prefix, scope_of


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def label(self) -> str:
        if self.start.replace(day=1) == self.end.replace(day=1):
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m}–{self.end:%Y-%m}"


def period_of(day: datetime.date) -> Period:
    """The publication period containing ``day``: ``publication_period`` months, aligned on January."""
    months = int(setting("publication_period"))
    start = datetime.date(day.year, (day.month - 1) // months * months + 1, 1)
    return Period(start, add_months(start, months) - datetime.timedelta(days=1))


def last_ended_period(today: datetime.date) -> Period:
    return period_of(period_of(today).start - datetime.timedelta(days=1))


def period_label(start: datetime.date, end: datetime.date) -> str:
    return Period(start, end).label()


@transaction.atomic
def build_draft(user, division, day: datetime.date) -> GradePublication:
    """A draft of the period containing ``day`` for ``division``: each project in the division and each
    enterprise serving one at the period's end, with its latest snapshot taken on or before the period's end
    (a draft of the same period built before is replaced)."""
    from wuye.enterprises.models import Enterprise
    from wuye.estates.models import Project, ServicePeriod

    if not scope_of(user).governs(division.code):
        raise PermissionDenied
    period = period_of(day)
    today = timezone.localdate()
    if period.end >= today:
        raise ValidationError({"period": _("该期间尚未结束，不能发布。")})
    GradePublication.objects.filter(
        division=division, period_start=period.start, status=PublicationStatus.DRAFT
    ).delete()
    publication = GradePublication.objects.create(
        division=division,
        period_start=period.start,
        period_end=period.end,
        built_by=user,
        built_at=timezone.now(),
    )
    prefix = division_prefix(division.code)
    projects = Project.objects.filter(division__code__startswith=prefix)
    serving = ServicePeriod.objects.current(period.end).filter(project__in=projects).values("enterprise_id")
    enterprises = Enterprise.objects.filter(pk__in=serving)
    rows = []
    for kind, queryset in (("project", projects), ("enterprise", enterprises)):
        scored = with_latest_score(queryset, kind, period.end).filter(latest_on__isnull=False)
        for pk, name, score, grade, on in scored.values_list(
            "pk", "name", "latest_score", "latest_grade", "latest_on"
        ):
            rows.append(
                PublishedGrade(
                    publication=publication,
                    subject=f"{kind}:{pk}",
                    subject_name=name,
                    score=Decimal(score),
                    grade=grade,
                    open_findings=0,
                    snapshot_on=on,
                    **{f"{kind}_id": pk},
                )
            )
    PublishedGrade.objects.bulk_create(rows, batch_size=1000)
    _copy_open_findings(publication)
    return publication


def _copy_open_findings(publication: GradePublication) -> None:
    """Each row's open findings as its snapshot counted them (one UPDATE per kind, no loop over rows)."""
    from django.db.models import OuterRef, Subquery

    from wuye.compliance.models import ScoreSnapshot

    counted = ScoreSnapshot.objects.filter(subject=OuterRef("subject"), on=OuterRef("snapshot_on"))
    PublishedGrade.objects.filter(publication=publication).update(
        open_findings=Subquery(counted.values("open_findings")[:1])
    )


@transaction.atomic
def publish(user, publication: GradePublication) -> GradePublication:
    """The draft published (who, when); a publication in force for the same division and period is
    superseded by it. Its rows are fixed from now on."""
    if not scope_of(user).governs(publication.division_id):
        raise PermissionDenied
    locked = GradePublication.objects.select_for_update().get(pk=publication.pk)
    if not locked.is_draft:
        raise ValidationError(_("该发布已发布过。"))
    in_force = (
        GradePublication.objects.select_for_update()
        .filter(
            division_id=locked.division_id,
            period_start=locked.period_start,
            status=PublicationStatus.PUBLISHED,
        )
        .first()
    )
    if in_force is not None:
        in_force.status = PublicationStatus.SUPERSEDED
        in_force.save(update_fields=["status"])
    locked.supersedes = in_force
    locked.status = PublicationStatus.PUBLISHED
    locked.published_by = user
    locked.published_at = timezone.now()
    locked.save()
    return locked


def changes_since_last(publication: GradePublication) -> list[dict]:
    """What changed against the division's last publication in force before this one: rows whose grade
    changed, and rows new or gone ({subject_name, before, after}), two queries."""
    before = (
        GradePublication.objects.filter(
            division_id=publication.division_id,
            status=PublicationStatus.PUBLISHED,
            period_start__lte=publication.period_start,
        )
        .exclude(pk=publication.pk)
        .order_by("-period_start", "-published_at")
        .first()
    )
    old = {} if before is None else {r.subject: r for r in before.rows.all()}
    changes = []
    seen = set()
    for row in publication.rows.all():
        seen.add(row.subject)
        previous = old.get(row.subject)
        if previous is None or previous.grade != row.grade:
            changes.append({"subject_name": row.subject_name, "before": previous, "after": row})
    for subject, previous in old.items():
        if subject not in seen:
            changes.append({"subject_name": previous.subject_name, "before": previous, "after": None})
    return changes
