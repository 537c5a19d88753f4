"""Excel imports of fee history: past standards and past bills, all or nothing, every bad row named by
row, column and reason; history is stored as billed (the checks judge it); the pages answer by role."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wuye.core.spreadsheets import ImportContext, ImportRejected, run_import
from wuye.core.spreadsheets.template_book import header_text
from wuye.finance.checks.fees import BillMatchesStandard
from wuye.finance.imports_fees import BillImport, FeeStandardImport
from wuye.finance.models import Bill, BillLine, FeeStandard
from wuye.safety.tests.excel import xlsx
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
STANDARD_HEADERS = [header_text(column) for column in FeeStandardImport.columns]
BILL_HEADERS = [header_text(column) for column in BillImport.columns]


def run(world, spec, headers, rows, user="manager", project=None):
    context = ImportContext(user=world.users[user], project=project or world.inside.project)
    return run_import(spec(), xlsx(headers, rows), context)


def problems(caught):
    return {(p.row, p.column, p.reason) for p in caught.value.problems}


# -- standards ----------------------------------------------------------------------------------


def test_past_standards_are_imported_with_their_approval_numbers(world):
    rows = [
        ["住宅", 1.2, "市场调节价", None, None, "物业服务费", "备案〔2020〕3号", "2020-01-01", "2019-11-01"],
        [
            "住宅",
            1.5,
            "政府指导价",
            1.5,
            10,
            "物业服务费、电梯运行费",
            "包价字〔2023〕7号",
            "2023-01-01",
            "2022-11-20",
        ],
    ]
    saved = run(world, FeeStandardImport, STANDARD_HEADERS, rows)
    assert len(saved) == 2
    standards = list(FeeStandard.objects.filter(project=world.inside.project).order_by("effective_from"))
    assert [s.rate for s in standards] == [Decimal("1.2"), Decimal("1.5")]
    assert standards[1].fee_items == ["property_service", "elevator"]
    assert standards[1].approval_number == "包价字〔2023〕7号"
    assert standards[1].history.count() == 1


def test_bad_standard_rows_are_named_and_nothing_is_written(world):
    f.FeeStandardFactory(project=world.inside.project, effective_from=datetime.date(2024, 1, 1))
    rows = [
        ["住宅", 1.2, "市场调节价", None, None, "物业服务费", "", "2024-01-01", "2023-11-01"],  # same day
        ["商业", 2.5, "政府指导价", None, None, "物业服务费", "", "2024-01-01", "2023-11-01"],  # no base
        ["商业", 2.5, "市场调节价", None, None, "停车费", "", "2025-01-01", "2024-11-01"],  # unknown item
        ["办公", 0, "市场调节价", None, None, "物业服务费", "", "2025-01-01", "2024-11-01"],  # zero rate
        ["办公", 2, "市场调节价", None, None, "物业服务费", "", "2026-01-01", "2026-02-01"],  # published late
    ]
    before = FeeStandard.objects.count()
    with pytest.raises(ImportRejected) as caught:
        run(world, FeeStandardImport, STANDARD_HEADERS, rows)
    found = problems(caught)
    assert any(row == 2 and col == "物业类型" and "已经登记过" in reason for row, col, reason in found)
    assert any(row == 3 and "基准价" in reason for row, _c, reason in found)
    assert any(row == 4 and col == "允许收费项目" and "停车费" in reason for row, col, reason in found)
    assert any(row == 5 and col == "收费标准（元/㎡·月）" for row, col, _r in found)
    assert any(row == 6 and col == "公示日期" for row, col, _r in found)
    assert FeeStandard.objects.count() == before


# -- bills --------------------------------------------------------------------------------------


@pytest.fixture
def standard(world):
    return f.FeeStandardFactory(project=world.inside.project, rate=Decimal("1.50"))


def bill_row(household, month="2024-03-01", amount=None, item="物业服务费", rate=None, months=1):
    amount = household.area * Decimal("1.50") * months if amount is None else amount
    return [household.building.name, household.number, "住宅", month, months, item, rate, amount, month]


def test_past_bills_are_stored_as_billed_and_the_check_judges_them(world, standard):
    household = world.inside.household
    rows = [
        bill_row(household, "2024-03-01"),
        bill_row(household, "2024-04-01", amount=Decimal("200.00")),  # billed 52.25 too much
        bill_row(household, "2024-04-01", item="电梯运行费", rate=Decimal("0.30"), amount=Decimal("29.55")),
    ]
    saved = run(world, BillImport, BILL_HEADERS, rows)
    assert len(saved) == 3
    bills = Bill.objects.filter(household=household).order_by("period_start")
    assert [b.period_start.month for b in bills] == [3, 4]
    assert bills[1].lines.count() == 2
    assert all(b.standard_id == standard.pk for b in bills)
    assert bills[0].history.count() == 1
    at = datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
    flagged = [d.subject for d in BillMatchesStandard().run(at, [world.inside.project.pk])]
    over = BillLine.objects.get(bill=bills[1], item="property_service")
    assert flagged == [f"billline:{over.pk}"]


def test_bad_bill_rows_are_named_by_row_and_column_and_nothing_is_written(world, standard):
    household = world.inside.household
    outsider = f.HouseholdFactory(building=world.outside.household.building, number="9-901")
    Bill.objects.all().delete()
    rows = [
        bill_row(household, "2024-03-01"),  # fine
        bill_row(outsider),  # a household of another project
        bill_row(household, "2023-12-01"),  # before any standard
        bill_row(household, "2024-05-15"),  # not the first of a month
        bill_row(household, "2024-06-01", amount=Decimal("-1")),  # negative
        bill_row(household, "2024-03-01"),  # the same item twice in one bill
        bill_row(household, "2024-07-01", item="电梯运行费"),  # no rate for another item
    ]
    with pytest.raises(ImportRejected) as caught:
        run(world, BillImport, BILL_HEADERS, rows)
    found = problems(caught)
    assert any(row == 3 and col == "房号" and "本项目没有房屋" in reason for row, col, reason in found)
    assert any(
        row == 4 and col == "计费起始月" and "没有生效的住宅收费标准" in reason for row, col, reason in found
    )
    assert any(row == 5 and "1日" in reason for row, _c, reason in found)
    assert any(row == 6 and col == "金额（元）" for row, col, _r in found)
    assert any(row == 7 and col == "收费项目" and "第 2 行" in reason for row, col, reason in found)
    assert any(row == 8 and col == "单价（元/㎡·月）" for row, col, _r in found)
    assert not Bill.objects.exists() and not BillLine.objects.exists()


def test_a_month_already_billed_is_refused(world, standard):
    from wuye.finance.actions_fees import issue_bill

    issue_bill(world.users["manager"], world.inside.household, datetime.date(2024, 3, 1))
    with pytest.raises(ImportRejected) as caught:
        run(world, BillImport, BILL_HEADERS, [bill_row(world.inside.household, "2024-03-01")])
    assert any("已有账单" in reason for _r, _c, reason in problems(caught))
    assert Bill.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "inside", "outside"),
    [
        ("manager", 200, 404),
        ("committee", 403, 404),
        ("owner", 403, 404),
        ("stranger", 404, 404),
        ("admin", 200, 200),
    ],
)
@pytest.mark.parametrize(
    "name", ["fee-standard-import", "fee-standard-import-template", "bill-import", "bill-import-template"]
)
def test_the_import_pages_follow_the_write_rule(client, world, role, inside, outside, name):
    client.force_login(world.users[role])
    assert client.get(reverse(name, args=[world.inside.project.pk])).status_code == inside
    assert client.get(reverse(name, args=[world.outside.project.pk])).status_code == outside


def test_the_page_imports_a_filled_template_and_reports_problems(client, world, standard):
    client.force_login(world.users["manager"])
    url = reverse("bill-import", args=[world.inside.project.pk])
    outsider = f.HouseholdFactory(building=world.outside.household.building, number="9-901")
    bad = xlsx(BILL_HEADERS, [bill_row(outsider)])
    response = client.post(url, {"file": SimpleUploadedFile("bills.xlsx", bad)})
    page = response.content.decode()
    assert (
        "未导入任何数据" in page
        and "第 2 行" in page
        and f"本项目没有房屋“{outsider.building.name} 9-901”" in page
    )
    assert not Bill.objects.filter(household=outsider).exists()
    good = xlsx(BILL_HEADERS, [bill_row(world.inside.household, "2024-02-01")])
    response = client.post(url, {"file": SimpleUploadedFile("bills.xlsx", good)})
    assert response.status_code == 302
    assert Bill.objects.filter(household=world.inside.household, period_start="2024-02-01").exists()
    template = client.get(reverse("bill-import-template", args=[world.inside.project.pk]))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_command_imports_past_standards(world, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "standards.xlsx"
    row = ["商业", 3, "市场调节价", None, None, "物业服务费", "备案〔2021〕1号", "2021-01-01", "2020-11-01"]
    path.write_bytes(xlsx(STANDARD_HEADERS, [row]))
    out = StringIO()
    call_command(
        "import_excel",
        "fee-standards",
        str(path),
        user="manager",
        project=world.inside.project.pk,
        stdout=out,
    )
    assert FeeStandard.objects.filter(project=world.inside.project, property_kind="commercial").count() == 1


def test_other_items_rates_are_imported_and_bad_ones_named(world):
    good = [
        "住宅",
        1.5,
        "市场调节价",
        None,
        None,
        "物业服务费、电梯运行费",
        "",
        "2022-01-01",
        "2021-11-01",
        "电梯运行费：0.30",
    ]
    headers = STANDARD_HEADERS
    run(world, FeeStandardImport, headers, [good])
    standard = FeeStandard.objects.get(project=world.inside.project, effective_from="2022-01-01")
    assert {r.item: r.rate for r in standard.item_rates.all()} == {"elevator": Decimal("0.30")}
    bad = [
        [
            "商业",
            2,
            "市场调节价",
            None,
            None,
            "物业服务费",
            "",
            "2022-01-01",
            "2021-11-01",
            "电梯运行费：0.30",
        ],
        [
            "办公",
            2,
            "市场调节价",
            None,
            None,
            "物业服务费、电梯运行费",
            "",
            "2022-01-01",
            "2021-11-01",
            "电梯：abc",
        ],
    ]
    with pytest.raises(ImportRejected) as caught:
        run(world, FeeStandardImport, headers, bad)
    found = problems(caught)
    assert any(
        row == 2 and col == "其他项目单价" and "不在允许收费项目之内" in reason for row, col, reason in found
    )
    assert any(row == 3 and col == "其他项目单价" and "无法识别" in reason for row, col, reason in found)
    assert FeeStandard.objects.filter(project=world.inside.project).count() == 1
