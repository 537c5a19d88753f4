"""Checks of the people part: the credit code (1.1), wages and terminations (1.4), policy documents (1.7)
and yearly training (3.8).

Wages and training are calendar duties per employee (``duties.bucket_of``/``next_bucket``): one query for
what fulfils them, the loop runs over employees and buckets, never over records. An employee's duties
begin at the later of the start of the employment and the day the enterprise first served a project it
serves today (its time under the region's supervision); they end with the employment.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.currency import lapses
from wuye.compliance.duties import bucket_of, next_bucket, start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, register
from wuye.compliance.wording import day, months
from wuye.core.dates import add_months
from wuye.core.validators import validate_credit_code
from wuye.enterprises.checks.common import enterprise_draft
from wuye.enterprises.models import (
    LAWFUL_REASONS,
    CreditCodeException,
    Employment,
    Enterprise,
    PolicyCategory,
    PolicyDocument,
    Termination,
    TrainingAttendance,
    WagePayment,
)
from wuye.enterprises.models_people import ReviewOutcome


def serving_since(today, enterprise_ids=None) -> dict:
    """{enterprise id: the first day it has served a project it serves today} (of ``enterprise_ids``)."""
    from wuye.estates.models import ServicePeriod

    found = {}
    rows = ServicePeriod.objects.current(today).values_list("enterprise_id", "start").order_by("start")
    if enterprise_ids is not None:
        rows = rows.filter(enterprise_id__in=enterprise_ids)
    for enterprise_id, start in rows:
        found.setdefault(enterprise_id, start)
    return found


def employments_on_duty(today, since: dict, enterprise_ids=None):
    """Employments of serving enterprises that began by ``today``, with what a finding names."""
    ids = [pk for pk in since if enterprise_ids is None or pk in enterprise_ids]
    return (
        Employment.objects.filter(staff__enterprise_id__in=ids, start_date__lte=today)
        .values_list(
            "pk",
            "start_date",
            "ended_on",
            "staff_id",
            "staff__name",
            "staff__enterprise_id",
            "staff__enterprise__name",
            "staff__enterprise__division_id",
        )
        .order_by("pk")
    )


@register("1.1.credit_code_valid")
class CreditCodeValid(Check):
    """A registered enterprise's stored credit code passes GB 32100 (length, characters, area code, check
    character), unless a regulator accepted it as an early pilot code (a ``CreditCodeException``).

    The check character is a weighted sum modulo 31 (``validate_credit_code``, python-stdnum), which SQL
    cannot say; the loop runs over the enterprises without an exception, a registry of tens."""

    def run(self, as_of, projects):
        excepted = CreditCodeException.objects.values("credit_code")
        rows = (
            Enterprise.objects.exclude(credit_code__in=excepted)
            .filter(created_at__lte=as_of)
            .values_list("pk", "name", "credit_code", "division_id", "created_at")
            .order_by("pk")
        )
        for pk, name, code, division, created in rows:
            try:
                validate_credit_code(code)
            except ValidationError as error:  # its message is the finding's
                reason = " ".join(error.messages)
                yield enterprise_draft(
                    self,
                    subject=f"enterprise:{pk}",
                    subject_name=name,
                    enterprise=pk,
                    division_id=division,
                    period_start=created,
                    period_end=None,
                    message=_("%(enterprise)s登记的统一社会信用代码%(code)s不符合规则：%(reason)s")
                    % {"enterprise": name, "code": code, "reason": reason},
                    evidence=[f"enterprises.enterprise:{pk}"],
                    parameters={},
                )


@register("1.4.wages_paid")
class WagesPaid(Check):
    """Each month's wages of each employee are paid by the deadline: the month (``bucket`` months) plus
    ``due_after`` months (January's wages by the end of February, 工资支付暂行规定 Art. 7). Paid on the
    last day before the deadline passes; a day later is a finding from the deadline to the day paid;
    unpaid, it stays open. From the later of hiring and the enterprise's first day serving, through the
    month the employment ended. ``enterprise_ids`` narrows it to some enterprises (the wages page)."""

    def __init__(self, enterprise_ids=None):
        self.enterprise_ids = enterprise_ids

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        since = serving_since(today, self.enterprise_ids)
        rows = list(employments_on_duty(today, since, self.enterprise_ids))
        if not rows:
            return
        paid = {
            (employment_id, month): paid_on
            for employment_id, month, paid_on in WagePayment.objects.filter(
                employment_id__in=[row[0] for row in rows], paid_on__lte=today
            )
            .values_list("employment_id", "month")
            .annotate(first=Min("paid_on"))
            .order_by()
        }
        values = {}
        for pk, start, ended, _staff, name, enterprise, enterprise_name, division in rows:
            if division not in values:
                values[division] = (
                    int(param(self.check_id, "bucket", division, today)),
                    int(param(self.check_id, "due_after", division, today)),
                )
            bucket, due_after = values[division]
            month = bucket_of(max(start, since[enterprise]), bucket)
            last = ended or today
            while month <= last:
                following = next_bucket(month, bucket)
                due = add_months(following, due_after)
                if due > today:
                    break
                paid_on = paid.get((pk, month))
                if paid_on is None or paid_on >= due:
                    yield self.draft(
                        pk, month, due, paid_on, name, enterprise, enterprise_name, division, bucket
                    )
                month = following
        return

    def draft(self, pk, month, due, paid_on, name, enterprise, enterprise_name, division, bucket):
        words = {
            "enterprise": enterprise_name,
            "name": name,
            "month": _("%(year)d年%(month)d月") % {"year": month.year, "month": month.month},
            "due": day(due - datetime.timedelta(days=1)),
        }
        if paid_on is None:
            message = _("%(enterprise)s员工%(name)s %(month)s的工资应于%(due)s前发放，至今未发放") % words
        else:
            message = _("%(enterprise)s员工%(name)s %(month)s的工资应于%(due)s前发放，%(paid)s才发放") % {
                **words,
                "paid": day(paid_on),
            }
        return enterprise_draft(
            self,
            subject=f"employment:{pk}:{month:%Y-%m}",
            subject_name=name,
            enterprise=enterprise,
            division_id=division,
            period_start=start_of_day(due),
            period_end=start_of_day(paid_on) if paid_on else None,
            message=message,
            evidence=[f"enterprises.employment:{pk}"],
            parameters={"bucket": str(bucket), "due_after": str(months_between(month, due) - bucket)},
        )


def months_between(a: datetime.date, b: datetime.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


@register("1.4.unlawful_dismissal")
class UnlawfulDismissal(Check):
    """A termination recorded without a lawful reason category (劳动合同法 Art. 36–44) is a finding for
    the regulator's review, from the day of the termination. A review finding it lawful closes it at the
    review; one finding it unlawful leaves it open."""

    def run(self, as_of, projects):
        rows = (
            Termination.objects.exclude(reason__in=LAWFUL_REASONS)
            .filter(date__lte=timezone.localdate(as_of))
            .values_list(
                "pk",
                "date",
                "reason",
                "reviewed_at",
                "outcome",
                "employment__staff__name",
                "employment__staff__enterprise_id",
                "employment__staff__enterprise__name",
                "employment__staff__enterprise__division_id",
            )
            .order_by("pk")
        )
        for pk, date, _reason, reviewed_at, outcome, name, enterprise, enterprise_name, division in rows:
            cleared = outcome == ReviewOutcome.LAWFUL and reviewed_at is not None and reviewed_at <= as_of
            message = _(
                "%(enterprise)s于%(date)s与员工%(name)s解除劳动关系，未注明法定理由类别，待监管部门复核"
            ) % {
                "enterprise": enterprise_name,
                "date": day(date),
                "name": name,
            }
            yield enterprise_draft(
                self,
                subject=f"termination:{pk}",
                subject_name=name,
                enterprise=enterprise,
                division_id=division,
                period_start=start_of_day(date),
                period_end=reviewed_at if cleared else None,
                message=message,
                evidence=[f"enterprises.termination:{pk}"],
                parameters={},
            )


POLICY_WORDS = {
    "missing": gettext_lazy("%(enterprise)s自%(start)s起没有%(category)s"),
    "lapsed": gettext_lazy("%(enterprise)s的%(category)s超过%(period)s未更新，自%(start)s起不再现行"),
    "closed": gettext_lazy("%(enterprise)s %(start)s至%(end)s没有现行的%(category)s"),
}


@register("1.7.policies_on_file")
class PoliciesOnFile(Check):
    """Every enterprise serving a project has a policy of each of ``policy_categories`` issued within
    ``max_age`` years (the currency rule of ``compliance.currency``: a document of day D is in force
    through D plus the whole months). What the policies say is for a person to read."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        since = serving_since(today)
        info = dict(Enterprise.objects.filter(pk__in=list(since)).values_list("pk", "name").order_by())
        divisions = dict(
            Enterprise.objects.filter(pk__in=list(since)).values_list("pk", "division_id").order_by()
        )
        groups = defaultdict(list)
        for enterprise_id in since:
            division = divisions[enterprise_id]
            categories = tuple(param(self.check_id, "policy_categories", division, today))
            years = int(param(self.check_id, "max_age", division, today))
            groups[(categories, years)].append(enterprise_id)
        for (categories, years), ids in groups.items():
            period = years * 12
            records = PolicyDocument.objects.filter(
                enterprise_id__in=ids,
                category__in=categories,
                occurred_at__lte=as_of,
                corrections__isnull=True,
            )
            starts = {(pk, category): since[pk] for pk in ids for category in categories}
            for lapse in lapses(records, ["enterprise_id", "category"], period, starts, today):
                enterprise_id, category = lapse.key
                values = {
                    "enterprise": info[enterprise_id],
                    "category": label(category),
                    "period": months(period),
                    "start": day(lapse.start),
                }
                if lapse.end is not None:
                    message = str(POLICY_WORDS["closed"]) % {**values, "end": day(lapse.end)}
                elif lapse.before_id is not None:
                    message = str(POLICY_WORDS["lapsed"]) % values
                else:
                    message = str(POLICY_WORDS["missing"]) % values
                yield enterprise_draft(
                    self,
                    subject=f"enterprise:{enterprise_id}:{category}",
                    subject_name=info[enterprise_id],
                    enterprise=enterprise_id,
                    division_id=divisions[enterprise_id],
                    period_start=start_of_day(lapse.start),
                    period_end=start_of_day(lapse.end) if lapse.end else None,
                    message=message,
                    evidence=[
                        f"enterprises.policydocument:{pk}" for pk in (lapse.before_id, lapse.after_id) if pk
                    ],
                    parameters={"policy_categories": ",".join(categories), "max_age": str(years)},
                )


def label(category: str) -> str:
    try:
        return str(PolicyCategory(category).label)
    except ValueError:
        return category


@register("3.8.training_yearly")
class TrainingYearly(Check):
    """Every employee employed in a calendar year (``bucket`` months, Asia/Shanghai) attends at least one
    training of the enterprise that year, due ``due_after`` days after it ends. From the later of hiring and
    the enterprise's first day serving, through the year the employment ended."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        since = serving_since(today)
        rows = list(employments_on_duty(today, since))
        if not rows:
            return
        attended = defaultdict(set)
        for staff, held_on in (
            TrainingAttendance.objects.filter(
                staff_id__in={row[3] for row in rows}, session__held_on__lte=today
            )
            .values_list("staff_id", "session__held_on")
            .distinct()
            .order_by()
        ):
            attended[staff].add(held_on)
        values, owed = {}, set()
        for pk, start, ended, staff, name, enterprise, enterprise_name, division in rows:
            if division not in values:
                values[division] = (
                    int(param(self.check_id, "bucket", division, today)) * 12,  # given in years
                    param(self.check_id, "due_after", division, today),
                )
            bucket, due_after = values[division]
            covered = {bucket_of(held_on, bucket) for held_on in attended.get(staff, ())}
            start_bucket = bucket_of(max(start, since[enterprise]), bucket)
            last = ended or today
            while start_bucket <= last:
                following = next_bucket(start_bucket, bucket)
                due = start_of_day(following) + due_after
                if due > as_of:
                    break
                # A person employed twice in one year (rehired) owes one training, not two.
                if start_bucket not in covered and (staff, start_bucket) not in owed:
                    owed.add((staff, start_bucket))
                    yield self.draft(
                        pk,
                        staff,
                        name,
                        start_bucket,
                        following,
                        due,
                        enterprise,
                        enterprise_name,
                        division,
                        bucket,
                        due_after,
                    )
                start_bucket = following

    def draft(
        self, pk, staff, name, start, end, due, enterprise, enterprise_name, division, bucket, due_after
    ):
        from wuye.compliance.wording import bucket_in_words

        message = _("%(enterprise)s员工%(name)s %(bucket)s没有参加培训") % {
            "enterprise": enterprise_name,
            "name": name,
            "bucket": bucket_in_words(start_of_day(start), bucket),
        }
        return enterprise_draft(
            self,
            subject=f"staff:{staff}:{start.year}",
            subject_name=name,
            enterprise=enterprise,
            division_id=division,
            period_start=start_of_day(start),
            period_end=start_of_day(end),
            message=message,
            evidence=[f"enterprises.staff:{staff}"],
            parameters={"bucket": str(bucket // 12), "due_after": str(due_after.days)},
        )
