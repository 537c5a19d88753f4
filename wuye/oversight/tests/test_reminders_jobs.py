"""The daily reminder job and the Monday digest: who is told, by notification and email, exactly once."""

import datetime

from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wuye.compliance.models import ScoreSnapshot
from wuye.compliance.tests.review_helpers import make_finding
from wuye.oversight import tasks_reminders as tasks
from wuye.oversight.digest import build_digest
from wuye.oversight.models import RegulatorDigest
from wuye.oversight.reminders import due_for_reminder
from wuye.servicedesk.models import Notification
from wuye.testing import factories as f

DAY = datetime.timedelta(days=1)


def at(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def told(user):
    return list(Notification.objects.filter(user=user).values_list("key", flat=True))


def test_the_reminder_job_tells_the_managers_of_a_licence_once(world):
    world.users["manager"].email = "manager@example.com"
    world.users["manager"].save()
    licence = world.inside.licence
    licence.valid_to = datetime.date(2027, 6, 30)
    licence.save()
    now = at(2027, 6, 20, 8)
    assert tasks.send_reminders(now) >= 1
    keys = told(world.users["manager"])
    assert f"deadline:licence:licence:{licence.pk}:20270701" in keys
    assert told(world.users["staff"]) == [k for k in told(world.users["staff"]) if "licence" not in k]
    assert not [k for k in told(world.users["regulator"]) if k.startswith("deadline:")]
    (message,) = [m for m in mail.outbox if "证照到期" in m.subject]
    assert message.to == ["manager@example.com"]
    mail.outbox.clear()
    before = Notification.objects.count()
    assert tasks.send_reminders(now) == 0  # run again: nobody told twice
    assert (Notification.objects.count(), mail.outbox) == (before, [])


def test_a_duty_of_the_project_tells_its_staff_too_and_not_the_other_side(world):
    outside_manager = f.UserFactory(username="manager_hs")
    f.MembershipFactory(user=outside_manager, role="manager", enterprise=world.outside.enterprise)
    tasks.send_reminders(at(2027, 7, 20, 8))  # H1 2027's statement due 31 July
    key = f"deadline:statement:project:{world.inside.project.pk}:2027-01:20270731"
    assert key in told(world.users["manager"])
    assert key in told(world.users["staff"])
    assert key not in told(outside_manager)
    assert f"deadline:statement:project:{world.outside.project.pk}:2027-01:20270731" in told(outside_manager)


def test_the_periodic_tasks_run_as_huey_calls_them(world):
    assert tasks.remind_upcoming_deadlines.call_local() >= 0
    assert tasks.weekly_digests.call_local() == 2  # the two regulators of the personas
    assert tasks.weekly_digests.call_local() == 0


def digest_world(world, monday):
    """Last week: on each side a finding opened and a grade change; in the week ahead, each side's licence
    lapses."""
    for side in ("inside", "outside"):
        make_finding(world, side, found_at=monday - 3 * DAY)
        project = getattr(world, side).project
        for on, grade in ((monday - 10 * DAY, "A"), (monday - 2 * DAY, "C" if side == "inside" else "B")):
            ScoreSnapshot.objects.create(
                subject=f"project:{project.pk}", project=project, on=on.date(), score=70, grade=grade,
                points=30, open_findings=1,
            )  # fmt: skip
        licence = getattr(world, side).licence
        licence.valid_to = (monday + 2 * DAY).date()
        licence.save()


def test_the_weekly_digest_of_a_city_regulator_names_its_city_only(world):
    monday = at(2027, 3, 8, 7, 30)
    digest_world(world, monday)
    for user in ("regulator", "regulator_bt"):
        world.users[user].email = f"{user}@example.com"
        world.users[user].save()
    assert tasks.send_digests(monday) == 2
    city = RegulatorDigest.objects.get(user=world.users["regulator_bt"])
    region = RegulatorDigest.objects.get(user=world.users["regulator"])
    assert city.week_start == datetime.date(2027, 3, 8)
    assert city.content["opened"] == [{"clause": "4.8", "count": 1}]
    assert region.content["opened"] == [{"clause": "4.8", "count": 2}]
    assert [(c["name"], c["from"], c["to"]) for c in city.content["grade_changes"]] == [
        (world.inside.project.name, "A", "C")
    ]
    assert sorted((c["name"], c["from"], c["to"]) for c in region.content["grade_changes"]) == sorted(
        [(world.inside.project.name, "A", "C"), (world.outside.project.name, "A", "B")]
    )
    licences = [(row["kind"], row["enterprise_name"]) for row in city.content["deadlines"]]
    assert licences == [("证照到期", world.inside.enterprise.name)]
    assert sorted(row["enterprise_name"] for row in region.content["deadlines"]) == sorted(
        [world.inside.enterprise.name, world.outside.enterprise.name]
    )
    (email,) = [m for m in mail.outbox if m.to == ["regulator_bt@example.com"]]
    html = email.alternatives[0][0]
    assert world.inside.project.name in email.body and world.inside.project.name in html
    assert world.outside.project.name not in email.body + html
    assert "digest:20270308" in told(world.users["regulator_bt"])
    mail.outbox.clear()
    assert tasks.send_digests(monday + DAY) == 0  # the same week again: stored once, told once
    assert (RegulatorDigest.objects.count(), mail.outbox) == (2, [])


def test_the_digest_costs_the_same_queries_whatever_the_number_of_projects(world):
    monday = at(2027, 3, 8, 7, 30)
    digest_world(world, monday)
    user = world.users["regulator"]
    build_digest(user, monday.date(), monday)  # the user's scope, read once and kept on the user
    with CaptureQueriesContext(connection) as few:
        build_digest(user, monday.date(), monday)
    for n in range(3):
        project = f.ProjectFactory(name=f"新项目{n}", division_code="150203")
        f.ServicePeriodFactory(project=project, enterprise=world.inside.enterprise)
        make_finding(world, "inside", project=project, found_at=monday - 2 * DAY)
    with CaptureQueriesContext(connection) as many:
        content = build_digest(user, monday.date(), monday)
    assert content["opened"] == [{"clause": "4.8", "count": 5}]
    assert len(many) == len(few) <= 20


def test_the_reminder_sweep_costs_the_same_queries_whatever_the_number_of_projects(world):
    now = at(2027, 7, 20, 8)
    tasks.send_reminders(now)
    with CaptureQueriesContext(connection) as few:
        due_for_reminder(now)
    for n in range(3):
        project = f.ProjectFactory(name=f"新项目{n}", division_code="150203")
        f.ServicePeriodFactory(project=project, enterprise=world.inside.enterprise)
    with CaptureQueriesContext(connection) as many:
        rows = due_for_reminder(now)
    assert {row.project_name for row in rows} >= {"新项目0", "新项目1", "新项目2"}
    assert len(many) == len(few)


class FailingForBroken(locmem.EmailBackend):
    """A real backend that cannot reach one address (as an SMTP server refusing it would)."""

    def send_messages(self, messages):
        if any("broken@example.com" in message.to for message in messages):
            raise ConnectionRefusedError("broken@example.com")
        return super().send_messages(messages)


def test_one_user_whose_email_fails_leaves_the_others_their_reminders(world, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForBroken"
    world.users["manager"].email = "broken@example.com"
    world.users["manager"].save()
    world.users["staff"].email = "staff@example.com"
    world.users["staff"].save()
    key = f"deadline:statement:project:{world.inside.project.pk}:2027-01:20270731"
    tasks.send_reminders(at(2027, 7, 20, 8))
    assert key in told(world.users["staff"])
    assert [m.to for m in mail.outbox if "半年度收支公布" in m.subject] == [["staff@example.com"]]


def test_a_second_day_does_not_try_the_reminders_told_before(world):
    now = at(2027, 7, 20, 8)
    assert tasks.send_reminders(now) >= 1
    with CaptureQueriesContext(connection) as queries:
        assert tasks.send_reminders(now + DAY) == 0
    assert not [q for q in queries if q["sql"].startswith(f'INSERT INTO "{Notification._meta.db_table}"')]


def test_emails_carry_absolute_links_and_the_users_language(world, settings):
    settings.WUYE_PUBLIC_BASE_URL = "https://wuye.example.gov.cn/"
    world.users["manager"].email = "manager@example.com"
    world.users["manager"].save()
    world.users["regulator_bt"].email = "regulator_bt@example.com"
    world.users["regulator_bt"].save()
    with translation.override("en"):  # the job's own language is not the users'
        tasks.send_reminders(at(2027, 7, 20, 8))
        tasks.send_digests(at(2027, 3, 8, 7, 30))
    (reminder, *_) = [m for m in mail.outbox if m.to == ["manager@example.com"]]
    assert "半年度收支公布" in reminder.subject  # the user model records no language: zh-hans
    assert f"https://wuye.example.gov.cn{reverse('oversight-deadlines')}" in reminder.body
    (digest,) = [m for m in mail.outbox if m.to == ["regulator_bt@example.com"]]
    path = RegulatorDigest.objects.get(user=world.users["regulator_bt"]).get_absolute_url()
    assert f"https://wuye.example.gov.cn{path}" in digest.body
    assert f'href="https://wuye.example.gov.cn{path}"' in digest.alternatives[0][0]
    assert Notification.objects.get(user=world.users["manager"], key__contains="statement").link.startswith(
        "/"
    )
