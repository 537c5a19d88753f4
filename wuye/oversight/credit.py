"""Credit lists: the red list and the black list, each entry with its reasons, computed set-based here for
the regulator's lists, the public division page and the credit report alike.

- red: the enterprise's published grade was A in every published period of the last ``red_list_months``
  (as many periods as the window holds, none missing, none below A);
- black: its latest published grade is D, or a veto finding (sudden withdrawal, refusing to leave) of it is
  open now (and not exempted).
Published grades come from publications in force (``PublicationStatus.PUBLISHED``); a superseded one no
longer counts. Black wins over red.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.actions_publication import period_label, period_of
from wuye.compliance.catalogue import clause as catalogue_clause
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.publication import GradePublication, PublicationStatus
from wuye.compliance.queries import division_chain, in_force_rows, with_published_grade
from wuye.compliance.review import exempt_findings_q
from wuye.compliance.scores import setting
from wuye.compliance.templatetags.compliance_pages import in_language
from wuye.core.dates import AddMonths
from wuye.core.scoping import Scope

RED, BLACK = "red", "black"
LIST_CHOICES = [(RED, gettext_lazy("红名单")), (BLACK, gettext_lazy("黑名单"))]
LIST_NAMES = dict(LIST_CHOICES)


@dataclass
class ListEntry:
    """An enterprise's place on a credit list and why."""

    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(LIST_NAMES[self.status])

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def serving_in(enterprises, code: str):
    """The enterprises registered in division ``code`` (or below) or serving an estate there."""
    from wuye.enterprises.models import Enterprise

    return enterprises.filter(Enterprise.regulator_q(Scope(division_codes=frozenset({code}))))


def red_window(today: datetime.date, division: str | None = None):
    """The first period start of the red list's window (an SQL expression) and how many periods it holds:
    the window ends at the latest period before the current one that has a publication in force, so the
    list does not empty between the 1st and the regulator's publication of last month."""
    months = int(setting("red_list_months"))
    period_months = int(setting("publication_period"))
    publications = GradePublication.objects.filter(
        status=PublicationStatus.PUBLISHED, period_start__lt=period_of(today).start
    )
    if division is not None:
        publications = publications.filter(division_id__in=division_chain(division))
    latest = Subquery(publications.order_by("-period_start").values("period_start")[:1])
    return latest, AddMonths(latest, period_months - months), max(months // period_months, 1)


def red_entries(enterprise_ids, today: datetime.date, division: str | None = None) -> dict[int, ListEntry]:
    latest, since, needed = red_window(today, division)
    rows = (
        in_force_rows(division)
        .filter(enterprise_id__in=enterprise_ids, project__isnull=True)
        .filter(publication__period_start__gte=since, publication__period_start__lte=latest)
        .values("enterprise_id")
        .annotate(
            periods=Count("publication__period_start", distinct=True),
            below_a=Count("pk", filter=~Q(grade="A")),
            first=Min("publication__period_start"),
            last=Max("publication__period_end"),
        )
        .filter(periods__gte=needed, below_a=0)
    )
    return {
        row["enterprise_id"]: ListEntry(
            RED,
            [
                _("%(period)s 各期公布等级均为 A（共 %(count)s 期）")
                % {"period": period_label(row["first"], row["last"]), "count": row["periods"]}
            ],
        )
        for row in rows
    }


def black_entries(
    enterprise_ids, today: datetime.date, division: str | None = None, *, graded_d=None
) -> dict[int, ListEntry]:
    """``graded_d``: (id, period start, period end) of those of the enterprises whose latest publication in
    force (of ``division`` or above) gives D, when the caller has read them already (a ranking page's rows
    carry ``with_published_grade``); None: read here."""
    from wuye.enterprises.models import Enterprise

    entries: dict[int, ListEntry] = {}
    if graded_d is None:
        graded_d = (
            with_published_grade(Enterprise.objects.filter(pk__in=enterprise_ids), division=division)
            .filter(published_grade="D")
            .values_list("pk", "published_period_start", "published_period_end")
        )
    for pk, start, end in graded_d:
        reason = _("%(period)s 期公布等级为 D") % {"period": period_label(start, end)}
        entries.setdefault(pk, ListEntry(BLACK)).reasons.append(reason)
    vetoes = (
        Finding.objects.filter(veto=True, state=FindingState.OPEN, enterprise_id__in=enterprise_ids)
        .exclude(exempt_findings_q(today))
        .order_by("enterprise_id", "period_start")
        .values_list("enterprise_id", "clause_id", "period_start")
    )
    for pk, clause_id, since in vetoes:
        reason = _("一票否决：第 %(clause)s 条 %(name)s（自 %(since)s 起）") % {
            "clause": clause_id,
            "name": in_language(catalogue_clause(clause_id).name),
            "since": f"{since:%Y-%m-%d}",
        }
        entries.setdefault(pk, ListEntry(BLACK)).reasons.append(reason)
    return entries


def credit_lists(
    enterprise_ids, today: datetime.date, division: str | None = None, *, graded_d=None
) -> dict[int, ListEntry]:
    """{enterprise id: its list entry} of the enterprises given (ids or a values("pk") queryset) on a list:
    three queries whatever their number (two with ``graded_d``, see ``black_entries``). ``division``: a
    page's division; only publications of it or of a division above it count (None: every publication)."""
    entries = red_entries(enterprise_ids, today, division)
    entries.update(black_entries(enterprise_ids, today, division, graded_d=graded_d))
    return entries


def enterprises_on(
    status: str, enterprise_ids, today: datetime.date, division: str | None = None
) -> dict[int, ListEntry]:
    """The entries of one list only (red or black)."""
    black = black_entries(enterprise_ids, today, division)
    if status == BLACK:
        return black
    return {
        pk: entry for pk, entry in red_entries(enterprise_ids, today, division).items() if pk not in black
    }
