"""The admin keeps the registers of 4.3 and 4.4 with their history and only shows their checks and tests."""

import pytest
from django.urls import reverse

from wuye.safety.tests.world import add_fire

pytestmark = pytest.mark.django_db
REGISTERS = ["fireequipment", "firepassage", "lightningprotection", "floodprotection"]
RECORDS = ["fireequipmentcheck", "firepassagecheck", "firesystemtest", "lightningtest", "floodcheck"]


@pytest.fixture
def fire_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_fire(world)


def test_registers_are_kept_with_their_history(client, fire_world):
    client.force_login(fire_world.users["admin"])
    for model in REGISTERS:
        obj = getattr(fire_world.inside, model)
        assert client.get(reverse(f"admin:safety_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:safety_{model}_change", args=[obj.pk])).status_code == 200, model
        assert client.get(reverse(f"admin:safety_{model}_history", args=[obj.pk])).status_code == 200, model


@pytest.mark.parametrize("model", RECORDS)
def test_checks_and_tests_are_read_only(client, fire_world, model):
    obj = getattr(fire_world.inside, model)
    client.force_login(fire_world.users["admin"])
    assert client.get(reverse(f"admin:safety_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:safety_{model}_add")).status_code == 403
    change = client.get(reverse(f"admin:safety_{model}_change", args=[obj.pk]))
    assert change.status_code == 200 and 'type="submit"' not in change.content.decode().split("<form")[-1]
    assert (
        client.post(reverse(f"admin:safety_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert type(obj).objects.filter(pk=obj.pk).exists()
