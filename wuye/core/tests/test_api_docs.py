"""The OpenAPI schema generates cleanly and the Swagger UI is served offline (no CDN: no internet)."""

import re

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns any warning of drf-spectacular into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = yaml.safe_load((tmp_path / "schema.yml").read_text())
    assert {"/api/enterprises/", "/api/projects/", "/api/staff/{id}/reveal-id/", "/api/auth/token/"} <= set(
        schema["paths"]
    )


def test_the_schema_is_served_and_hides_the_id_number_ciphertext(db):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    staff = schema["components"]["schemas"]["Staff"]["properties"]
    assert "id_number_masked" in staff
    assert not {"id_number", "id_number_encrypted", "id_number_hash"} & set(staff)
    assert "id_number" in schema["components"]["schemas"]["StaffRequest"]["properties"]
    operations = [op for path in schema["paths"].values() for op in path.values()]
    # Tags are the Chinese names of the records, one language throughout.
    assert all(re.search(r"[\u4e00-\u9fff]", tag) for op in operations for tag in op["tags"])


def test_swagger_ui_is_served_from_the_sidecar_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert not re.search(r"https?://", page.replace("http://testserver", "")), "the page loads from outside"
    assets = re.findall(r'"(/static/drf_spectacular_sidecar/[^"]+)"', page)
    assert len(assets) >= 3
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
