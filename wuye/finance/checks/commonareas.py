"""Checks of clause 2.5: every use of common parts in effect carries an owners' vote meeting 民法典
Art. 278's thresholds (``votes_commonareas``), and every published half-year statement shows at least the
common-area income recorded for its half year. Set-based: one query per group of thresholds, one for the
statements; loops only over the failing rows.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.compliance.duties import start_of_day
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.estates.periods import serving_enterprise
from wuye.finance.checks.statements import HALF_FEN, served_projects
from wuye.finance.choices_commonareas import COMMON_INCOME
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.income_commonareas import with_half
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, Statement, StatementLine
from wuye.finance.validation_statements import to_fen
from wuye.finance.votes_commonareas import shortfalls, thresholds, with_authorisation

MONEY = DecimalField(max_digits=14, decimal_places=2)


@register("2.5.use_authorised")
class UseNotAuthorised(Check):
    """Each use of common parts in effect since the current service period began (its period overlaps
    [that start, today]) has an owners' vote held on or before it started, meeting the four thresholds
    (exactly at a threshold passes). One finding per failing use, open while the use lasts."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups = defaultdict(dict)
        for pk, division, duty_start in served_projects(today).values_list("pk", "division_id", "duty_start"):
            limits = thresholds(division, today)
            groups[tuple(sorted(limits.items()))][pk] = duty_start
        for key, starts in groups.items():
            limits = dict(key)
            duty_start = served_projects(today).filter(pk=OuterRef("project_id")).values("duty_start")[:1]
            in_window = (
                CommonAreaUse.objects.filter(project_id__in=list(starts), start__lte=today)
                .annotate(duty_start=Subquery(duty_start))
                .filter(Q(end__isnull=True) | Q(end__gte=F("duty_start")))
            )
            failing = (
                with_authorisation(in_window, limits)
                .filter(authorised=False)
                .select_related("project", "vote")
                .order_by("project_id", "start", "pk")
            )
            failing = list(failing)
            if failing:
                enterprise_at = serving_enterprise({use.project_id for use in failing})
                applied = {name: str(value) for name, value in limits.items()}
                for use in failing:
                    yield self.draft(use, starts[use.project_id], today, limits, applied, enterprise_at)

    def draft(self, use, duty_start, today, limits, applied, enterprise_at):
        project = use.project
        begun = start_of_day(max(use.start, duty_start))
        ended = use.end is not None and use.end < today
        reasons = pgettext("list separator", "；").join(shortfalls(use, use.vote, limits))
        message = _("%(project)s %(use)s（%(start)s起）未经业主依法表决同意：%(reasons)s") % {
            "project": project.name,
            "use": f"{use.get_kind_display()}·{use.location}",
            "start": use.start,
            "reasons": reasons,
        }
        evidence = [f"finance.commonareause:{use.pk}"]
        if use.vote_id:
            evidence.append(f"finance.ownersvote:{use.vote_id}")
        return FindingDraft(
            check_id=self.check_id,
            subject=f"commonareause:{use.pk}",
            subject_name=f"{project.name} {use}",
            period_start=begun,
            period_end=start_of_day(use.end + datetime.timedelta(days=1)) if ended else None,
            message=message,
            project_id=project.pk,
            enterprise_id=enterprise_at(project.pk, begun),
            division_id=project.division_id,
            evidence=evidence,
            parameters=applied,
        )


# Amounts are fen-exact; a difference of one fen is let pass (rounding on the statement's side).
TOLERANCE = Decimal("0.01")


def undisclosed_income(as_of):
    """Published statements (versions in force) whose 4002 公共收益 (the level-1 total as stated, else the
    sum of its level-2 lines) is short of the common-area income received in their half year by more than
    ``TOLERANCE``: one query."""
    lines = StatementLine.objects.filter(statement=OuterRef("pk")).order_by()
    stated = lines.filter(account__parent=None, account__code=COMMON_INCOME).values("amount")[:1]
    children = (
        lines.filter(account__parent__code=COMMON_INCOME, account__parent__parent=None)
        .values("statement")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    received = (
        with_half(CommonAreaIncome.objects.filter(project=OuterRef("project")))
        .filter(year=OuterRef("year"), half=OuterRef("half"))
        .order_by()
        .values("project")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    zero = Value(Decimal("0.00"))
    return (
        Statement.objects.filter(status=StatementStatus.PUBLISHED, published_at__lte=as_of)
        .annotate(
            shown=Coalesce(
                Subquery(stated, output_field=MONEY),
                Subquery(children, output_field=MONEY),
                zero,
                output_field=MONEY,
            ),
            received=Coalesce(Subquery(received, output_field=MONEY), zero, output_field=MONEY),
        )
        # Half a fen more: SQLite adds decimals as floats.
        .filter(received__gt=F("shown") + TOLERANCE + HALF_FEN)
        .select_related("project")
        .order_by("project_id", "year", "half")
    )


@register("2.5.income_disclosed")
class IncomeNotDisclosed(Check):
    """A published half-year statement shows on 4002 公共收益 at least the common-area income recorded as
    received in its half year (a fen of difference passes). One finding per statement, open while that
    version is the one in force (a published correction ends it)."""

    def run(self, as_of, projects):
        short = list(undisclosed_income(as_of))
        enterprise_at = serving_enterprise({statement.project_id for statement in short})
        for statement in short:
            project = statement.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"statement:{statement.pk}",
                subject_name=f"{project.name} {statement}",
                period_start=statement.published_at,
                period_end=None,
                message=_(
                    "%(project)s %(half)s登记的公共收益共%(received)s元，公布的收支情况表只列%(shown)s元"
                )
                % {
                    "project": project.name,
                    "half": _("%(year)s年%(half)s")
                    % {"year": statement.year, "half": statement.get_half_display()},
                    "received": to_fen(statement.received),
                    "shown": to_fen(statement.shown),
                },
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, statement.published_at),
                division_id=project.division_id,
                evidence=[f"finance.statement:{statement.pk}"],
                parameters={},
            )
