"""Demo publication of grades (issue 9): last period's grades of the whole region, published by the region's
regulator (demo-regulator), so the public credit list (/oversight/credit/150000/) and the company grade of
the public project pages show something after ``make run``.

The demo has no findings until an evaluation runs, so the scores are computed here from what there is (no
findings yet: every grade A). After ``manage.py evaluate`` the live grades change; publishing the period
again (a correction, on /oversight/publications/) puts the evaluated grades on the public pages.
"""

from django.utils import timezone

from wuye.accounts.models import User
from wuye.compliance.actions_publication import build_draft, last_ended_period, publish
from wuye.compliance.scores import compute_scores
from wuye.regions.models import Division

REGION = "150000"


def build_publications(region, seed: int) -> None:
    regulator = User.objects.filter(username="demo-regulator").first()
    if regulator is None:
        return
    compute_scores(timezone.now())
    period = last_ended_period(min(region.today, timezone.localdate()))
    publication = publish(regulator, build_draft(regulator, Division.objects.get(pk=REGION), period.start))
    region.faults.append(
        f"等级发布：{publication.period_start:%Y-%m} 期全区等级已由演示监管账号发布（评估运行前计算，均为 A）。"
    )
