"""The A4 poster and its QR code: scanning the printed code leads to the public page."""

import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def decoded(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1
    return results[0].text


def test_scanning_the_png_leads_to_the_public_page(client, disclosed):
    project = disclosed.inside.project
    response = client.get(reverse("disclosure-qr-png", args=[project.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    url = decoded(response.content)
    assert url == f"http://testserver/gs/{project.pk}/"
    page = client.get(urlsplit(url).path)
    assert page.status_code == 200 and project.name in page.content.decode()


def test_the_public_base_url_setting_is_what_the_code_encodes(client, disclosed, settings):
    settings.WUYE_PUBLIC_BASE_URL = "https://wuye.example.gov.cn"
    project = disclosed.inside.project
    png = client.get(reverse("disclosure-qr-png", args=[project.pk])).content
    assert decoded(png) == f"https://wuye.example.gov.cn/gs/{project.pk}/"
    poster = client.get(reverse("disclosure-poster", args=[project.pk])).content.decode()
    assert f"https://wuye.example.gov.cn/gs/{project.pk}/" in poster


def test_the_svg_is_an_svg_document(client, disclosed):
    response = client.get(reverse("disclosure-qr-svg", args=[disclosed.inside.project.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_the_poster_is_an_a4_page_with_the_code_and_whom_to_call(client, disclosed):
    project = disclosed.inside.project
    html = client.get(reverse("disclosure-poster", args=[project.pk])).content.decode()
    assert "@page { size: A4 portrait" in html
    assert project.name in html and disclosed.inside.enterprise.name in html
    assert "扫码查看物业服务公示信息" in html
    assert "24小时服务电话：0472-5234567" in html
    assert f"http://testserver/gs/{project.pk}/" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert disclosed.inside.staff.name not in html and disclosed.inside.owner.name not in html


@pytest.mark.parametrize("name", ["disclosure-poster", "disclosure-qr-svg", "disclosure-qr-png"])
def test_a_project_not_in_service_has_no_poster(client, world, name):
    assert client.get(reverse(name, args=[999_999])).status_code == 404
