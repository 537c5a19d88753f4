"""Check 1.6.standards_published: every served project has posted a fee notice that is current (not older
than the standards in force) and shows everything Art. 6 asks for (``notices.assess``). Set-based: three
queries (the serving periods, the latest notices, the standards in force), then one judgement per project.
"""

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.compliance.duties import start_of_day
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.estates.models import ServicePeriod
from wuye.finance.notices import CHECK, assess, latest_notices, rules_for, standards_in_force


@register(CHECK)
class StandardsPublished(Check):
    """One finding per served project whose notice is missing, out of date or incomplete; it runs from
    the later of the takeover and the day the notice stopped being right (the newest standard's
    publication, or its taking effect when no notice was ever posted)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        serving = ServicePeriod.objects.current(today).select_related("project")
        if projects is not None:
            serving = serving.filter(project_id__in=projects)
        periods = {period.project_id: period for period in serving.order_by("project_id", "start")}
        notices = {n.project_id: n for n in latest_notices(today, list(periods))}
        standards = defaultdict(list)
        for standard in standards_in_force(today, list(periods)):
            standards[standard.project_id].append(standard)
        rules = {}
        for project_id, period in periods.items():
            project = period.project
            if project.division_id not in rules:
                rules[project.division_id] = rules_for(project.division_id, today)
            posted = assess(notices.get(project_id), standards[project_id], **rules[project.division_id])
            problems = posted.problems
            if not problems:
                continue
            since = period.start
            if posted.standards:
                newest = max(s.published_on for s in posted.standards)
                since = max(
                    since, newest if posted.notice else min(s.effective_from for s in posted.standards)
                )
            evidence = [f"finance.feenotice:{posted.notice.pk}"] if posted.notice else []
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"project:{project_id}",
                subject_name=project.name,
                period_start=start_of_day(since),
                period_end=None,
                message=_("“%(project)s”收费公示不合规：%(problems)s")
                % {"project": project.name, "problems": pgettext("sentence separator", "；").join(problems)},
                project_id=project_id,
                enterprise_id=period.enterprise_id,
                division_id=project.division_id,
                evidence=evidence,
            )
