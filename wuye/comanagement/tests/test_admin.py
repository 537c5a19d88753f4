"""The comanagement admin is read-only: each changelist opens for the operator, nothing is added there."""

import pytest
from django.urls import reverse

from wuye.comanagement.tests.helpers import case, event, local

pytestmark = pytest.mark.django_db
MODELS = ["constructioncase", "animalnotice", "pet", "unauthorisedanimal", "regulatorevent"]


@pytest.mark.parametrize("model", MODELS)
def test_each_changelist_opens_and_nothing_is_added(client, world, model):
    case(world.inside, local(2025, 6, 1, 9))
    event(world.inside)
    client.force_login(world.users["admin"])
    assert client.get(reverse(f"admin:comanagement_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:comanagement_{model}_add")).status_code == 403


def test_a_case_shows_its_moves(client, world):
    opened = case(world.inside, local(2025, 6, 1, 9))
    client.force_login(world.users["admin"])
    assert (
        client.get(reverse("admin:comanagement_constructioncase_change", args=[opened.pk])).status_code == 200
    )
