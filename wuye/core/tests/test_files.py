"""Scans are handed out only through the scope of the record they belong to."""

import pytest
from django.core.files.base import ContentFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence_with_scan(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    licence = world.inside.licence
    licence.scan.save("licence.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
    return licence


def url(licence, field="scan", label="enterprises.licence"):
    return f"/files/{label}/{licence.pk}/{field}/"


@pytest.mark.parametrize("role", ["manager", "regulator_bt", "owner", "committee"])
def test_roles_that_see_the_licence_get_its_scan(client, world, licence_with_scan, role):
    client.force_login(world.users[role])
    response = client.get(url(licence_with_scan))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 scan"
    assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["stranger"])
def test_outside_the_scope_the_scan_is_404(client, world, licence_with_scan, role):
    client.force_login(world.users[role])
    assert client.get(url(licence_with_scan)).status_code == 404


def test_other_league_regulator_gets_404_for_the_other_sides_scan(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world.outside.licence.scan.save("x.pdf", ContentFile(b"%PDF"), save=True)
    client.force_login(world.users["regulator_bt"])
    assert client.get(url(world.outside.licence)).status_code == 404


def test_anonymous_is_sent_to_login(client, licence_with_scan):
    response = client.get(url(licence_with_scan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_listed_file_fields_are_served(client, world, licence_with_scan):
    client.force_login(world.users["admin"])
    assert client.get(url(licence_with_scan, field="number")).status_code == 404
    assert client.get(url(licence_with_scan, label="accounts.user")).status_code == 404
