"""The elevator pages: the register lists exactly what each role sees, filters and pages it in the same
queries however long it grows; the detail shows the next dues (amber a month before the certificate
lapses); the register form refuses a bad code and writes nothing; reports and photos go only to those
who see the elevator; the project page has its card."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.estates.models import Building
from wuye.safety.actions_elevators import record_elevator_evidence
from wuye.safety.models import Elevator, ElevatorInspection
from wuye.safety.tests.world import add_elevators, label_photo
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
LIST = reverse("elevator-list")


@pytest.fixture
def elevator_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_elevators(world)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_elevators(project, count, start=2, **values):
    return [
        Elevator.objects.create(
            **{
                "project": project,
                "name": f"{n}号楼1号梯",
                "maker": "日立电梯（中国）有限公司",
                "registration_code": f"梯11蒙B{n:05d}(24)",
                "in_service_from": timezone.localdate() - datetime.timedelta(days=10),
                **values,
            }
        )
        for n in range(start, start + count)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_register_lists_exactly_the_elevators_the_role_sees(client, elevator_world, role):
    client.force_login(elevator_world.users[role])
    body = client.get(LIST).content.decode()
    for side in ("inside", "outside"):
        elevator = getattr(elevator_world, side).elevator
        shown = reverse("elevator-detail", args=[elevator.pk]) in body
        assert shown is can_read(role, "project", side), (role, side)


def test_search_status_and_project_filters(client, elevator_world):
    inside = elevator_world.inside
    (unregistered,) = more_elevators(inside.project, 1, registration_code="")
    client.force_login(elevator_world.users["regulator"])

    def listed(query):
        body = client.get(LIST + query).content.decode()
        return {e.name for e in Elevator.objects.all() if reverse("elevator-detail", args=[e.pk]) in body}

    assert listed("?q=蒙A00001") == {"1号楼1号梯"}  # the outside one's code
    assert listed("?status=unregistered") == {unregistered.name}
    assert listed(f"?project={inside.project.pk}") == {"1号楼1号梯", unregistered.name}
    assert listed("?status=lapsed") == {unregistered.name}  # never inspected
    assert listed("?division=150100") == {"1号楼1号梯"}  # 呼和浩特
    record_elevator_evidence(
        elevator_world.users["admin"],
        ElevatorInspection(
            elevator=inside.elevator,
            occurred_at=timezone.now() - datetime.timedelta(hours=1),
            inspection_body="检验院",
            result="fail",
        ),
        channel="web",
    )
    body = client.get(LIST + "?status=failed").content.decode()
    assert reverse("elevator-detail", args=[inside.elevator.pk]) in body and "最近检验不合格" in body


def test_the_project_register_shows_only_its_elevators_without_a_project_filter(client, elevator_world):
    client.force_login(elevator_world.users["regulator"])
    body = client.get(reverse("project-elevators", args=[elevator_world.inside.project.pk])).content.decode()
    assert reverse("elevator-detail", args=[elevator_world.inside.elevator.pk]) in body
    assert reverse("elevator-detail", args=[elevator_world.outside.elevator.pk]) not in body
    assert 'name="project"' not in body and 'name="division"' not in body
    assert reverse("elevator-create", args=[elevator_world.inside.project.pk]) in body  # the regulator writes


def test_the_register_pages_and_takes_the_same_queries_with_more_elevators(client, elevator_world):
    client.force_login(elevator_world.users["manager"])
    project = elevator_world.inside.project
    urls = [LIST, reverse("project-elevators", args=[project.pk])]
    before = [queries_for(client, url) for url in urls]
    more_elevators(project, 30)
    after = [queries_for(client, url) for url in urls]
    assert after == before and max(before) <= 25
    body = client.get(LIST + "?page=2").content.decode()
    assert "共 31 条，第 2 / 2 页" in body


def test_the_detail_shows_dues_amber_a_month_before_the_certificate_lapses(client, elevator_world):
    elevator = elevator_world.inside.elevator
    soon = timezone.localdate() + datetime.timedelta(days=20)
    record_elevator_evidence(
        elevator_world.users["staff"],
        ElevatorInspection(
            elevator=elevator,
            occurred_at=timezone.now() - datetime.timedelta(days=1),
            inspection_body="检验院",
            result="pass",
            valid_until=soon,
        ),
        channel="web",
    )
    # The world's first inspection is valid longer: a later certificate does not shorten the cover.
    client.force_login(elevator_world.users["committee"])
    body = client.get(elevator.get_absolute_url()).content.decode()
    assert "下次到期" in body and "定期检验" in body and "维护保养" in body
    assert "text-bg-success" in body
    assert reverse("elevator-maintenance-create", args=[elevator.pk]) not in body  # the committee reads
    other = more_elevators(elevator.project, 1)[0]
    record_elevator_evidence(
        elevator_world.users["staff"],
        ElevatorInspection(
            elevator=other,
            occurred_at=timezone.now() - datetime.timedelta(days=1),
            inspection_body="检验院",
            result="pass",
            valid_until=soon,
        ),
        channel="web",
    )
    client.force_login(elevator_world.users["staff"])
    body = client.get(other.get_absolute_url()).content.decode()
    assert "即将到期" in body and reverse("elevator-inspection-create", args=[other.pk]) in body


def test_the_detail_takes_the_same_queries_with_more_records(client, elevator_world):
    elevator = elevator_world.inside.elevator
    client.force_login(elevator_world.users["manager"])
    before = queries_for(client, elevator.get_absolute_url())
    admin, now = elevator_world.users["admin"], timezone.now()
    for days in range(3, 9):
        add_all_records(admin, elevator, now - datetime.timedelta(days=days, hours=1))
    assert queries_for(client, elevator.get_absolute_url()) == before


def add_all_records(user, elevator, when):
    from wuye.safety.models import Breakdown, ElevatorLabelCheck, MaintenanceVisit

    for record in (
        MaintenanceVisit(
            elevator=elevator, occurred_at=when, technician="李", technician_certificate="T1", items="保养"
        ),
        Breakdown(elevator=elevator, occurred_at=when, arrived_at=when, cause="停电"),
        ElevatorLabelCheck(elevator=elevator, occurred_at=when, attachment=label_photo()),
    ):
        record_elevator_evidence(user, record, channel="web", now=when + datetime.timedelta(minutes=5))


def test_the_register_form_limits_buildings_to_the_project_and_refuses_a_bad_code(client, elevator_world):
    project = elevator_world.inside.project
    other = Building.objects.create(project=elevator_world.outside.project, name="9号楼")
    client.force_login(elevator_world.users["manager"])
    url = reverse("elevator-create", args=[project.pk])
    body = client.get(url).content.decode()
    assert f'value="{elevator_world.inside.building.pk}"' in body and f'value="{other.pk}"' not in body
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in body  # the checks count from today
    before = Elevator.objects.count()
    data = {
        "name": "2号梯",
        "building": elevator_world.inside.building.pk,
        "registration_code": "蒙B-123",
        "kind": "passenger",
        "maker": "通力",
        "in_service_from": timezone.localdate().isoformat(),
        "active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "登记编号格式不正确" in response.content.decode()
    assert Elevator.objects.count() == before
    response = client.post(url, {**data, "registration_code": "梯11蒙b00777（25）"})
    assert response.status_code == 302
    created = Elevator.objects.get(name="2号梯")
    assert created.registration_code == "梯11蒙B00777(25)" and created.project == project
    assert created.history.first().history_user == elevator_world.users["manager"]


def test_stopping_an_elevator_is_an_edit_kept_in_its_history(client, elevator_world):
    elevator = elevator_world.inside.elevator
    client.force_login(elevator_world.users["manager"])
    page = client.get(reverse("elevator-update", args=[elevator.pk]))
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["in_service_from"] = elevator.in_service_from.isoformat()
    data["maintenance_licence_valid_until"] = elevator.maintenance_licence_valid_until.isoformat()
    data.pop("active")
    response = client.post(reverse("elevator-update", args=[elevator.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    elevator.refresh_from_db()
    assert elevator.active is False and elevator.history.count() == 2


@pytest.mark.parametrize(
    "role, status", [("committee", 200), ("regulator_bt", 200), ("owner", 200), ("stranger", 404)]
)
def test_an_inspection_report_goes_only_to_who_sees_the_elevator(client, elevator_world, role, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    inspection = record_elevator_evidence(
        elevator_world.users["staff"],
        ElevatorInspection(
            elevator=elevator_world.inside.elevator,
            occurred_at=timezone.now() - datetime.timedelta(days=1),
            inspection_body="检验院",
            result="pass",
            valid_until=timezone.localdate() + datetime.timedelta(days=300),
            attachment=SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf"),
        ),
        channel="web",
    )
    client.force_login(elevator_world.users[role])
    response = client.get(
        reverse("scoped-file", args=["safety.elevatorinspection", inspection.pk, "attachment"])
    )
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_the_project_page_has_the_elevators_card(client, elevator_world):
    project = elevator_world.inside.project
    client.force_login(elevator_world.users["staff"])
    body = client.get(project.get_absolute_url()).content.decode()
    assert 'id="elevators"' in body and "1号楼1号梯" in body
    assert reverse("elevator-maintenance-create", args=[elevator_world.inside.elevator.pk]) in body
    assert reverse("elevator-create", args=[project.pk]) not in body  # staff record, they do not register
    client.force_login(elevator_world.users["manager"])
    body = client.get(project.get_absolute_url()).content.decode()
    assert reverse("elevator-create", args=[project.pk]) in body


def test_the_project_page_takes_the_same_queries_with_more_elevators(client, elevator_world):
    project = elevator_world.inside.project
    client.force_login(elevator_world.users["manager"])
    before = queries_for(client, project.get_absolute_url())
    more_elevators(project, 5)
    assert queries_for(client, project.get_absolute_url()) == before
