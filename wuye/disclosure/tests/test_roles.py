"""The public pages answer everyone alike — every role, inside and outside its scope, and anonymous — and
the project's page links to them."""

import pytest
from django.urls import reverse

from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

PUBLIC = ["disclosure-page", "disclosure-poster", "disclosure-qr-svg", "disclosure-qr-png"]


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_every_public_url_answers_everyone(client, world, role, side):
    if role != "anonymous":
        client.force_login(world.users[role])
    project = getattr(world, side).project
    for name in PUBLIC:
        response = client.get(reverse(name, args=[project.pk]))
        assert response.status_code == 200, (name, response.status_code)
        assert client.post(reverse(name, args=[project.pk])).status_code == 405


@pytest.mark.parametrize("role", ["staff", "manager", "committee", "regulator"])
def test_the_project_page_links_to_the_public_page_and_the_poster(client, world, role):
    client.force_login(world.users[role])
    project = world.inside.project
    html = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert f'href="{reverse("disclosure-page", args=[project.pk])}"' in html
    assert f'href="{reverse("disclosure-poster", args=[project.pk])}"' in html
