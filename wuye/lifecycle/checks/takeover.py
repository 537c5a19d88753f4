"""Checks of the takeover workflow (2.1, 2.3). Set-based: one query per parameter group for what fails
(the parameters are read once per division); loops only over the failing takeovers and problems.

- 2.1.takeover_filed: filed with the authority within ``filing_deadline`` days of the takeover day.
- 2.3.inspection_recorded: a takeover of a new build finished its acceptance inspection at least
  ``finished_before_handover`` days before the handover to buyers (any other takeover: by the takeover
  day), and the inspection covers every item of the three catalogue lists.
- 2.3.developer_documents (Party A): each Art. 29 category handed over at least
  ``documents_before_inspection`` days before the inspection started.
- 2.3.problems_followed: the company's problems fixed by their due day.
- 2.3.developer_fixes (Party A): the developer's problems fixed by their due day.

Not incremental: the records are registry rows, not evidence, so no chain grows when a deadline passes
or a problem is fixed; every takeover is looked at in each run (a handful per region). Cancelled
takeovers are not checked. A day given as a date is a deadline at the end of that day: the
finding begins at the start of the next day (Asia/Shanghai) and ends when the late step was done.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day as in_words
from wuye.lifecycle.choices_takeover import (
    ART_29_CATEGORIES,
    FixParty,
    InspectionArea,
    TakeoverStatus,
    item_name,
)
from wuye.lifecycle.models import Takeover, TakeoverProblem

ONE_DAY = datetime.timedelta(days=1)


def live_takeovers(projects=None):
    queryset = Takeover.objects.exclude(status=TakeoverStatus.CANCELLED).order_by()
    if projects is not None:
        queryset = queryset.filter(project_id__in=projects)
    return queryset


def by_parameters(check_id: str, names, queryset, today):
    """{(parameter values): [takeover ids]}: the parameters read once per division."""
    groups, values = defaultdict(list), {}
    for pk, division in queryset.values_list("pk", "project__division_id"):
        if division not in values:
            values[division] = tuple(
                tuple(v) if isinstance(v := param(check_id, name, division, today), list) else v
                for name in names
            )
        groups[values[division]].append(pk)
    return groups


def draft(check, takeover, *, start, end, message, evidence, applied, subject=None):
    project = takeover.project
    return FindingDraft(
        check_id=check.check_id,
        subject=subject or f"takeover:{takeover.pk}",
        subject_name=str(takeover),
        period_start=start_of_day(start),
        period_end=start_of_day(end) if end else None,
        message=message,
        project_id=project.pk,
        enterprise_id=takeover.enterprise_id,
        division_id=project.division_id,
        evidence=evidence,
        parameters=applied,
    )


@register("2.1.takeover_filed")
class TakeoverNotFiled(Check):
    """Filed within ``filing_deadline`` days of the takeover day (filing on the last day passes); not
    filed when the deadline passed: an open finding; filed late: closed at the filing."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups = by_parameters(self.check_id, ["filing_deadline"], live_takeovers(projects), today)
        for (deadline,), ids in groups.items():
            late = (
                Takeover.objects.filter(pk__in=ids)
                .filter(taken_over_on__lt=today - deadline)
                .filter(Q(filed_on__isnull=True) | Q(filed_on__gt=F("taken_over_on") + deadline))
                .select_related("project", "enterprise")
            )
            for takeover in late:
                due = takeover.taken_over_on + deadline
                words = {"takeover": str(takeover), "due": in_words(due)}
                if takeover.filed_on is None:
                    message = _("%(takeover)s未向主管部门备案（应于%(due)s前备案）") % words
                else:
                    words["filed"] = in_words(takeover.filed_on)
                    message = _("%(takeover)s备案晚了（应于%(due)s前，%(filed)s才备案）") % words
                yield draft(
                    self,
                    takeover,
                    start=due + ONE_DAY,
                    end=takeover.filed_on,
                    message=message,
                    evidence=[f"lifecycle.takeover:{takeover.pk}"],
                    applied={"filing_deadline": str(deadline.days)},
                )


