"""One of each people record for a side of the persona world (wages, a termination, a policy, a training)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from wuye.core.evidence import Channel, append_evidence
from wuye.enterprises.models import (
    PolicyDocument,
    Termination,
    TrainingAttendance,
    TrainingSession,
    WagePayment,
)
from wuye.testing import factories as f


def make_people(world, name: str) -> dict:
    side = getattr(world, name)
    wage = WagePayment.objects.create(
        employment=side.employment,
        month=datetime.date(2025, 3, 1),
        amount=Decimal("4000.00"),
        paid_on=datetime.date(2025, 4, 10),
    )
    leaver = f.EmploymentFactory(staff=f.StaffFactory(enterprise=side.enterprise, name=f"{name}离职员工"))
    termination = Termination.objects.create(
        employment=leaver, date=datetime.date(2025, 6, 30), reason="none"
    )
    other = f.EmploymentFactory(staff=f.StaffFactory(enterprise=side.enterprise, name=f"{name}在职员工"))
    when = datetime.datetime(2025, 1, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    policy = append_evidence(
        PolicyDocument(
            enterprise=side.enterprise,
            category="assessment",
            title="考核制度",
            occurred_at=when,
            attachment=SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
        ),
        user=world.users["admin"],
        channel=Channel.WEB,
        now=when,
    )
    training = TrainingSession.objects.create(
        enterprise=side.enterprise, held_on=datetime.date(2025, 5, 1), topic="安全", hours=2, trainer="王"
    )
    TrainingAttendance.objects.create(session=training, staff=side.staff)
    return {
        "wage": wage,
        "termination": termination,
        "policy": policy,
        "training": training,
        "other_employment": other,
    }
