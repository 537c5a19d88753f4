"""Checks of clause 3.7 (owners surveyed every half year; problems raised fixed on time) and 6.M (owners'
ratings of management).

Each is set-based: one query for what fulfils or fails the duty, loops only over projects and buckets.
"""

from collections import defaultdict

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import Miss, bucket_of, next_bucket, start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import bucket_in_words, moment
from wuye.estates.models import Project, ServicePeriod
from wuye.estates.periods import serving_enterprise
from wuye.servicedesk.choices_surveys import SATISFIED_RATINGS, QuestionKind, SurveyStatus, Topic
from wuye.servicedesk.dues_surveys import half_year_due
from wuye.servicedesk.models import Answer, RectificationItem, Survey, SurveyResponse


def served_projects(today):
    """Projects served now, each with ``duty_start``: the start of its current service period (the
    months before the takeover were the previous enterprise's)."""
    current = ServicePeriod.objects.current(today).filter(project=OuterRef("pk")).order_by("-start")
    return (
        Project.objects.annotate(duty_start=Subquery(current.values("start")[:1]))
        .filter(duty_start__isnull=False)
        .order_by()
    )


def surveyed_buckets(project_ids, months: int, as_of) -> set:
    """(project id, bucket start) of every bucket a survey with at least one response was open in.

    One query over the surveys (never their answers); a survey open across two half years counts
    for both."""
    answered = SurveyResponse.objects.filter(survey=OuterRef("pk"), occurred_at__lte=as_of)
    surveys = Survey.objects.filter(
        Exists(answered),
        project_id__in=project_ids,
        status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED],
    ).values_list("project_id", "opens_on", "closes_on")
    covered = set()
    for project_id, opens_on, closes_on in surveys:
        start = bucket_of(opens_on, months)
        while start <= closes_on:
            covered.add((project_id, start))
            start = next_bucket(start, months)
    return covered


