"""Every list exports to Excel with its filters: the exported rows are the filtered list's rows (all pages),
and an object outside the user's scope is never exported. The enterprise, project, takeover, exit and review
lists, read by the 包头 regulator (who must never get 呼和浩特's rows) and the region's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.actions import file_appeal, request_exemption
from wuye.compliance.tests.review_helpers import make_finding, outside_manager
from wuye.estates.models import ServicePeriod
from wuye.lifecycle.actions_exit import file_exit
from wuye.lifecycle.choices_exit import ReceiverKind
from wuye.lifecycle.models import ExitFiling
from wuye.lifecycle.tests.takeover_factories import takeover
from wuye.testing.exports import exported_rows

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def exit_on(side, manager):
    period = ServicePeriod.objects.create(
        project=side.project,
        enterprise=side.enterprise,
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    exit = ExitFiling(
        service_period=period,
        notice_on=datetime.date(2020, 9, 1),
        planned_end=datetime.date(2020, 12, 31),
        reason="合同到期不再续约",
        receiver_kind=ReceiverKind.COMMITTEE,
        committee=side.committee,
    )
    return file_exit(manager, exit)


def listed_and_exported(client, name, query):
    """The list's rows over all its pages (page_obj's paginator) and the export's rows, same filters."""
    page = client.get(reverse(name), {**query, "per_page": 200})
    assert page.status_code == 200
    listed = list(page.context["page_obj"].object_list)
    assert page.context["page_obj"].paginator.count == len(listed)
    return listed, exported_rows(client.get(reverse(name), {**query, "export": "xlsx"}))


# (url name, filters to try, the first exported column of a listed object)
LISTS = [
    ("enterprise-list", [{}, {"q": "包头"}, {"q": "呼市"}], lambda enterprise: enterprise.name),
    ("project-list", [{}, {"division": "150200"}, {"q": "呼市"}], lambda project: project.name),
    ("takeover-list", [{}, {"status": "registered"}, {"q": "呼市"}], lambda record: record.project.name),
    ("exit-list", [{}, {"status": "closed"}, {"q": "包头"}], lambda record: record.project.name),
]


@pytest.fixture
def lists(world):
    for side in ("inside", "outside"):
        takeover(world, side)
    exit_on(world.inside, world.users["manager"])
    exit_on(world.outside, outside_manager(world))
    return world


@pytest.mark.parametrize("who", ["regulator", "regulator_bt"])
@pytest.mark.parametrize(("name", "queries", "first"), LISTS, ids=[name for name, *_rest in LISTS])
def test_the_export_is_the_filtered_list(client, lists, who, name, queries, first):
    client.force_login(lists.users[who])
    outside = {lists.outside.enterprise.name, lists.outside.project.name}
    for query in queries:
        listed, rows = listed_and_exported(client, name, query)
        assert sorted(str(first(obj)) for obj in listed) == sorted(str(row[0]) for row in rows), query
        if who == "regulator_bt":
            assert not outside & {str(row[0]) for row in rows}, query


def test_the_review_queue_exports_its_filtered_rows_and_nothing_outside(client, world):
    for side, manager in (("inside", world.users["manager"]), ("outside", outside_manager(world))):
        finding = make_finding(world, side, found_at=timezone.now() - DAY)
        file_appeal(manager, finding, "台账齐全，系系统故障。")
        request_exemption(
            world.users["regulator"],
            getattr(world, side).project,
            "4.8.round_gap",
            "配电室由供电公司管理。",
            timezone.localdate() + 30 * DAY,
        )
    client.force_login(world.users["regulator_bt"])
    for query, expected in (({}, 2), ({"kind": "appeal"}, 1), ({"q": "呼市"}, 0), ({"state": "decided"}, 0)):
        page = client.get(reverse("review-queue"), query)
        rows = exported_rows(client.get(reverse("review-queue"), {**query, "export": "xlsx"}))
        assert len(rows) == page.context["page_obj"].paginator.count == expected, query
        assert all("呼市" not in str(row[1]) and "呼市" not in str(row[2]) for row in rows)
    client.force_login(world.users["regulator"])
    rows = exported_rows(client.get(reverse("review-queue"), {"export": "xlsx"}))
    assert len(rows) == 4 and {row[0] for row in rows} == {"申诉", "豁免申请"}


def test_a_scorecards_findings_export_is_what_it_counts_and_only_what_the_user_sees(client, world):
    for clause_check in ("4.8.round_gap", "4.8.round_gap", "1.5.tax_certificate"):
        make_finding(world, check_id=clause_check)
    make_finding(world, "outside")
    make_finding(world, check_id="4.8.round_gap", state="withdrawn")  # not in force: not exported
    url = reverse("project-scorecard", args=[world.inside.project.pk])
    client.force_login(world.users["regulator_bt"])
    groups = client.get(url).context["scorecard"].groups
    rows = exported_rows(client.get(url, {"export": "xlsx"}))
    assert len(rows) == sum(group.total for group in groups) == 3
    assert all(row[2] == world.inside.project.name for row in rows)
    expanded = client.get(url, {"clause": "4.8"}).context["scorecard"]
    [group] = [group for group in expanded.groups if group.clause.id == "4.8"]
    rows = exported_rows(client.get(url, {"clause": "4.8", "export": "xlsx"}))
    assert len(rows) == len(group.findings) == 2 and {row[0] for row in rows} == {"4.8"}
    outside = reverse("project-scorecard", args=[world.outside.project.pk])
    assert client.get(outside, {"export": "xlsx"}).status_code == 404


