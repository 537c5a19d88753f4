"""The pages of clauses 1.2 and 3.3: the centre on the project page, the centre list, the roster page,
planning and removing shifts, offices; inside 200, outside 404, anonymous to the login page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.servicedesk.models import CentreShift, Office, ServiceCentre
from wuye.servicedesk.tests.world_centres import add_centres
from wuye.testing import factories as f

LOCAL = "%Y-%m-%dT%H:%M"


@pytest.fixture
def centres_world(world):
    return add_centres(world)


def pages(side):
    return [
        reverse("centre-detail", args=[side.servicecentre.pk]),
        reverse("centre-update", args=[side.servicecentre.pk]),
        reverse("centre-create", args=[side.project.pk]),
        reverse("centre-shift-create", args=[side.servicecentre.pk]),
        reverse("centre-shift-delete", args=[side.centreshift.pk]),
        reverse("office-list", args=[side.enterprise.pk]),
        reverse("office-create", args=[side.enterprise.pk]),
        reverse("office-update", args=[side.office.pk]),
    ]


def test_every_page_inside_200_outside_404_anonymous_to_login(client, centres_world):
    for url in pages(centres_world.inside) + [reverse("centre-list")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
    client.force_login(centres_world.users["manager"])
    for url in pages(centres_world.inside):
        assert client.get(url).status_code == 200, url
    for url in pages(centres_world.outside):
        assert client.get(url).status_code == 404, url


def test_the_project_page_shows_the_phone_and_who_is_on_duty(client, centres_world):
    side = centres_world.inside
    now = timezone.now()
    CentreShift.objects.create(
        centre=side.servicecentre,
        attendant="周值班",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    client.force_login(centres_world.users["owner"])
    body = client.get(reverse("project-detail", args=[side.project.pk])).content.decode()
    assert "0472-5234567" in body and "24小时服务电话" in body and "周值班" in body
    assert 'href="tel:0472-5234567"' in body


def test_the_project_page_says_when_no_phone_is_published(client, centres_world):
    side = centres_world.inside
    ServiceCentre.objects.filter(pk=side.servicecentre.pk).update(service_phone="")
    client.force_login(centres_world.users["committee"])
    body = client.get(reverse("project-detail", args=[side.project.pk])).content.decode()
    assert "未公示24小时服务电话" in body


def test_the_centre_list_searches_filters_and_pages(client, centres_world, django_assert_max_num_queries):
    for n in range(25):
        project = f.ProjectFactory(name=f"测试{n:02d}小区", division_code="150203")
        f.ServicePeriodFactory(project=project, enterprise=centres_world.inside.enterprise)
        f.ServiceCentreFactory(project=project, service_phone="" if n % 5 == 0 else "13812345678")
    client.force_login(centres_world.users["manager"])
    with django_assert_max_num_queries(12):
        body = client.get(reverse("centre-list")).content.decode()
    assert "共 26 条" in body
    body = client.get(reverse("centre-list"), {"q": "测试03"}).content.decode()
    assert "测试03小区" in body and "测试04小区" not in body
    body = client.get(reverse("centre-list"), {"without_phone": "on"}).content.decode()
    assert "共 5 条" in body
    assert "第 2 / 2 页" in client.get(reverse("centre-list"), {"page": 2}).content.decode()


def test_the_roster_page_shows_the_holes_ahead(client, centres_world, django_assert_max_num_queries):
    client.force_login(centres_world.users["staff"])
    with django_assert_max_num_queries(12):
        body = client.get(
            reverse("centre-detail", args=[centres_world.inside.servicecentre.pk])
        ).content.decode()
    assert "钱客服" in body and "无人值班" in body and "请尽快排班" in body


def test_staff_plan_a_shift_on_the_page(client, centres_world):
    side = centres_world.inside
    client.force_login(centres_world.users["staff"])
    start = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        reverse("centre-shift-create", args=[side.servicecentre.pk]),
        {
            "attendant": "吴客服",
            "starts_at": start.strftime(LOCAL),
            "ends_at": (start + datetime.timedelta(hours=8)).strftime(LOCAL),
            "repeat_days": 1,
        },
    )
    assert response.status_code == 302
    assert CentreShift.objects.filter(centre=side.servicecentre, attendant="吴客服").count() == 2


def test_a_past_shift_is_refused_with_a_clear_message_and_nothing_is_written(client, centres_world):
    side = centres_world.inside
    client.force_login(centres_world.users["staff"])
    start = timezone.localtime() - datetime.timedelta(days=1)
    before = CentreShift.objects.count()
    response = client.post(
        reverse("centre-shift-create", args=[side.servicecentre.pk]),
        {
            "attendant": "吴客服",
            "starts_at": start.strftime(LOCAL),
            "ends_at": (start + datetime.timedelta(hours=8)).strftime(LOCAL),
            "repeat_days": 0,
        },
    )
    assert response.status_code == 200 and "不能补登已经结束的班次" in response.content.decode()
    assert CentreShift.objects.count() == before


def test_the_committee_reads_the_roster_but_cannot_plan_or_remove(client, centres_world):
    side = centres_world.inside
    client.force_login(centres_world.users["committee"])
    assert client.get(reverse("centre-detail", args=[side.servicecentre.pk])).status_code == 200
    assert client.get(reverse("centre-shift-create", args=[side.servicecentre.pk])).status_code == 403
    assert client.post(reverse("centre-shift-delete", args=[side.centreshift.pk])).status_code == 403
    assert CentreShift.objects.filter(pk=side.centreshift.pk).exists()


def test_staff_remove_a_shift_that_has_not_begun(client, centres_world):
    side = centres_world.inside
    client.force_login(centres_world.users["staff"])
    response = client.post(reverse("centre-shift-delete", args=[side.centreshift.pk]))
    assert response.status_code == 302 and not CentreShift.objects.filter(pk=side.centreshift.pk).exists()


def test_a_centre_form_refuses_a_bad_phone_and_a_second_centre(client, centres_world):
    side = centres_world.inside
    client.force_login(centres_world.users["manager"])
    data = {
        "address": "2号楼",
        "opening_hours": "每日 8:00–18:00",
        "service_phone": "5123456",
        "opened_on": "2026-01-01",
        "active": "on",
    }
    response = client.post(reverse("centre-update", args=[side.servicecentre.pk]), data)
    assert response.status_code == 200 and "须带区号" in response.content.decode()
    assert ServiceCentre.objects.get(pk=side.servicecentre.pk).address == "1号楼一层"
    data["service_phone"] = "0472-5111111"
    response = client.post(reverse("centre-create", args=[side.project.pk]), data)
    assert response.status_code == 200 and "已登记客户服务中心" in response.content.decode()
    assert ServiceCentre.objects.filter(project=side.project).count() == 1
    response = client.post(reverse("centre-update", args=[side.servicecentre.pk]), data)
    assert response.status_code == 302
    assert ServiceCentre.objects.get(pk=side.servicecentre.pk).service_phone == "0472-5111111"


def test_a_manager_records_an_office_move(client, centres_world):
    side = centres_world.inside
    client.force_login(centres_world.users["manager"])
    data = {"address": "包头市青山区幸福路8号", "phone": "0472-5666666", "since": "2026-02-01", "until": ""}
    response = client.post(reverse("office-create", args=[side.enterprise.pk]), data)
    assert response.status_code == 302
    office = Office.objects.get(address="包头市青山区幸福路8号")
    assert office.enterprise == side.enterprise
    bad = {**data, "since": "2026-03-01", "until": "2026-02-01"}
    response = client.post(reverse("office-update", args=[office.pk]), bad)
    assert response.status_code == 200 and "停用日期不能早于启用日期" in response.content.decode()
    assert Office.objects.get(pk=office.pk).until is None


@pytest.mark.parametrize(
    "label",
    [
        "servicedesk.office",
        "servicedesk.servicecentre",
        "servicedesk.centreshift",
        "accounts.invitationcode",
        "accounts.joinrequest",
    ],
)
def test_the_operator_has_admin_pages_of_them(client, centres_world, label):
    client.force_login(centres_world.users["admin"])
    app, model = label.split(".")
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    if app == "servicedesk":
        assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200
