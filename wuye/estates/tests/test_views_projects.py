"""The project pages: list with search, filters, sorting, pages and CSV; detail; project forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.estates.models import Project
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

LIST = "/projects/"


def get(client, user, url, **extra):
    client.force_login(user)
    return client.get(url, **extra)


@pytest.mark.parametrize(
    "role", ["regulator", "regulator_bt", "manager", "staff", "developer", "committee", "owner"]
)
def test_list_shows_each_role_its_projects(client, world, role):
    response = get(client, world.users[role], LIST)
    html = response.content.decode()
    assert response.status_code == 200 and "项目" in html
    assert world.inside.project.name in html
    assert (world.outside.project.name in html) is (role == "regulator")


def test_list_search_by_name_or_address(client, world):
    f.ProjectFactory(name="草原明珠", address="赛罕区大学西街9号", division_code="150105")
    user = world.users["regulator"]
    assert "草原明珠" in get(client, user, LIST, data={"q": "明珠"}).content.decode()
    by_address = get(client, user, LIST, data={"q": "大学西街"}).content.decode()
    assert "草原明珠" in by_address and world.inside.project.name not in by_address


@pytest.mark.parametrize("code", ["150000", "150200", "150203"])
def test_list_filters_by_division_at_any_level(client, world, code):
    html = get(client, world.users["regulator"], LIST, data={"division": code}).content.decode()
    assert world.inside.project.name in html
    assert (world.outside.project.name in html) is (code == "150000")


def test_list_filters_by_enterprise_serving_now_and_by_kind(client, world):
    user = world.users["regulator"]
    html = get(client, user, LIST, data={"enterprise": world.outside.enterprise.pk}).content.decode()
    assert world.outside.project.name in html and world.inside.project.name not in html
    office = f.ProjectFactory(name="写字楼项目", kind="office")
    html = get(client, user, LIST, data={"kind": "office"}).content.decode()
    assert office.name in html and world.inside.project.name not in html


def test_enterprise_filter_offers_only_visible_enterprises(client, world):
    html = get(client, world.users["regulator_bt"], LIST).content.decode()
    assert f'value="{world.inside.enterprise.pk}"' in html
    assert world.outside.enterprise.name not in html


def test_list_filters_projects_served_without_a_contract(client, world):
    world.outside.contract.end = datetime.date(2022, 12, 31)
    world.outside.contract.save()
    html = get(client, world.users["regulator"], LIST, data={"without_contract": "true"}).content.decode()
    assert world.outside.project.name in html and world.inside.project.name not in html


def test_list_sorts_and_paginates(client, world):
    for n in range(22):
        f.ProjectFactory(name=f"排序小区{n:02d}", household_count=n + 1)
    user = world.users["regulator"]
    html = get(client, user, LIST, data={"q": "排序", "o": "-household_count"}).content.decode()
    assert html.index("排序小区21") < html.index("排序小区20")
    assert "第 1 / 2 页" in html and "o=-household_count&amp;page=2" in html
    page2 = get(client, user, LIST, data={"q": "排序", "o": "-household_count", "page": 2}).content.decode()
    assert "排序小区00" in page2 and "排序小区21" not in page2


def test_list_exports_csv(client, world):
    response = get(client, world.users["regulator_bt"], LIST, data={"export": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("项目名称,所在区划")
    assert world.inside.project.name in text and world.inside.enterprise.name in text
    assert world.outside.project.name not in text


def test_htmx_request_gets_the_fragment(client, world):
    response = get(client, world.users["regulator"], LIST, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = response.content.decode()
    assert "<html" not in html and world.inside.project.name in html


def test_list_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.users["regulator"])

    def add(count):
        for _n in range(count):
            project = f.ProjectFactory()
            f.ServicePeriodFactory(project=project)

    add(3)  # with the world's two: 5 rows
    with CaptureQueriesContext(connection) as five:
        assert client.get(LIST, {"per_page": 50}).status_code == 200
    add(20)
    with django_assert_max_num_queries(len(five)):
        response = client.get(LIST, {"per_page": 50})
    assert response.content.decode().count('href="/projects/') >= 25
    assert len(five) <= 12


# Detail


def test_detail_shows_the_project(client, world):
    inside = world.inside
    response = get(client, world.users["committee"], reverse("project-detail", args=[inside.project.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        inside.project.division.full_name,
        inside.project.address,
        "住宅小区",
        inside.developer.name,
        inside.enterprise.name,
        inside.building.name,
        inside.committee.name,
        inside.member.name,
        "服务期",
        "物业服务合同",
        "变更记录",
    ):
        assert text in html, text
    assert "没有有效的物业服务合同" not in html


def test_detail_warns_of_service_without_a_contract(client, world):
    world.inside.contract.end = datetime.date(2022, 12, 31)
    world.inside.contract.save()
    html = get(
        client, world.users["owner"], reverse("project-detail", args=[world.inside.project.pk])
    ).content.decode()
    assert "没有有效的物业服务合同" in html


def test_owner_sees_only_his_household(client, world):
    inside = world.inside
    html = get(
        client, world.users["owner"], reverse("project-detail", args=[inside.project.pk])
    ).content.decode()
    assert "我的房屋" in html and str(inside.household) in html
    assert str(inside.neighbour) not in html
    building = get(
        client, world.users["owner"], reverse("building-detail", args=[inside.building.pk])
    ).content.decode()
    assert str(inside.household) in building and str(inside.neighbour) not in building


def test_detail_outside_scope_is_404(client, world):
    url = reverse("project-detail", args=[world.outside.project.pk])
    for role in ("regulator_bt", "manager", "staff", "developer", "committee", "owner", "stranger"):
        assert get(client, world.users[role], url).status_code == 404, role


def test_edit_buttons_only_for_writers(client, world):
    url = reverse("project-detail", args=[world.inside.project.pk])
    edit = reverse("project-update", args=[world.inside.project.pk])
    assert edit in get(client, world.users["manager"], url).content.decode()
    for role in ("committee", "owner", "developer", "staff"):
        assert edit not in get(client, world.users[role], url).content.decode(), role


# Project forms


def project_data(**overrides):
    data = {
        "name": "新建小区",
        "address": "包头市九原区建华南路1号",
        "division": "150207",
        "kind": "residential",
        "floor_area": "12000.50",
        "household_count": "120",
        "developer": "",
    }
    data.update(overrides)
    return data


def test_regulator_registers_a_project_with_grouped_divisions(client, world):
    client.force_login(world.users["regulator_bt"])
    page = client.get(reverse("project-create")).content.decode()
    assert '<optgroup label="包头市">' in page and "包头市九原区" in page
    response = client.post(reverse("project-create"), project_data())
    project = Project.objects.get(name="新建小区")
    assert response.status_code == 302 and response.url == project.get_absolute_url()


def test_project_form_shows_model_rules(client, world):
    client.force_login(world.users["regulator_bt"])
    html = client.post(reverse("project-create"), project_data(floor_area="0")).content.decode()
    assert "建筑面积必须大于0" in html and "is-invalid" in html
    assert not Project.objects.filter(name="新建小区").exists()


def test_project_outside_the_regulators_division_is_refused(client, world):
    client.force_login(world.users["regulator_bt"])
    html = client.post(reverse("project-create"), project_data(division="150105")).content.decode()
    assert "无权" in html
    assert not Project.objects.filter(name="新建小区").exists()


@pytest.mark.parametrize("role", ["manager", "committee", "owner", "stranger"])
def test_only_regulators_open_the_project_registration_form(client, world, role):
    assert get(client, world.users[role], reverse("project-create")).status_code == 403


def test_project_update_by_manager_and_403_for_committee(client, world):
    project = world.inside.project
    url = reverse("project-update", args=[project.pk])
    client.force_login(world.users["committee"])
    assert client.post(url, project_data(division="150203")).status_code == 403
    project.refresh_from_db()
    assert project.name == "包头花园"
    client.force_login(world.users["manager"])
    assert client.post(url, project_data(division="150203", name="包头花园二期")).status_code == 302
    project.refresh_from_db()
    assert project.name == "包头花园二期"
    assert (
        get(
            client, world.users["manager"], reverse("project-update", args=[world.outside.project.pk])
        ).status_code
        == 404
    )


def test_detail_queries_do_not_grow_with_records(client, world, django_assert_max_num_queries):
    project = world.inside.project
    client.force_login(world.users["manager"])

    def add(count):
        for _n in range(count):
            building = f.BuildingFactory(project=project)
            f.HouseholdFactory(building=building)
            f.CommitteeMemberFactory(committee=world.inside.committee)
            f.PostFactory(project=project, staff=f.StaffFactory(enterprise=world.inside.enterprise))

    url = reverse("project-detail", args=[project.pk])
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(12)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_the_project_page_leads_to_its_takeovers_and_the_current_periods_exit(client, world):
    from django.urls import reverse

    project = world.inside.project
    client.force_login(world.users["manager"])
    html = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert reverse("takeover-list") in html
    current = project.service_periods.current().get()
    assert reverse("exit-create", args=[current.pk]) in html
    client.force_login(world.users["owner"])
    assert (
        reverse("exit-create", args=[current.pk])
        not in client.get(reverse("project-detail", args=[project.pk])).content.decode()
    )
