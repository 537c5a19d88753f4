"""The pages of clauses 3.4, 3.5, 4.5 and the entrance signs: what a phone records in one form (with its
photo or file), what the registers and lists show, the project page's card, the safety overview's due
items, the files behind the scope, and that no page costs more queries with more records."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.safety import dues_plans
from wuye.safety.actions_plans import record_incident, record_project_evidence, review_content
from wuye.safety.models import (
    ArchiveDocument,
    Drill,
    EmergencyPlan,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)
from wuye.safety.overview import OK, OVERDUE
from wuye.safety.tests.world import PDF, PNG, add_plans, stored_file

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plans_world(world):
    return add_plans(world)


def minutes_ago(minutes=1):
    return timezone.localtime(timezone.now() - datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")


def logged_in(client, world, role="staff"):
    client.force_login(world.users[role])
    return client


PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile"}


# -- 3.4 ------------------------------------------------------------------------------------------------


def test_uploading_a_plan_records_its_approval_the_file_hash_and_the_uploader(client, world):
    project = world.inside.project
    response = logged_in(client, world).post(
        reverse("emergency-plan-create", args=[project.pk]),
        {
            "plan_type": "power_outage",
            "title": "停电应急预案",
            "approved_by": "李经理",
            "occurred_at": minutes_ago(),
            "attachment": SimpleUploadedFile("停电预案.pdf", PDF, content_type="application/pdf"),
        },
        **PHONE,
    )
    assert response.status_code == 302 and response.url == reverse("emergency-plan-list", args=[project.pk])
    plan = EmergencyPlan.objects.get()
    assert plan.attachment_sha256 == hashlib.sha256(PDF).hexdigest()
    assert (plan.recorded_by, plan.channel) == (world.users["staff"], "phone")
    assert plan.reviews.get().kind == "approval"
    page = client.get(reverse("emergency-plan-list", args=[project.pk])).content.decode()
    assert "停电应急预案" in page and "有效" in page and "缺失" in page  # three types still missing


def test_a_plan_without_its_file_or_of_another_type_unnamed_is_refused_and_nothing_is_written(client, world):
    url = reverse("emergency-plan-create", args=[world.inside.project.pk])
    logged_in(client, world)
    data = {"plan_type": "other", "title": "预案", "approved_by": "李经理", "occurred_at": minutes_ago()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"attachment"}
    data["attachment"] = SimpleUploadedFile("plan.pdf", PDF)
    response = client.post(url, data)
    assert response.status_code == 200 and "请填写具体类型" in response.content.decode()
    data["attachment"] = SimpleUploadedFile("plan.exe", b"MZ")
    data["type_name"] = "沙尘暴"
    response = client.post(url, data)
    assert response.status_code == 200 and "文件类型须为" in response.content.decode()
    assert not EmergencyPlan.objects.exists() and not PlanReview.objects.exists()


def test_a_review_is_recorded_from_the_plans_page_and_cannot_claim_a_future_time(client, plans_world):
    plan = plans_world.inside.emergencyplan
    url = reverse("plan-review-create", args=[plan.pk])
    logged_in(client, plans_world, "manager")
    future = timezone.localtime(timezone.now() + DAY).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"occurred_at": future, "reviewer": "王经理"})
    assert response.status_code == 200 and plan.reviews.count() == 1
    response = client.post(
        url, {"occurred_at": minutes_ago(), "reviewer": "王经理", "conclusion": "更新联系人"}
    )
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.reviews.filter(kind="review").count() == 1
    assert "更新联系人" in client.get(plan.get_absolute_url()).content.decode()


def test_a_drill_is_recorded_on_a_phone_with_its_photo(client, world):
    project = world.inside.project
    response = logged_in(client, world).post(
        reverse("drill-create", args=[project.pk]),
        {
            "plan_type": "elevator_failure",
            "occurred_at": minutes_ago(),
            "participant_count": 4,
            "participants": "张三，李四 王五",
            "summary": "困人救援演练",
            "attachment": SimpleUploadedFile("drill.png", PNG, content_type="image/png"),
        },
        **PHONE,
    )
    assert response.status_code == 302
    drill = Drill.objects.get()
    assert (drill.names(), drill.participant_count, drill.channel) == (["张三", "李四", "王五"], 4, "phone")
    assert len(drill.attachment_sha256) == 64
    form = client.get(reverse("drill-create", args=[project.pk])).content.decode()
    assert 'capture="environment"' in form and 'accept="image/*"' in form


def test_a_drill_with_fewer_people_than_names_is_refused(client, world):
    response = logged_in(client, world).post(
        reverse("drill-create", args=[world.inside.project.pk]),
        {
            "plan_type": "fire",
            "occurred_at": minutes_ago(),
            "participant_count": 1,
            "participants": "张三、李四",
            "summary": "疏散",
            "attachment": SimpleUploadedFile("drill.png", PNG),
        },
    )
    assert response.status_code == 200 and "参加人数少于所列的2个姓名" in response.content.decode()
    assert not Drill.objects.exists()


def test_an_incident_goes_on_the_list_and_its_correction_replaces_it_there(client, plans_world):
    project = plans_world.inside.project
    logged_in(client, plans_world)
    url = reverse("incident-create", args=[project.pk])
    response = client.post(
        url,
        {
            "plan_type": "power_outage",
            "occurred_at": minutes_ago(30),
            "description": "停电",
            "actions": "排查",
        },
    )
    assert response.status_code == 302
    ongoing = Incident.objects.get(description="停电")
    correct = reverse("incident-correct", args=[ongoing.pk])
    form = client.get(correct).content.decode()
    assert "排查" in form  # the form starts from the record it corrects
    response = client.post(
        correct,
        {
            "plan_type": "power_outage",
            "occurred_at": minutes_ago(30),
            "plan_started_at": minutes_ago(25),
            "ended_at": minutes_ago(2),
            "description": "停电",
            "actions": "排查，启动停电预案，恢复供电",
        },
    )
    assert response.status_code == 302
    latest = Incident.objects.get(corrects=ongoing)
    page = client.get(reverse("incident-list", args=[project.pk])).content.decode()
    assert "恢复供电" in page and "已更正" in page
    assert reverse("incident-correct", args=[ongoing.pk]) not in page  # only the latest is listed
    assert (
        client.get(reverse("incident-list", args=[project.pk]) + "?plan_started=false")
        .context["page_obj"]
        .object_list.count()
        == 0
    )
    assert latest.plan_started_at is not None
    assert (
        client.post(
            correct,
            {"plan_type": "fire", "occurred_at": minutes_ago(30), "description": "x", "actions": "y"},
        ).status_code
        == 200
    )
    assert Incident.objects.filter(project=project).count() == 3  # the world's, the first and its correction


def test_the_stoppage_list_marks_a_notice_given_too_late(client, plans_world):
    project = plans_world.inside.project
    starts = timezone.now() - 2 * DAY
    record_project_evidence(
        plans_world.users["admin"],
        StoppageNotice(
            project=project,
            kind="power",
            planned_start=starts,
            planned_end=starts + DAY / 8,
            occurred_at=starts - DAY / 4,
            method="wechat",
            area="3号楼",
            reason="抢修",
            attachment=stored_file("notice.png", PNG),
        ),
        channel="web",
        now=starts - DAY / 4,
    )
    page = logged_in(client, plans_world, "owner").get(reverse("stoppage-list", args=[project.pk]))
    body = page.content.decode()
    assert '<span class="badge text-bg-danger">6小时</span>' in body and "3天" in body  # the world's: 3 days
    filtered = client.get(reverse("stoppage-list", args=[project.pk]) + "?kind=water").context["page_obj"]
    assert [notice.area for notice in filtered] == ["1号楼"]


# -- 3.5 ------------------------------------------------------------------------------------------------


def test_the_archive_shows_missing_categories_uploads_one_and_searches(client, plans_world):
    project = plans_world.inside.project
    url = reverse("archive", args=[project.pk])
    logged_in(client, plans_world)
    page = client.get(url)
    assert len(page.context["missing"]) == 7 and "缺少7类" in page.content.decode()
    response = client.post(
        reverse("archive-document-create", args=[project.pk]),
        {
            "category": "owner_register",
            "title": "业主名册2025",
            "attachment": SimpleUploadedFile("owners.pdf", PDF),
        },
    )
    assert response.status_code == 302
    document = ArchiveDocument.objects.get(title="业主名册2025")
    assert document.recorded_by == plans_world.users["staff"] and document.attachment_sha256
    assert abs(document.occurred_at - timezone.now()) < datetime.timedelta(minutes=1)  # filed when uploaded
    page = client.get(url)
    assert len(page.context["missing"]) == 6
    assert [d.title for d in client.get(url + "?q=名册").context["page_obj"]] == ["业主名册2025"]
    assert [d.title for d in client.get(url + "?category=completion_site_plan").context["page_obj"]] == [
        "竣工总平面图"
    ]
    form = client.get(reverse("archive-document-create", args=[project.pk]) + "?category=owner_register")
    assert form.context["form"].initial["category"] == "owner_register"


def test_the_archive_pages_through_its_documents(client, plans_world):
    project = plans_world.inside.project
    for number in range(25):
        record_project_evidence(
            plans_world.users["admin"],
            ArchiveDocument(
                project=project,
                category="equipment_records",
                title=f"设备资料{number:02d}",
                occurred_at=timezone.now(),
                attachment=stored_file("plan.pdf"),
            ),
            channel="web",
        )
    logged_in(client, plans_world, "committee")
    first = client.get(reverse("archive", args=[project.pk]))
    second = client.get(reverse("archive", args=[project.pk]) + "?page=2")
    assert (
        len(first.context["page_obj"].object_list) == 20 and len(second.context["page_obj"].object_list) == 6
    )
    fragment = client.get(
        reverse("archive", args=[project.pk]) + "?page=2", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    assert "<html" not in fragment.content.decode() and "设备资料" in fragment.content.decode()


# -- 4.5 ------------------------------------------------------------------------------------------------


def test_the_vehicle_register_by_household_with_search(client, plans_world):
    project = plans_world.inside.project
    logged_in(client, plans_world, "manager")
    response = client.post(
        reverse("vehicle-create", args=[project.pk]),
        {
            "household": plans_world.inside.neighbour.pk,
            "kind": "motor",
            "plate": "蒙b 6666 6",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert Vehicle.objects.get(household=plans_world.inside.neighbour).plate == "蒙B66666"
    response = client.post(
        reverse("vehicle-create", args=[project.pk]),
        {"household": plans_world.inside.neighbour.pk, "kind": "motor", "plate": "京12345", "active": "on"},
    )
    assert response.status_code == 200 and "号牌号码格式不正确" in response.content.decode()
    url = reverse("vehicle-list", args=[project.pk])
    assert [v.plate for v in client.get(url + "?q=66666").context["page_obj"]] == ["蒙B66666"]
    assert [v.plate for v in client.get(url + "?q=101").context["page_obj"]] == ["蒙B12345"]
    assert len(client.get(url).context["page_obj"].object_list) == 2
    # The household field offers this project's households only.
    form = client.get(reverse("vehicle-create", args=[project.pk])).context["form"]
    assert set(form.fields["household"].queryset) == {
        plans_world.inside.household,
        plans_world.inside.neighbour,
    }


def test_an_owner_sees_his_own_households_vehicles_and_the_developer_none(client, plans_world):
    project = plans_world.inside.project
    Vehicle.objects.create(household=plans_world.inside.neighbour, kind="motor", plate="蒙B77777")
    url = reverse("vehicle-list", args=[project.pk])
    assert [v.plate for v in logged_in(client, plans_world, "owner").get(url).context["page_obj"]] == [
        "蒙B12345"
    ]
    assert list(logged_in(client, plans_world, "developer").get(url).context["page_obj"]) == []


def test_rules_rejected_by_the_committee_show_as_missing(client, plans_world):
    project = plans_world.inside.project
    url = reverse("vehicle-rules", args=[project.pk])
    logged_in(client, plans_world, "committee")
    assert "有效" in client.get(url).content.decode()
    response = client.post(
        reverse("vehicle-rules-review", args=[plans_world.inside.vehiclerules.pk]),
        {"verdict": "rejected", "note": "未规定非机动车充电管理"},
    )
    assert response.status_code == 302 and response.url == url
    body = client.get(url).content.decode()
    assert "未规定非机动车充电管理" in body and "缺失" in body
    response = client.post(
        reverse("vehicle-rules-review", args=[plans_world.inside.vehiclerules.pk]), {"verdict": "rejected"}
    )
    assert response.status_code == 200 and "不认可时请写明理由" in response.content.decode()


def test_new_rules_are_uploaded_with_their_file(client, world):
    project = world.inside.project
    response = logged_in(client, world, "manager").post(
        reverse("vehicle-rules-create", args=[project.pk]),
        {
            "title": "车辆停放管理规定",
            "responsible": "秩序维护部",
            "occurred_at": minutes_ago(),
            "attachment": SimpleUploadedFile("rules.pdf", PDF),
        },
    )
    assert response.status_code == 302 and VehicleRules.objects.get().attachment_sha256


# -- 4.1 signs ------------------------------------------------------------------------------------------


def test_a_sign_photo_is_taken_per_entrance(client, plans_world):
    entrance = plans_world.inside.entrance
    response = logged_in(client, plans_world).post(
        reverse("sign-photo-create", args=[entrance.pk]),
        {"note": "禁止鸣笛", "occurred_at": minutes_ago(), "attachment": SimpleUploadedFile("sign.jpg", PNG)},
        **PHONE,
    )
    assert response.status_code == 302 and response.url == reverse("sign-photos", args=[entrance.project_id])
    assert SignPhoto.objects.filter(entrance=entrance).count() == 2
    page = client.get(response.url)
    ((listed, standing),) = page.context["entrances"]
    assert listed == entrance and standing.state(timezone.now()) == "in_force"


# -- the project page, the overview and the files ---------------------------------------------------------


def test_the_project_page_card_shows_each_duty(client, plans_world):
    body = logged_in(client, plans_world, "committee").get(plans_world.inside.project.get_absolute_url())
    body = body.content.decode()
    assert 'data-testid="plans-card"' in body and "应急预案、档案与车辆" in body
    assert "缺少 7 / 8 类" in body and "1 辆在用" in body and "均有当年照片" in body
    assert reverse("drill-create", args=[plans_world.inside.project.pk]) not in body  # readers: no buttons
    body = (
        logged_in(client, plans_world, "staff")
        .get(plans_world.inside.project.get_absolute_url())
        .content.decode()
    )
    assert reverse("drill-create", args=[plans_world.inside.project.pk]) in body


def test_due_items_give_each_plan_entrance_rules_and_missing_category(plans_world, django_assert_num_queries):
    project = plans_world.inside.project
    now = timezone.now()
    # Parameters (6), the service period (3), plans and their reviews (2), entrances, rules, archive (3).
    with django_assert_num_queries(14):
        items = dues_plans.due_items(project, now)
    by_asset = {(item.clause, item.asset): item for item in items}
    fire = by_asset["3.4", "火灾"]
    approved = plans_world.inside.emergencyplan.occurred_at
    assert fire.last_done == approved and fire.state(now) == OK
    assert fire.due == start_of_day(
        timezone.localdate(approved).replace(year=timezone.localdate(approved).year + 1) + DAY
    )
    assert fire.record_url == reverse("plan-review-create", args=[plans_world.inside.emergencyplan.pk])
    power = by_asset["3.4", "停电"]
    assert (power.last_done, power.state(now), power.note) == (None, OVERDUE, "缺少预案")
    assert power.due == start_of_day(plans_world.inside.period.start)
    assert by_asset["4.1", "东门"].state(now) == OK and by_asset["4.5", project.name].state(now) == OK
    archive = [item for item in items if item.clause == "3.5"]
    assert len(archive) == 7 and all(item.state(now) == OVERDUE for item in archive)
    assert "?category=owner_register" in by_asset["3.5", "业主名册"].record_url


def test_due_items_take_the_same_queries_with_more_records(plans_world):
    project = plans_world.inside.project

    def queries():
        with CaptureQueriesContext(connection) as captured:
            dues_plans.due_items(project, timezone.now())
        return len(captured)

    before = queries()
    for kind in ("water_outage", "power_outage", "flood"):
        record_project_evidence(
            plans_world.users["admin"],
            ArchiveDocument(
                project=project,
                category="owner_register",
                title=kind,
                occurred_at=timezone.now(),
                attachment=stored_file("plan.pdf"),
            ),
            channel="web",
        )
    review_content(
        plans_world.users["committee"], plans_world.inside.signphoto, verdict="accepted", channel="web"
    )
    assert queries() == before


def test_the_pages_take_the_same_queries_with_more_records(client, plans_world):
    project = plans_world.inside.project
    urls = [
        reverse(name, args=[project.pk])
        for name in (
            "emergency-plan-list",
            "drill-list",
            "incident-list",
            "stoppage-list",
            "archive",
            "vehicle-list",
            "vehicle-rules",
            "sign-photos",
            "project-detail",
        )
    ]
    logged_in(client, plans_world, "manager")

    def counted():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            out.append(len(captured))
        return out

    before = counted()
    admin = plans_world.users["admin"]
    for number in range(3):
        record_project_evidence(
            admin,
            Drill(
                project=project,
                plan_type="flood",
                occurred_at=timezone.now(),
                participant_count=2,
                participants="甲、乙",
                summary="演练",
                attachment=stored_file("photo.png", PNG),
            ),
            channel="web",
        )
        record_incident(
            admin,
            Incident(
                project=project,
                plan_type="fire",
                occurred_at=timezone.now(),
                description=f"起火{number}",
                actions="扑灭",
            ),
            channel="web",
        )
        record_project_evidence(
            admin,
            VehicleRules(
                project=project,
                title=f"规定{number}",
                responsible="秩序部",
                occurred_at=timezone.now(),
                attachment=stored_file("plan.pdf"),
            ),
            channel="web",
        )
        Vehicle.objects.create(
            household=plans_world.inside.neighbour, kind="non_motor", description=f"电动车{number}"
        )
    after = counted()
    assert after == before, dict(zip(urls, zip(before, after, strict=True), strict=True))
    assert max(before) <= 80  # the project page carries a card per duty (parameters read once)


def test_an_evidence_file_is_served_inside_the_scope_only(client, plans_world):
    drill = plans_world.inside.drill
    url = reverse("scoped-file", args=["safety.drill", drill.pk, "attachment"])
    response = logged_in(client, plans_world, "owner").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert logged_in(client, plans_world, "stranger").get(url).status_code == 404
    other = reverse("scoped-file", args=["safety.drill", plans_world.outside.drill.pk, "attachment"])
    assert logged_in(client, plans_world, "owner").get(other).status_code == 404
