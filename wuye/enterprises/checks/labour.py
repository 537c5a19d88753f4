"""Clause 1.4: a written labour contract for every employee, within a month of starting."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import by_division, values_in_force
from wuye.compliance.registry import Check, register
from wuye.compliance.wording import day
from wuye.core.dates import AddMonths
from wuye.enterprises.checks.common import ONE_DAY, enterprise_draft, in_divisions
from wuye.enterprises.choices import EmploymentStatus
from wuye.enterprises.models import Employment


@register("1.4.labour_contract")
class LabourContract(Check):
    """A written labour contract within ``contract_deadline`` months of starting work (劳动合同法 Art. 10),
    renewed within as long after it ends while the employee stays on.

    The registry keeps one contract per employment, the current one. So a contract beginning
    ``first_contract_within`` months or more after hiring is taken for a renewal; one beginning after
    the deadline but before that is a first contract signed late. Deadlines are whole calendar months
    (31 January + 1 month = 28 February), computed in SQL the same way on SQLite and PostgreSQL; a
    contract beginning exactly on the deadline is in time.
    """

    PARAMETERS = ("contract_deadline", "first_contract_within")

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        active = Employment.objects.filter(status=EmploymentStatus.ACTIVE, start_date__lte=today)
        divisions = active.values_list("staff__enterprise__division_id", flat=True).distinct()
        for values, group in by_division(
            set(divisions), values_in_force(self.check_id, self.PARAMETERS, today)
        ).items():
            months, within = values
            employments = active.filter(in_divisions("staff__enterprise__division_id", group)).annotate(
                deadline=AddMonths("start_date", months),
                renewal_from=AddMonths("start_date", within),
                renewal_deadline=AddMonths("contract_end", months),
            )
            late = employments.filter(deadline__lt=today).filter(
                Q(contract_start__isnull=True)
                | Q(contract_start__gt=F("deadline"), contract_start__lt=F("renewal_from"))
            )
            lapsed = employments.filter(renewal_deadline__lt=today)
            applied = dict(zip(self.PARAMETERS, values, strict=True))
            for row in late.values(*self.FIELDS, "deadline"):
                yield self.late_draft(row, applied, as_of)
            for row in lapsed.values(*self.FIELDS, "renewal_deadline"):
                yield self.lapsed_draft(row, applied)

    FIELDS = (
        "pk",
        "start_date",
        "contract_start",
        "contract_end",
        "staff__name",
        "staff__enterprise_id",
        "staff__enterprise__name",
        "staff__enterprise__division_id",
    )

    def late_draft(self, row, applied, as_of):
        signed = row["contract_start"]
        values = {
            "name": row["staff__name"],
            "start": day(row["start_date"]),
            "months": applied["contract_deadline"],
            "signed": day(signed) if signed else "",
        }
        if signed is None:
            message = _("员工%(name)s于%(start)s入职，超过%(months)d个月仍未签订书面劳动合同") % values
        else:
            message = (
                _(
                    "员工%(name)s于%(start)s入职，劳动合同期限自%(signed)s起，晚于入职后%(months)d个月的签订期限"
                )
                % values
            )
        # Late through the day the contract began; open while it has not begun.
        begun = signed is not None and signed <= timezone.localdate(as_of)
        ended = min(start_of_day(signed + ONE_DAY), as_of) if begun else None
        return self.draft(row, row["deadline"], ended, message, applied)

    def lapsed_draft(self, row, applied):
        values = {
            "name": row["staff__name"],
            "end": day(row["contract_end"]),
            "months": applied["contract_deadline"],
        }
        message = _("员工%(name)s的劳动合同已于%(end)s到期，超过%(months)d个月仍未续订") % values
        return self.draft(row, row["renewal_deadline"], None, message, applied)

    def draft(self, row, deadline, period_end, message, applied):
        return enterprise_draft(
            self,
            subject=f"employment:{row['pk']}",
            subject_name=row["staff__name"],
            enterprise=row["staff__enterprise_id"],
            division_id=row["staff__enterprise__division_id"],
            period_start=start_of_day(deadline + ONE_DAY),
            period_end=period_end,
            message=message,
            evidence=[f"enterprises.employment:{row['pk']}"],
            parameters=applied,
        )
