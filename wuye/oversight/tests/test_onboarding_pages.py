"""The onboarding pages with every role: regulators and the administrator upload, follow their job and see
its result; everyone else gets 403, and another's upload is 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wuye.bench.onboarding import book_bytes, book_rows
from wuye.estates.models import Household, Project
from wuye.oversight.models import OnboardingBatch, OnboardingStatus
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
IMPORTERS = {"regulator", "regulator_bt", "admin"}  # hand-written: who may onboard


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, rows, name="建档.xlsx"):
    data = book_bytes(rows)
    return client.post(reverse("onboarding-import"), {"file": SimpleUploadedFile(name, data)})


def batch_of(world, user, status=OnboardingStatus.DONE):
    return OnboardingBatch.objects.create(
        uploaded_by=world.users[user], filename=f"{user}.xlsx", status=status, counts={"企业": 1}
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_on_every_onboarding_page(client, world, role):
    own, others = batch_of(world, "regulator_bt"), batch_of(world, "regulator")
    client.force_login(world.users[role])
    allowed = 200 if role in IMPORTERS else 403
    assert client.get(reverse("onboarding-import")).status_code == allowed
    template = client.get(reverse("onboarding-template"))
    assert template.status_code == allowed
    for batch, owner in ((own, "regulator_bt"), (others, "regulator")):
        expected = 200 if role in (owner, "admin") else (404 if role in IMPORTERS else 403)
        assert client.get(batch.get_absolute_url()).status_code == expected


def test_anonymous_is_sent_to_sign_in(client, world):
    for url in (reverse("onboarding-import"), reverse("onboarding-template")):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("role", sorted(set(ROLES) - IMPORTERS))
def test_an_upload_by_anyone_else_is_refused_and_kept_nowhere(client, world, role):
    client.force_login(world.users[role])
    assert upload(client, book_rows(1, buildings=1, households=1)).status_code == 403
    assert not OnboardingBatch.objects.exists()


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_good_book_is_imported_by_the_job_and_its_page_shows_the_counts(
    client, world, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(world.users["regulator_bt"])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, book_rows(1, buildings=2, households=2))
    batch = OnboardingBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    batch.refresh_from_db()
    assert batch.status == OnboardingStatus.DONE
    assert batch.counts == {"企业": 1, "项目": 1, "楼栋": 2, "房屋": 4, "业主": 4, "员工": 10}
    assert (batch.file.name, stored_files(tmp_path)) == ("", [])  # the book is gone, the counts stay
    assert Household.objects.filter(project__name="阳光0号小区").count() == 4
    page = client.get(batch.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "batch-status"})
    text = page.content.decode()
    assert 'data-status="done"' in text and "hx-trigger" not in text  # finished: polling stops
    assert '<th scope="row">房屋</th><td>4</td>' in text


def test_a_bad_book_is_rejected_with_sheet_row_and_column(
    client, world, django_capture_on_commit_callbacks, tmp_path
):
    rows = book_rows(1, buildings=1, households=1, area_codes=["150105"])
    client.force_login(world.users["regulator_bt"])
    before = Project.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, rows)
    batch = OnboardingBatch.objects.get()
    assert batch.status == OnboardingStatus.REJECTED
    assert ["项目", 2, "区划代码"] in [problem[:3] for problem in batch.problems]
    assert Project.objects.count() == before
    assert (batch.file.name, stored_files(tmp_path)) == ("", [])  # the book is gone, the problems stay
    text = client.get(batch.get_absolute_url()).content.decode()
    assert "不在您的辖区内" in text and "第 2 行" in text


def test_a_book_with_a_missing_sheet_is_refused_at_upload(client, world):
    rows = book_rows(1, buildings=1, households=1)
    data = book_bytes(rows)
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    del workbook["楼栋"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(world.users["regulator_bt"])
    response = client.post(
        reverse("onboarding-import"), {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 200
    assert "缺少工作表：楼栋" in response.content.decode()
    assert not OnboardingBatch.objects.exists()


def test_a_running_batch_page_polls(client, world):
    batch = batch_of(world, "regulator_bt", status=OnboardingStatus.CHECKING)
    client.force_login(world.users["regulator_bt"])
    text = client.get(batch.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in text
