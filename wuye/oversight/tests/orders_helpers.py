"""Rectification orders for the tests: issued through the action, as a regulator would."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wuye.compliance.tests.review_helpers import make_finding
from wuye.oversight.actions_orders import issue_order


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def pdf(name="整改照片.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def order_on(world, side="inside", *, who="regulator", days=15, findings=None, **finding_fields):
    findings = findings or [make_finding(world, side, **finding_fields)]
    return issue_order(world.users[who], [finding.pk for finding in findings], "请立即整改。", in_days(days))