@pytest.fixture
def plans_world(world, settings, tmp_path):
    from wuye.safety.tests.world import add_plans

    settings.MEDIA_ROOT = tmp_path
    return add_plans(world)


RECORD_LISTS = ["drill-list", "incident-list", "stoppage-list", "archive", "vehicle-list"]


@pytest.mark.parametrize("name", RECORD_LISTS)
def test_a_projects_record_list_exports_its_rows_and_nothing_of_another_project(client, plans_world, name):
    world = plans_world
    client.force_login(world.users["regulator_bt"])
    url = reverse(name, args=[world.inside.project.pk])
    page = client.get(url, {"per_page": 200})
    rows = exported_rows(client.get(url, {"export": "xlsx"}))
    assert len(rows) == page.context["page_obj"].paginator.count >= 1
    outside = reverse(name, args=[world.outside.project.pk])
    assert client.get(outside, {"export": "xlsx"}).status_code == 404
    client.force_login(world.users["regulator"])
    assert len(exported_rows(client.get(outside, {"export": "xlsx"}))) >= 1


def with_statements(world):
    from wuye.testing import factories as f

    staff = world.users["staff"]
    f.statement(staff, world.inside.project, half=1)
    f.statement(staff, world.inside.project, half=2)
    f.statement(staff, world.inside.project, year=2024, half=2)  # left out by the year filter
    return {"inside": world.inside.project.pk, "outside": world.outside.project.pk}


def with_surveys(world):
    from wuye.servicedesk.tests.test_surveys_roles import add_surveys

    add_surveys(world)
    return {"inside": world.inside.project.pk, "outside": world.outside.project.pk}


def with_problems(world):
    from wuye.lifecycle.choices_takeover import FixParty
    from wuye.lifecycle.tests.takeover_factories import problem

    records = {side: takeover(world, side) for side in ("inside", "outside")}
    for record in records.values():
        problem(record, FixParty.DEVELOPER, datetime.date(2025, 4, 1))
        problem(record, FixParty.COMPANY, datetime.date(2025, 5, 1), description="电梯异响")
    return {side: record.pk for side, record in records.items()}


@pytest.mark.parametrize(
    ("name", "make", "query"),
    [
        ("statement-list", with_statements, {"year": "2025"}),
        ("survey-list", with_surveys, {}),
        ("rectification-list", with_surveys, {}),
        ("takeover-problems", with_problems, {"fixer": "company"}),
    ],
)
def test_the_other_lists_of_a_project_export_their_filtered_rows(
    client, world, settings, tmp_path, name, make, query
):
    settings.MEDIA_ROOT = tmp_path
    pks = make(world)
    client.force_login(world.users["regulator_bt"])
    url = reverse(name, args=[pks["inside"]])
    counts = []
    for each in ({}, query):
        page = client.get(url, {**each, "per_page": 200})
        assert page.status_code == 200
        rows = exported_rows(client.get(url, {**each, "export": "xlsx"}))
        assert len(rows) == page.context["page_obj"].paginator.count >= 1, each
        assert len(rows) == len(page.context["page_obj"].object_list), each
        counts.append(len(rows))
    if query:
        assert counts[1] < counts[0], query  # the filter does narrow the export
    assert client.get(reverse(name, args=[pks["outside"]]), {"export": "xlsx"}).status_code == 404


def test_the_service_centre_list_exports_its_filtered_rows_and_nothing_outside(client, world):
    from wuye.servicedesk.tests.world_centres import add_centres

    add_centres(world)
    client.force_login(world.users["regulator_bt"])
    for query in ({}, {"q": "包头"}, {"q": "呼市"}):
        listed, rows = listed_and_exported(client, "centre-list", query)
        assert len(rows) == len(listed), query
        assert all(world.outside.project.name not in str(cell) for row in rows for cell in row)
    client.force_login(world.users["regulator"])
    assert len(listed_and_exported(client, "centre-list", {})[1]) == 2


def test_a_model_export_joins_its_foreign_keys_instead_of_one_query_per_row(
    client, world, settings, tmp_path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wuye.testing import factories as f

    settings.MEDIA_ROOT = tmp_path
    pks = with_statements(world)
    client.force_login(world.users["regulator_bt"])
    url = reverse("statement-list", args=[pks["inside"]])

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            rows = exported_rows(client.get(url, {"export": "xlsx"}))
        return len(rows), len(queries)

    rows, few = export_queries()
    for year in (2021, 2022, 2023):
        f.statement(world.users["staff"], world.inside.project, year=year)
    more_rows, many = export_queries()
    assert (rows, more_rows) == (3, 6)
    assert many == few <= 8