@register("2.3.inspection_recorded")
class InspectionNotRecorded(Check):
    """A takeover of a new build (a handover-to-buyers day) finished its inspection at least
    ``finished_before_handover`` days before that day (exactly that many passes), any other takeover by
    its takeover day (on the day passes); and a finished
    inspection covers every item of the three lists (each with a result, "not applicable" included)."""

    names = ["finished_before_handover", *InspectionArea.values]

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups = by_parameters(self.check_id, self.names, live_takeovers(projects), today)
        for (ahead, *lists), ids in groups.items():
            yield from self.late(ids, ahead, today)
            yield from self.incomplete(ids, dict(zip(InspectionArea.values, lists, strict=True)), today)

    def late(self, ids, ahead, today):
        """New builds: finished ``ahead`` days before the handover to buyers. Others: by the takeover day."""
        new_builds = Takeover.objects.filter(pk__in=ids, buyers_handover_on__isnull=False).filter(
            Q(buyers_handover_on__lt=today + ahead),
            Q(inspection_finished_on__isnull=True)
            | Q(inspection_finished_on__gt=F("buyers_handover_on") - ahead),
        )
        others = Takeover.objects.filter(pk__in=ids, buyers_handover_on__isnull=True).filter(
            Q(taken_over_on__lt=today),
            Q(inspection_finished_on__isnull=True) | Q(inspection_finished_on__gt=F("taken_over_on")),
        )
        late = (new_builds | others).select_related("project", "enterprise").order_by("pk")
        for takeover in late:
            new_build = takeover.buyers_handover_on is not None
            due = takeover.buyers_handover_on - ahead if new_build else takeover.taken_over_on
            words = {"takeover": str(takeover), "due": in_words(due)}
            if takeover.inspection_finished_on is None:
                message = _("%(takeover)s未按时完成承接查验（应于%(due)s前完成）") % words
            else:
                words["finished"] = in_words(takeover.inspection_finished_on)
                message = _("%(takeover)s承接查验完成晚了（应于%(due)s前，%(finished)s才完成）") % words
            yield draft(
                self,
                takeover,
                start=due + ONE_DAY,
                end=takeover.inspection_finished_on,
                message=message,
                evidence=[f"lifecycle.takeover:{takeover.pk}"],
                applied={"finished_before_handover": str(ahead.days)} if new_build else {},
            )

    def incomplete(self, ids, lists, today):
        listed = Q(pk__in=[])
        for area, items in lists.items():
            listed |= Q(items__area=area, items__item__in=items)
        total = sum(len(items) for items in lists.values())
        short = (
            Takeover.objects.filter(pk__in=ids, inspection_finished_on__lte=today)
            .annotate(covered=Count("items", filter=listed, distinct=True))
            .filter(covered__lt=total)
            .select_related("project", "enterprise")
            .prefetch_related("items")
        )
        for takeover in short:
            done = {(item.area, item.item) for item in takeover.items.all()}
            missing = [item_name(i) for area, items in lists.items() for i in items if (area, i) not in done]
            yield draft(
                self,
                takeover,
                subject=f"takeover-checklist:{takeover.pk}",
                start=takeover.inspection_finished_on,
                end=None,
                message=_("%(takeover)s的承接查验漏查%(n)d项：%(items)s")
                % {
                    "takeover": str(takeover),
                    "n": len(missing),
                    "items": pgettext("list separator", "、").join(missing),
                },
                evidence=[f"lifecycle.takeover:{takeover.pk}"],
                applied={area: ",".join(items) for area, items in lists.items()},
            )


@register("2.3.developer_documents")
class DocumentsLate(Check):
    """Party A: every Art. 29 category handed over at least ``documents_before_inspection`` days before
    the inspection started (exactly that many passes). Found once the inspection started; closed when
    the last late category came."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        started = live_takeovers(projects).filter(inspection_started_on__lte=today)
        groups = by_parameters(self.check_id, ["documents_before_inspection"], started, today)
        for (ahead,), ids in groups.items():
            in_time = Q(
                handovers__category__in=ART_29_CATEGORIES,
                handovers__handed_over_on__lte=F("inspection_started_on") - ahead,
            )
            late = (
                Takeover.objects.filter(pk__in=ids)
                .annotate(in_time=Count("handovers", filter=in_time, distinct=True))
                .filter(in_time__lt=len(ART_29_CATEGORIES))
                .select_related("project", "enterprise")
                .prefetch_related("handovers")
            )
            for takeover in late:
                yield self.finding(takeover, ahead, today)

    def finding(self, takeover, ahead, today):
        due = takeover.inspection_started_on - ahead
        came = {h.category: h for h in takeover.handovers.all() if h.handed_over_on <= today}
        missing = [c.label for c in ART_29_CATEGORIES if c not in came]
        lateness = [came[c].handed_over_on for c in ART_29_CATEGORIES if c in came]
        words = {"takeover": str(takeover), "due": in_words(due)}
        if missing:
            words["items"] = pgettext("list separator", "、").join(str(m) for m in missing)
            message = _("%(takeover)s：建设单位未移交资料（应于%(due)s前移交）：%(items)s") % words
        else:
            words["last"] = in_words(max(lateness))
            message = _("%(takeover)s：建设单位移交资料晚了（应于%(due)s前，%(last)s才移交齐全）") % words
        return draft(
            self,
            takeover,
            start=due + ONE_DAY,
            end=None if missing else max(lateness),
            message=message,
            evidence=[f"lifecycle.takeover:{takeover.pk}"],
            applied={"documents_before_inspection": str(ahead.days)},
        )


class ProblemsOverdue(Check):
    """Problems of one fixer not fixed by their due day (fixed on the day passes): open until fixed."""

    fixer = ""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        late = (
            TakeoverProblem.objects.filter(takeover__in=live_takeovers(projects), fixer=self.fixer)
            .filter(due_on__lt=today)
            .filter(Q(fixed_on__isnull=True) | Q(fixed_on__gt=F("due_on")))
            .select_related("takeover__project", "takeover__enterprise")
            .order_by("pk")
        )
        for problem in late:
            words = {"problem": problem.description, "due": in_words(problem.due_on)}
            words["fixer"] = FixParty(self.fixer).label
            if problem.fixed_on is None:
                message = _("查验问题“%(problem)s”（%(fixer)s整改）逾期未整改，期限%(due)s") % words
            else:
                words["fixed"] = in_words(problem.fixed_on)
                message = (
                    _("查验问题“%(problem)s”（%(fixer)s整改）整改晚了（期限%(due)s，%(fixed)s才整改）")
                    % words
                )
            yield draft(
                self,
                problem.takeover,
                subject=f"takeover-problem:{problem.pk}",
                start=problem.due_on + ONE_DAY,
                end=problem.fixed_on,
                message=message,
                evidence=[f"lifecycle.takeoverproblem:{problem.pk}"],
                applied={},
            )


@register("2.3.problems_followed")
class CompanyProblemsOverdue(ProblemsOverdue):
    fixer = FixParty.COMPANY


@register("2.3.developer_fixes")
class DeveloperProblemsOverdue(ProblemsOverdue):
    fixer = FixParty.DEVELOPER
