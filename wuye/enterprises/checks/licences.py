"""Clause 1.1: the required licences present and in force; the warning before one expires."""

import datetime
from collections import defaultdict

from django.db.models import DateField, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import by_division, values_in_force
from wuye.compliance.registry import Check, register
from wuye.compliance.wording import day
from wuye.enterprises.checks.common import (
    ONE_DAY,
    enterprise_draft,
    in_divisions,
    in_force,
)
from wuye.enterprises.choices import LicenceKind
from wuye.enterprises.models import Enterprise, Licence

LICENCE_CHECK = "1.1.licence_valid"


def required_licence_kinds(require_qualification: bool) -> list[str]:
    # The legacy tax and organisation-code certificates are never required: since 三证合一 (2015) the
    # business licence carries the credit code; old ones are accepted, not demanded.
    kinds = [LicenceKind.BUSINESS]
    return [*kinds, LicenceKind.QUALIFICATION] if require_qualification else kinds


def lapses_at(valid_to: datetime.date) -> datetime.datetime:
    """The moment a licence valid until ``valid_to`` (the whole day, Asia/Shanghai) has lapsed: the next
    midnight. The check's finding starts here; the reminder counts its lead time back from it."""
    return start_of_day(valid_to + ONE_DAY)


def unrenewed(today: datetime.date):
    """Licences in force on ``today`` with a last valid day, not yet followed by a renewal of the same kind
    (open-ended or valid longer): the ones that will lapse unless renewed."""
    renewal = (
        Licence.objects.filter(enterprise=OuterRef("enterprise"), kind=OuterRef("kind"))
        .exclude(pk=OuterRef("pk"))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("valid_to")))
    )
    return Licence.objects.filter(in_force(today), valid_to__isnull=False).exclude(Exists(renewal))


def licences_expiring(as_of: datetime.datetime | None = None):
    """Licences in force whose last valid day falls within their enterprise's ``expiry_warning`` days.

    For the reminder and the pages (the warning is not a finding). A licence already followed by a
    renewal of the same kind (open-ended or valid longer) is left out: nothing needs doing.
    """
    today = timezone.localdate(as_of)
    divisions = Enterprise.objects.values_list("division_id", flat=True).distinct()
    within = Q(pk__in=[])
    for (warning,), group in by_division(
        set(divisions), values_in_force(LICENCE_CHECK, ("expiry_warning",), today)
    ).items():
        within |= in_divisions("enterprise__division_id", group) & Q(valid_to__lte=today + warning)
    return unrenewed(today).filter(within).select_related("enterprise").order_by("valid_to", "pk")


@register(LICENCE_CHECK)
class LicenceValid(Check):
    """Every required licence present and in force; one finding per enterprise lists what lapsed."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        enterprises = Enterprise.objects.filter(created_at__lte=as_of)
        divisions = enterprises.values_list("division_id", flat=True).distinct()
        lapses = defaultdict(list)
        groups = by_division(
            set(divisions), values_in_force(self.check_id, ("require_qualification_certificate",), today)
        )
        for (required,), group in groups.items():
            for kind in required_licence_kinds(required):
                rows = self.lapsed(enterprises.filter(in_divisions("division_id", group)), kind, today)
                for row in rows:
                    lapses[row["pk"]].append({**row, "kind": kind, "required": required})
        for rows in lapses.values():
            yield self.draft(rows)

    @staticmethod
    def lapsed(enterprises, kind, today):
        """Enterprises with no licence of ``kind`` in force today, with their latest expired one."""
        of_kind = Licence.objects.filter(enterprise=OuterRef("pk"), kind=kind)
        expired = of_kind.filter(valid_to__lt=today).order_by("-valid_to", "-pk")
        return (
            enterprises.annotate(
                held=Exists(of_kind.filter(in_force(today))),
                expired_id=Subquery(expired.values("pk")[:1]),
                expired_number=Subquery(expired.values("number")[:1]),
                expired_on=Subquery(expired.values("valid_to")[:1], output_field=DateField()),
            )
            .filter(held=False)
            .values("pk", "name", "division_id", "created_at", "expired_id", "expired_number", "expired_on")
        )

    def draft(self, rows):
        first = rows[0]
        parts, evidence, starts = [], [], []
        for row in rows:
            values = {"kind": LicenceKind(row["kind"]).label, "number": row["expired_number"]}
            if row["expired_on"] is None:
                parts.append(_("没有登记在有效期内的%(kind)s") % values)
                evidence.append(f"enterprises.enterprise:{row['pk']}")
                starts.append(row["created_at"])
            else:
                values["date"] = day(row["expired_on"])
                parts.append(_("%(kind)s（编号%(number)s）已于%(date)s到期，未登记续期后的证照") % values)
                evidence.append(f"enterprises.licence:{row['expired_id']}")
                starts.append(lapses_at(row["expired_on"]))
        return enterprise_draft(
            self,
            subject=f"enterprise:{first['pk']}",
            subject_name=first["name"],
            enterprise=first["pk"],
            division_id=first["division_id"],
            period_start=min(starts),
            period_end=None,
            message=_("；").join(parts),
            evidence=list(dict.fromkeys(evidence)),
            parameters={"require_qualification_certificate": first["required"]},
        )
