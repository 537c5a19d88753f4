"""The audit view: regulators only (others 403); 包头市's regulator sees only its division's changes,
chains and back-fill counts; the verification is a job whose result is stored; the export is the list."""

import io

import openpyxl
import pytest
from django.urls import reverse

from wuye.oversight.audit import registry_models
from wuye.oversight.models import ChainVerification
from wuye.oversight.tests.elevators import maintained_on_both_sides
from wuye.safety.tests.elevator_records import at
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
REGULATORS = {"regulator", "regulator_bt", "admin"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def records(world):
    """An elevator on each side, maintained once on time and once entered a month late."""
    return maintained_on_both_sides(world, (at(3, 1, 9), None), (at(3, 10, 9), at(4, 20)))


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_every_role(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    for name in ("oversight-audit", "oversight-audit-evidence"):
        expected = 302 if role == "anonymous" else 200 if role in REGULATORS else 403
        assert client.get(reverse(name)).status_code == expected
    answer = client.post(reverse("oversight-audit-verify")).status_code
    assert answer == (302 if role == "anonymous" or role in REGULATORS else 403)
    if role not in REGULATORS:
        assert not ChainVerification.objects.exists()


def test_baotou_sees_only_its_division_changes(client, world, django_assert_max_num_queries):
    world.outside.enterprise.name = "呼市改名物业有限公司"
    world.outside.enterprise.save()
    client.force_login(world.users["regulator_bt"])
    # One UNION for the page and its count, then one query per kind of record on the page (not per row).
    kinds = len(registry_models())
    with django_assert_max_num_queries(10 + kinds):
        page = client.get(reverse("oversight-audit")).content.decode()
    assert page.count('data-testid="change"') > 5
    assert "包头物业服务有限公司" in page and "呼市" not in page
    client.force_login(world.users["regulator"])
    page = client.get(reverse("oversight-audit"), {"kind": "enterprises.enterprise"}).content.decode()
    assert "呼市改名物业有限公司" in page and page.count('data-testid="change"') == 3


def test_the_export_is_the_filtered_list(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["regulator_bt"])
    filters = {"project": world.inside.project.pk}
    page = client.get(reverse("oversight-audit"), filters).content.decode()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("oversight-audit"), {**filters, "export": "xlsx"})
        content = b"".join(response.streaming_content)
    # The UNION of the history tables runs once, not once per batch (nor once more to count).
    assert sum(" UNION " in query["sql"].upper() for query in queries.captured_queries) == 1
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == page.count('data-testid="change"') > 0
    assert all("呼市" not in str(row) for row in rows)


def test_chains_are_verified_as_a_job_and_backfills_counted(
    client, world, records, django_capture_on_commit_callbacks
):
    client.force_login(world.users["regulator_bt"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("oversight-audit-verify")).status_code == 302
    [verification] = ChainVerification.objects.all()
    assert (verification.project, verification.ok, verification.records) == (world.inside.project, True, 2)
    page = client.get(reverse("oversight-audit-evidence")).content.decode()
    assert f'data-testid="verification" data-project="{world.inside.project.pk}"' in page
    assert f'data-project="{world.outside.project.pk}"' not in page
    row = page.split('data-testid="backfill-project"')[1].split("</tr>")[0]
    assert '<td data-testid="backfilled">1</td>' in row


def test_a_deleted_records_history_stays_visible_to_the_regulator_of_its_division(client, world):
    from wuye.testing import factories as f

    assert "estates.building" in registry_models()
    inside = f.BuildingFactory(project=world.inside.project, name="待拆除楼")
    outside = f.BuildingFactory(project=world.outside.project, name="呼市待拆楼")
    inside.delete()
    outside.delete()

    def deletions(user, **filters):
        client.force_login(world.users[user])
        response = client.get(reverse("oversight-audit"), {"kind": "estates.building", **filters})
        return [change for change in response.context["changes"] if change["type"] == "-"]

    [deleted] = deletions("regulator_bt")
    assert deleted["object"] is None  # the record itself is gone; its history is still shown
    assert len(deletions("regulator_bt", project=world.inside.project.pk)) == 1
    assert len(deletions("regulator")) == 2


def test_an_enterprise_counts_the_records_of_the_projects_it_serves(
    client, world, records, django_assert_max_num_queries
):
    from wuye.core.verification import evidence_models

    client.force_login(world.users["regulator_bt"])
    # Two lists, the served projects, then one grouped query per evidence table over the visible chains.
    with django_assert_max_num_queries(12 + len(evidence_models())):
        page = client.get(reverse("oversight-audit-evidence")).content.decode()
    inside = world.inside.enterprise.pk
    row = page.split(f'data-testid="backfill-enterprise" data-enterprise="{inside}"')[1].split("</tr>")[0]
    assert "<td>2</td><td>1</td>" in row  # the inside project's two maintenance records, one back-filled
    assert f'data-enterprise="{world.outside.enterprise.pk}"' not in page
    assert 'data-testid="backfill-enterprise-rule"' in page
