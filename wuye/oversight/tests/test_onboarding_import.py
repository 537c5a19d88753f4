"""Bulk onboarding by one workbook: a good book creates everything with history, a bad one writes nothing
and names each problem by sheet, row and column; out-of-division rows are refused; only regulators import."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from wuye.bench.onboarding import book_bytes, book_rows, citizen_id, credit_code
from wuye.core.spreadsheets import ImportContext, ImportRejected, run_import, template_bytes
from wuye.enterprises.models import Certificate, Enterprise, Licence, Post, Staff
from wuye.estates.models import Building, Developer, Household, Owner, Project, ServicePeriod
from wuye.oversight.imports_onboarding import OnboardingImport, StaffSheet, header
from wuye.regions.models import division_for_area

pytestmark = pytest.mark.django_db
MODELS = [Enterprise, Staff, Project, ServicePeriod, Building, Household, Owner, Licence, Post]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def run(world, user, rows):
    return run_import(OnboardingImport(), book_bytes(rows), ImportContext(user=world.users[user]))


def problems_of(world, user, rows):
    with pytest.raises(ImportRejected) as caught:
        run(world, user, rows)
    return [(p.sheet, p.row, p.column, p.reason) for p in caught.value.problems]


def test_a_good_book_creates_everything_with_history(world, django_assert_max_num_queries):
    before = counts()
    rows = book_rows(2, buildings=2, households=3)
    with django_assert_max_num_queries(60):
        saved = run(world, "regulator_bt", rows)
    assert len(saved) == sum(len(sheet) for sheet in rows.values())
    after = counts()
    added = {name: after[name] - before[name] for name in after}
    assert added == {
        "Enterprise": 1,
        "Staff": 10,
        "Project": 2,
        "ServicePeriod": 2,
        "Building": 4,
        "Household": 12,
        "Owner": 12,
        "Licence": 0,
        "Post": 0,
    }
    project = Project.objects.get(name="阳光0号小区")
    assert project.division_id == "150203"
    assert project.current_service_period().enterprise.name == "第0物业服务有限公司"
    assert project.history.get().history_user == world.users["regulator_bt"]
    household = Household.objects.get(project=project, building__name="1号楼", number="101")
    assert household.history.count() == 1
    assert household.owners.get().name == "业主0-0-0"
    staff = Staff.objects.get(name="员工0")
    assert staff.id_number_masked.startswith("150203") and staff.reveal_id_number() != staff.id_number_masked
    assert Enterprise.objects.get(name="第0物业服务有限公司").division_id == "150203"


def test_a_bad_book_writes_nothing_and_names_every_problem(world):
    rows = book_rows(2, buildings=1, households=2)
    enterprises, projects, buildings, households, owners, staff = rows.values()
    enterprises[0][1] = enterprises[0][1][:-1] + ("0" if enterprises[0][1][-1] != "0" else "1")  # checksum
    projects[1][3] = "别墅"  # not a kind
    projects[1][0:2] = projects[0][0:2]  # the same project twice in its division
    buildings[0][0] = "没有的小区"
    households.append(list(households[0]))  # the same room twice
    staff[0][2] = "150203199001011230"  # a bad ID checksum
    before = counts()
    problems = problems_of(world, "regulator_bt", rows)
    assert counts() == before
    where = {(sheet, row, column) for sheet, row, column, _reason in problems}
    assert ("企业", 2, "统一社会信用代码") in where
    assert ("项目", 3, "类型") in where
    assert ("项目", 3, "项目名称") in where  # 与第 2 行重复
    assert ("楼栋", 2, "项目名称") in where
    assert ("房屋", 2 + len(households) - 1, "房号") in where
    assert ("员工", 2, "身份证号") in where
    assert [p[0] for p in problems] == sorted(
        (p[0] for p in problems), key=["企业", "项目", "楼栋", "房屋", "业主", "员工"].index
    )


def test_rows_outside_the_regulators_division_are_refused(world):
    rows = book_rows(1, buildings=1, households=1, area_codes=["150105"])  # 呼和浩特市新城区
    before = counts()
    problems = problems_of(world, "regulator_bt", rows)
    assert counts() == before
    assert ("企业", 2, "统一社会信用代码") in {p[:3] for p in problems}
    assert ("项目", 2, "区划代码") in {p[:3] for p in problems}
    assert any("不在您的辖区内" in p[3] for p in problems)
    run(world, "regulator", rows)  # the region's regulator may
    assert Project.objects.filter(division_id="150105", name="阳光0号小区").exists()


def test_records_already_registered_are_refused_not_updated(world):
    rows = book_rows(1, buildings=1, households=1)
    rows["企业"][0][1] = world.inside.enterprise.credit_code
    rows["项目"][0][0:2] = [world.inside.project.name, world.inside.project.division_id]
    problems = problems_of(world, "regulator_bt", rows)
    reasons = {(p[0], p[2]): p[3] for p in problems}
    assert "已经登记过" in reasons[("企业", "统一社会信用代码")]
    assert "已经登记过" in reasons[("项目", "项目名称")]


@pytest.mark.parametrize("role", ["manager", "staff", "developer", "committee", "owner", "stranger"])
def test_only_regulators_and_admin_import(world, role):
    before = counts()
    with pytest.raises(PermissionDenied):
        run(world, role, book_rows(1, buildings=1, households=1))
    assert counts() == before


def test_the_template_has_a_sheet_per_kind_and_imports_once_filled(world):
    context = ImportContext(user=world.users["regulator_bt"])
    workbook = load_workbook(io.BytesIO(template_bytes(OnboardingImport(), context)))
    assert workbook.sheetnames[:7] == ["说明", "企业", "项目", "楼栋", "房屋", "业主", "员工"]
    projects = workbook["项目"]
    assert projects["A1"].value == "*项目名称"
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in projects.data_validations.dataValidation}
    assert "B2" in validations  # the division codes of 包头市
    rows = book_rows(1, buildings=1, households=1)
    for title, sheet_rows in rows.items():
        for row in sheet_rows:
            workbook[title].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    saved = run_import(OnboardingImport(), buffer.getvalue(), context)
    assert len(saved) == sum(len(sheet) for sheet in rows.values())


def test_the_command_imports_a_book(world, tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(book_bytes(book_rows(1, buildings=1, households=2)))
    call_command("import_excel", "onboarding", str(path), "--user", "regulator_bt")
    assert Household.objects.filter(project__name="阳光0号小区").count() == 2
    with pytest.raises(CommandError):
        call_command("import_excel", "onboarding", str(path), "--user", "regulator_bt")


def test_licences_posts_certificates_new_developers_and_owners_of_several_households(world):
    rows = book_rows(1, buildings=1, households=2)
    enterprise, project = rows["企业"][0], rows["项目"][0]
    enterprise += ["营业执照", "150203000012345", "包头市市场监督管理局", "2020-01-01", None]
    developer_code = credit_code(
        "150201", 7
    )  # 市辖区, not a division here: Developer.save falls back to 包头市
    project[6:8] = ["包头市阳光房地产开发有限公司", developer_code]
    staff = rows["员工"][0]
    staff += [
        "电工",
        project[0],
        project[1],
        "2021-05-01",
        "特种作业操作证（电工）",
        "T1502",
        "2020-03-01",
        None,
    ]
    first, second = rows["业主"]
    second[5:7] = first[5:7]  # one owner of both households
    before = counts()
    run(world, "regulator_bt", rows)
    after = counts()
    added = {name: after[name] - before[name] for name in after}
    assert (added["Licence"], added["Post"], added["Owner"], added["Household"]) == (1, 1, 1, 2)
    licence = Licence.objects.get(number="150203000012345")
    assert licence.enterprise.name == enterprise[0] and licence.history.get().history_type == "+"
    post = Post.objects.get(staff__name=staff[1])
    assert (post.kind, post.project.name, post.history.count()) == ("electrician", project[0], 1)
    certificate = Certificate.objects.get(number="T1502")
    assert (certificate.staff_id, certificate.kind, certificate.history.count()) == (
        post.staff_id,
        "electrician",
        1,
    )
    developer = Developer.objects.get(credit_code=developer_code)
    assert developer.division_id == division_for_area("150201").code == "150200"
    assert developer.history.get().history_user == world.users["regulator_bt"]
    assert Project.objects.get(name=project[0]).developer == developer
    owner = Owner.objects.get(name=first[5])
    assert owner.households.count() == 2 and owner.history.count() == 1


def test_an_invalid_post_kind_is_reported_in_the_post_column(world):
    context = ImportContext(user=world.users["regulator_bt"])
    spec = StaffSheet()
    record = spec.build(
        {
            "enterprise": world.inside.enterprise, "name": "张三", "phone": "13904721234",
            "id_number": citizen_id("150203", 1), "post": "bogus", "project": world.inside.project,
            "post_start": datetime.date(2021, 5, 1),
        },
        context,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        spec.validate(record, context)
    assert set(caught.value.message_dict) == {"post"}
    assert header(spec, "post") == "岗位"


def test_the_rows_naming_a_bad_row_are_reported_once_not_each(world):
    rows = book_rows(1, buildings=2, households=3)
    rows["项目"][0][3] = "别墅"  # not a kind: the project is bad, and so everything under it
    before = counts()
    problems = problems_of(world, "regulator_bt", rows)
    assert counts() == before
    assert [(sheet, row, column) for sheet, row, column, _reason in problems] == [
        ("项目", 2, "类型"),
        ("楼栋", 2, "项目名称"),
        ("房屋", 2, "楼栋"),
        ("业主", 2, "房号"),
    ]
    assert {reason for *_where, reason in problems[1:]} == {"“项目”工作表第 2 行有误，引用它的各行均未导入。"}
