"""Checks of clause 5.1: a case of illegal construction is warned within ``warn_deadline`` of being found
(with its written warning) and reported to the authority within ``report_deadline``. Set-based: one query
per distinct deadline; loops only over the failing cases. Exactly at the deadline passes."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.comanagement.checks.common import projects_by_param
from wuye.comanagement.models import ConstructionCase
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import duration, moment
from wuye.estates.periods import serving_enterprise


def late_cases(check_id, name, field, as_of):
    """(case, deadline, done) of cases whose ``field`` is missing past the deadline, or later than it."""
    today = timezone.localdate(as_of)
    for limit, project_ids in projects_by_param(check_id, name, today).items():
        late = (
            ConstructionCase.objects.filter(project_id__in=project_ids, found_at__lt=as_of - limit)
            .filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": F("found_at") + limit}))
            .select_related("project", "household__building")
            .order_by("project_id", "found_at", "pk")
        )
        for case in late:
            done = getattr(case, field)
            yield case, case.found_at + limit, done if done and done <= as_of else None, limit


class CaseCheck(Check):
    parameter = ""
    field = ""
    late_message = ""
    never_message = ""
    ends_when_gone = False

    def run(self, as_of, projects):
        rows = list(late_cases(self.check_id, self.parameter, self.field, as_of))
        enterprise_at = serving_enterprise({case.project_id for case, *_rest in rows})
        for case, deadline, done, limit in rows:
            words = {
                "project": case.project.name,
                "case": str(case),
                "found": moment(case.found_at),
                "limit": duration(limit),
                "done": moment(done) if done else "",
            }
            message = (self.late_message if done else self.never_message) % words
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"constructioncase:{case.pk}",
                subject_name=f"{case.project.name} {case}",
                period_start=deadline,
                period_end=done,
                message=message,
                project_id=case.project_id,
                enterprise_id=enterprise_at(case.project_id, case.found_at),
                division_id=case.project.division_id,
                evidence=[f"comanagement.constructioncase:{case.pk}"],
                parameters={self.parameter: str(limit)},
            )


@register("5.1.case_warned")
class CaseNotWarned(CaseCheck):
    """The owner is warned (in writing) within ``warn_deadline`` of the construction being found."""

    parameter = "warn_deadline"
    field = "warned_at"

    @property
    def late_message(self):
        return _("%(project)s %(case)s：%(found)s发现，应在%(limit)s内劝阻警告业主，%(done)s才警告")

    @property
    def never_message(self):
        return _("%(project)s %(case)s：%(found)s发现，应在%(limit)s内劝阻警告业主，至今未警告")


@register("5.1.case_reported")
class CaseNotReported(CaseCheck):
    """The case is reported to the authority within ``report_deadline`` of being found."""

    parameter = "report_deadline"
    field = "reported_at"

    @property
    def late_message(self):
        return _("%(project)s %(case)s：%(found)s发现，应在%(limit)s内报告主管部门，%(done)s才报告")

    @property
    def never_message(self):
        return _("%(project)s %(case)s：%(found)s发现，应在%(limit)s内报告主管部门，至今未报告")
