"""The fee checks at their boundaries: bill tolerance (over and under), permitted items, receipts,
the fee change notice, financial rules and the yearly tax certificate."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from wuye.finance.actions_fees import file_enterprise_record, issue_bill
from wuye.finance.checks.fees import (
    BillMatchesStandard,
    ChargeItemPermitted,
    FeeChangeNotice,
    FinancialRulesCurrent,
    ReceiptIssued,
    TaxCertificateFiled,
)
from wuye.finance.models import BillLine, FinancialRules, TaxCertificate
from wuye.testing import factories as f

SHANGHAI = ZoneInfo("Asia/Shanghai")
JAN = datetime.date(2025, 1, 1)
AS_OF = datetime.datetime(2025, 7, 1, tzinfo=SHANGHAI)


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def found(check, as_of=AS_OF):
    return list(check().run(as_of, None))


@pytest.fixture
def line(world):
    standard = f.FeeStandardFactory(project=world.inside.project, rate=Decimal("1.85"))
    bill = issue_bill(world.users["manager"], world.inside.household, JAN, issued_on=JAN)
    assert standard.pk == bill.standard_id
    return bill.lines.get()


@pytest.mark.parametrize(
    ("off", "flagged"), [("0.01", False), ("-0.01", False), ("0.02", True), ("-0.02", True)]
)
def test_a_bill_off_by_more_than_the_tolerance_is_a_finding(world, line, off, flagged):
    BillLine.objects.filter(pk=line.pk).update(amount=line.amount + Decimal(off))
    drafts = found(BillMatchesStandard)
    assert [d.subject for d in drafts] == ([f"billline:{line.pk}"] if flagged else [])
    if flagged:
        assert ("多收" if off[0] != "-" else "少收") in drafts[0].message
        assert drafts[0].project_id == world.inside.project.pk
        assert drafts[0].enterprise_id == world.inside.enterprise.pk


def test_a_bill_by_the_standard_is_no_finding(world, line):
    assert found(BillMatchesStandard) == []


def test_a_charge_item_outside_the_standard_is_a_finding(world, line):
    extra = BillLine.objects.create(
        bill=line.bill, item="elevator", rate=Decimal("0.3"), amount=Decimal("30.00")
    )
    (draft,) = found(ChargeItemPermitted)
    assert draft.subject == f"billline:{extra.pk}"
    assert "电梯运行费" in draft.message


def test_a_payment_without_a_receipt_is_a_finding(world):
    manager = world.users["manager"]
    f.payment(manager, world.inside.household, "100", receipt_number="R-1")
    bare = f.payment(manager, world.inside.household, "100", receipt_number="")
    (draft,) = found(ReceiptIssued, as_of=bare.occurred_at)
    assert draft.subject == f"payment:{bare.pk}"
    assert "没有开具收据或发票" in draft.message


@pytest.mark.parametrize(
    ("published", "late"), [(datetime.date(2025, 2, 1), False), (datetime.date(2025, 2, 2), True)]
)
def test_a_fee_change_is_published_a_month_ahead(world, published, late):
    f.FeeStandardFactory(
        project=world.inside.project, effective_from=JAN, published_on=JAN
    )  # first: no notice due
    change = f.FeeStandardFactory(
        project=world.inside.project,
        rate=Decimal("2.10"),
        effective_from=datetime.date(2025, 3, 1),
        published_on=published,
    )
    drafts = found(FeeChangeNotice)
    assert [d.subject for d in drafts] == ([f"feestandard:{change.pk}"] if late else [])
    if late:
        assert drafts[0].period_start == at(2025, 2, 2)


def file(world, model, occurred_at, **fields):
    record = model(
        enterprise=world.inside.enterprise,
        occurred_at=occurred_at,
        attachment=SimpleUploadedFile("doc.pdf", b"%PDF-1.4"),
        **fields,
    )
    return file_enterprise_record(world.users["manager"], record, channel="web", now=occurred_at)


def inside(drafts, world):
    return [d for d in drafts if d.subject == f"enterprise:{world.inside.enterprise.pk}"]


def test_financial_rules_missing_then_current_then_lapsed(world):
    (missing,) = inside(found(FinancialRulesCurrent), world)
    assert "没有财务管理制度" in missing.message
    file(world, FinancialRules, at(2024, 6, 1, 10), title="财务管理制度")
    in_force = found(FinancialRulesCurrent, as_of=at(2025, 6, 1, 23, 59))
    assert [d.period_end for d in inside(in_force, world)] == [at(2024, 6, 1)]  # only the time before it
    lapsed = [
        d for d in inside(found(FinancialRulesCurrent, as_of=at(2025, 6, 2, 0, 1)), world) if not d.period_end
    ]
    assert [d.period_start for d in lapsed] == [at(2025, 6, 2)]


def test_tax_certificate_due_by_the_end_of_may(world):
    assert inside(found(TaxCertificateFiled, as_of=at(2025, 5, 31, 23, 59)), world) == []
    (late,) = inside(found(TaxCertificateFiled, as_of=at(2025, 6, 1, 0, 0)), world)
    assert "2024年度完税证明" in late.message
    file(world, TaxCertificate, at(2025, 6, 1, 0, 0), tax_year=2024)
    assert inside(found(TaxCertificateFiled, as_of=at(2025, 6, 1, 0, 1)), world) == []


def test_a_correction_carrying_the_receipt_ends_the_finding_and_counts_once(world):
    from wuye.estates.models import Household
    from wuye.finance.actions_fees import record_payment, with_balance
    from wuye.finance.models import Payment

    manager = world.users["manager"]
    bare = f.payment(manager, world.inside.household, "100", receipt_number="")
    fixed = Payment(
        household=world.inside.household,
        amount=Decimal("100"),
        method="cash",
        receipt_number="R-2",
        occurred_at=bare.occurred_at,
        corrects=bare,
    )
    record_payment(manager, fixed, channel="web")
    assert found(ReceiptIssued, as_of=fixed.recorded_at) == []
    assert with_balance(Household.objects.filter(pk=world.inside.household.pk)).get().paid == Decimal(
        "100.00"
    )


def test_a_bill_issued_ahead_of_its_month_is_found_from_its_issue_and_once(world):
    """Billing on the 25th for next month is common: the finding starts at the issue, and evaluating again
    (the month not begun yet) matches it instead of opening it a second time."""
    from wuye.compliance.engine import evaluate
    from wuye.compliance.models import Finding

    f.FeeStandardFactory(project=world.inside.project, rate=Decimal("1.85"))
    issued = datetime.date(2025, 6, 25)
    bill = issue_bill(
        world.users["manager"], world.inside.household, datetime.date(2025, 7, 1), issued_on=issued
    )
    BillLine.objects.filter(bill=bill).update(amount=F("amount") + Decimal("1.00"))
    as_of = at(2025, 6, 28, 12)
    for _ in range(2):
        evaluate(as_of, full=True, checks={"1.5.bill_matches_standard"}, scores=False)
    (finding,) = Finding.objects.filter(check_id="1.5.bill_matches_standard")
    assert finding.period_start == at(2025, 6, 25)
