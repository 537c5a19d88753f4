"""Checks of clause 1.6's half-year statements: published by the deadline after each half year
(``dues_statements``), and every published line at level 2 with level-2 lines adding up to their
level-1 totals. Set-based: one query for what fulfils or fails the duty; loops only over projects and
buckets, or over the failing rows.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.compliance.duties import bucket_of, next_bucket, start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import bucket_in_words, moment
from wuye.estates.models import Project, ServicePeriod
from wuye.estates.periods import serving_enterprise
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.dues_statements import bucket_due
from wuye.finance.models import Statement, StatementLine
from wuye.finance.validation_statements import to_fen


def served_projects(today):
    """Projects served now, each with ``duty_start``: the start of its current service period (the
    half years before the takeover were the previous enterprise's to publish)."""
    current = ServicePeriod.objects.current(today).filter(project=OuterRef("pk")).order_by("-start")
    return (
        Project.objects.annotate(duty_start=Subquery(current.values("start")[:1]))
        .filter(duty_start__isnull=False)
        .order_by()
    )


def first_publications(project_ids, months: int, as_of) -> dict:
    """{(project id, bucket start): (first publication time, statement id)} up to ``as_of``, one query."""
    rows = (
        Statement.objects.filter(project_id__in=project_ids, published_at__lte=as_of)
        .values("project_id", "year", "half")
        .annotate(first=Min("published_at"), statement_id=Min("pk"))
        .values_list("project_id", "year", "half", "first", "statement_id")
    )
    found = {}
    for project_id, year, half, first, statement_id in rows:
        key = (project_id, bucket_of(datetime.date(year, 1 if half == 1 else 7, 1), months))
        if key not in found or first < found[key][0]:
            found[key] = (first, statement_id)
    return found


@register("1.6.statement_published")
class StatementNotPublished(Check):
    """Each half year's statement (``bucket`` months, Asia/Shanghai) is published by its end +
    ``due_after`` days (``dues_statements.bucket_due``); publishing exactly at the deadline passes. From
    the start of the current service period. Not published yet: an open finding; published late: a
    finding closed at the publication."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups, keys = defaultdict(list), {}
        for pk, division, duty_start in served_projects(today).values_list("pk", "division_id", "duty_start"):
            if division not in keys:  # the parameters are read once per division, not per project
                keys[division] = (
                    int(param(self.check_id, "bucket", division, today)),
                    param(self.check_id, "due_after", division, today),
                )
            groups[keys[division]].append((pk, duty_start))
        for (months, due_after), members in groups.items():
            published = first_publications([pk for pk, _start in members], months, as_of)
            misses = []
            for pk, duty_start in members:
                start = bucket_of(duty_start, months)
                while (due := bucket_due(start, months, due_after)) <= as_of:
                    first, statement_id = published.get((pk, start), (None, None))
                    if first is None or first > due:
                        misses.append((pk, start, due, first, statement_id))
                    start = next_bucket(start, months)
            if misses:
                yield from self.drafts(misses, months, {"bucket": str(months), "due_after": str(due_after)})

    def drafts(self, misses, months, applied):
        named = Project.objects.in_bulk({miss[0] for miss in misses})
        enterprise_at = serving_enterprise(set(named))
        for pk, start, due, first, statement_id in misses:
            project = named[pk]
            words = {"project": project.name, "bucket": bucket_in_words(start_of_day(start), months)}
            words["due"] = moment(due)
            if first is None:
                message = _("%(project)s %(bucket)s的收支情况未公布（应于%(due)s前公布）") % words
            else:
                words["published"] = moment(first)
                message = (
                    _("%(project)s %(bucket)s的收支情况公布晚了（应于%(due)s前，%(published)s才公布）")
                    % words
                )
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"project:{project.pk}",
                subject_name=project.name,
                period_start=start_of_day(start),
                period_end=first,
                message=message,
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, start_of_day(start)),
                division_id=project.division_id,
                evidence=[f"finance.statement:{statement_id}"] if statement_id else [],
                parameters=applied,
            )


HALF_FEN = Decimal("0.005")


def faulty_level1_lines(as_of):
    """Level-1 lines of published statements (current versions) with no level-2 line under them, or
    whose level-2 lines add up to another amount: one query."""
    children = StatementLine.objects.filter(
        statement=OuterRef("statement"), account__parent=OuterRef("account")
    )
    total = children.values("statement").annotate(s=Sum("amount")).values("s")
    count = children.values("statement").annotate(n=Count("pk")).values("n")
    money = DecimalField(max_digits=14, decimal_places=2)
    return (
        StatementLine.objects.filter(
            statement__status=StatementStatus.PUBLISHED,
            statement__published_at__lte=as_of,
            account__parent=None,
        )
        .annotate(
            children_sum=Coalesce(
                Subquery(total, output_field=money), Value(Decimal("0.00")), output_field=money
            ),
            children_count=Coalesce(Subquery(count), Value(0)),
        )
        # Half a fen either way: SQLite adds decimals as floats (0.10 + 0.20 is not 0.30 there).
        .filter(
            Q(children_count=0, amount__gt=0)
            | Q(children_count__gt=0)
            & (Q(children_sum__gt=F("amount") + HALF_FEN) | Q(children_sum__lt=F("amount") - HALF_FEN))
        )
        .select_related("account", "statement__project")
        .order_by("statement_id", "account__code")
    )


@register("1.6.statement_level2")
class StatementNotAtLevel2(Check):
    """A published statement has every line at level 2, and its level-2 lines add up to each level-1
    total it states. One finding per statement, naming each faulty account; open while that version is
    the one in force (a published correction ends it)."""

    def run(self, as_of, projects):
        faults = defaultdict(list)
        for line in faulty_level1_lines(as_of):
            faults[line.statement].append(line)
        enterprise_at = serving_enterprise({statement.project_id for statement in faults})
        for statement, lines in faults.items():
            reasons = []
            for line in lines:
                if line.children_count == 0:
                    reasons.append(_("“%(account)s”只有一级科目金额") % {"account": line.account.name})
                else:
                    reasons.append(
                        _("“%(account)s”二级科目合计%(sum)s元，一级科目填%(total)s元")
                        % {
                            "account": line.account.name,
                            "sum": to_fen(line.children_sum),
                            "total": to_fen(line.amount),
                        }
                    )
            project = statement.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"statement:{statement.pk}",
                subject_name=f"{project.name} {statement}",
                period_start=statement.published_at,
                period_end=None,
                message=_("%(project)s公布的%(statement)s没有细化到二级科目或合计不符：%(reasons)s")
                % {
                    "project": project.name,
                    "statement": str(statement),
                    "reasons": pgettext("list separator", "；").join(reasons),
                },
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, statement.published_at),
                division_id=project.division_id,
                evidence=[f"finance.statement:{statement.pk}"],
                parameters={},
            )