@register("3.7.survey_held")
class SurveyNotHeld(Check):
    """Owners are surveyed at least once every half year (Asia/Shanghai, ``bucket`` months, due
    ``due_after`` days after it ends). A half year counts as surveyed when a survey of the project was
    open in it (its opening to its closing date overlaps the half year) and got at least one response;
    a draft never opened, or a survey nobody answered, does not count. From the start of the current
    service period; a bucket is a miss once its deadline has passed (as ``duties.calendar_misses``)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        subjects = served_projects(today)
        groups = defaultdict(list)
        for pk, division, duty_start in subjects.values_list("pk", "division_id", "duty_start"):
            key = (
                int(param(self.check_id, "bucket", division, today)),
                param(self.check_id, "due_after", division, today),
            )
            groups[key].append((pk, duty_start))
        for (months, due_after), members in groups.items():
            covered = surveyed_buckets([pk for pk, _start in members], months, as_of)
            misses = []
            for pk, duty_start in members:
                start = bucket_of(duty_start, months)
                while True:
                    end = next_bucket(start, months)
                    due = half_year_due(start, months, due_after)
                    if due > as_of:
                        break
                    if (pk, start) not in covered:
                        misses.append(Miss(pk, start_of_day(start), start_of_day(end), due))
                    start = end
            if misses:
                yield from self.drafts(misses, months, {"bucket": str(months), "due_after": str(due_after)})

    def drafts(self, misses, months, applied):
        named = Project.objects.in_bulk({miss.subject_id for miss in misses})
        enterprise_at = serving_enterprise(set(named))
        for miss in misses:
            project = named[miss.subject_id]
            message = _(
                "%(project)s %(bucket)s没有征求业主意见（无业主参与的问卷调查，应于%(due)s前完成）"
            ) % {
                "project": project.name,
                "bucket": bucket_in_words(miss.bucket_start, months),
                "due": moment(miss.due),
            }
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"project:{project.pk}",
                subject_name=project.name,
                period_start=miss.bucket_start,
                period_end=miss.bucket_end,
                message=message,
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, miss.bucket_start),
                division_id=project.division_id,
                parameters=applied,
            )


@register("3.7.problems_fixed")
class RectificationOverdue(Check):
    """A rectification item a survey raised is closed by the end of its due day (``dues_surveys``); the
    due date defaults to ``fix_deadline`` days after it was raised. Closed exactly at the deadline
    passes. Late from the deadline until its closure (none yet: open)."""

    def run(self, as_of, projects):
        late = (
            RectificationItem.objects.filter(deadline__lt=as_of)
            .filter(Q(closure__isnull=True) | Q(closure__occurred_at__gt=F("deadline")))
            .annotate(closed_at=F("closure__occurred_at"), closure_id=F("closure__pk"))
            .select_related("project", "survey")
            .order_by("deadline", "pk")
        )
        late = list(late)
        enterprise_at = serving_enterprise({item.project_id for item in late})
        for item in late:
            closed = item.closed_at if item.closed_at and item.closed_at <= as_of else None
            words = {
                "project": item.project.name,
                "problem": item.problem.strip()[:60],
                "responsible": item.responsible,
                "deadline": moment(item.deadline),
            }
            if closed is None:
                message = (
                    _(
                        "%(project)s 业主意见提出的问题“%(problem)s”（责任人：%(responsible)s）应于%(deadline)s前整改完毕，至今未完成"
                    )
                    % words
                )
            else:
                message = _(
                    "%(project)s 业主意见提出的问题“%(problem)s”（责任人：%(responsible)s）应于%(deadline)s前整改完毕，%(closed)s才完成"
                ) % {
                    **words,
                    "closed": moment(closed),
                }
            evidence = [f"servicedesk.rectificationitem:{item.pk}"]
            if closed is not None:
                evidence.append(f"servicedesk.rectificationclosure:{item.closure_id}")
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"rectificationitem:{item.pk}",
                subject_name=str(item),
                period_start=item.deadline,
                period_end=closed,
                message=message,
                project_id=item.project_id,
                enterprise_id=enterprise_at(item.project_id, item.deadline),
                division_id=item.project.division_id,
                evidence=evidence,
                parameters={"fix_deadline": str(item.due_on - item.raised_on)},
            )


@register("6.M.management_rating")
class ManagementRatingLow(Check):
    """Owners' ratings of management (rating questions of the management topic): over each window of
    ``window`` months (Asia/Shanghai, buckets from January: half years by default), the share of
    满意 and 基本满意 answers is at least ``satisfaction_min`` percent. One finding per project and window;
    none for a window without such answers. The current window's finding stays open while it lasts."""

    message = gettext_lazy(
        "%(project)s %(bucket)s业主对管理人员的评价中，满意和基本满意共%(good)d份，占%(share)s%%"
        "（共%(total)d份），低于%(min)s%%"
    )

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        zone = timezone.get_current_timezone()
        rows = (
            Answer.objects.filter(
                occurred_at__lte=as_of,
                question__kind=QuestionKind.RATING,
                question__topic=Topic.MANAGEMENT,
            )
            .exclude(rating="")
            .annotate(month=TruncMonth("occurred_at", tzinfo=zone))
            .values("project_id", "month")
            .annotate(total=Count("pk"), good=Count("pk", filter=Q(rating__in=SATISFIED_RATINGS)))
            .order_by()
        )
        by_project = defaultdict(list)
        for row in rows:
            by_project[row["project_id"]].append(row)
        if not by_project:
            return
        named = Project.objects.in_bulk(set(by_project))
        enterprise_at = serving_enterprise(set(named))
        for project_id, months in by_project.items():
            project = named[project_id]
            window = int(param(self.check_id, "window", project.division_id, today))
            minimum = param(self.check_id, "satisfaction_min", project.division_id, today)
            buckets = defaultdict(lambda: [0, 0])
            for row in months:
                month = row["month"]
                day = timezone.localtime(month).date() if hasattr(month, "hour") else month
                counts = buckets[bucket_of(day, window)]
                counts[0] += row["total"]
                counts[1] += row["good"]
            for start, (total, good) in sorted(buckets.items()):
                if good * 100 >= minimum * total:
                    continue
                yield self.draft(project, start, window, total, good, minimum, as_of, enterprise_at)

    def draft(self, project, start, window, total, good, minimum, as_of, enterprise_at):
        end = start_of_day(next_bucket(start, window))
        share = f"{good * 100 / total:.1f}".rstrip("0").rstrip(".")
        message = str(self.message) % {
            "project": project.name,
            "bucket": bucket_in_words(start_of_day(start), window),
            "good": good,
            "share": share,
            "total": total,
            "min": minimum,
        }
        return FindingDraft(
            check_id=self.check_id,
            subject=f"project:{project.pk}",
            subject_name=project.name,
            period_start=start_of_day(start),
            period_end=end if end <= as_of else None,
            message=message,
            project_id=project.pk,
            enterprise_id=enterprise_at(project.pk, start_of_day(start)),
            division_id=project.division_id,
            parameters={"window": str(window), "satisfaction_min": str(minimum)},
        )
