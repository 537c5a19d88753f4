"""The admin of clauses 4.6 and 4.7: tanks kept with history, every record only shown."""

import pytest
from django.urls import reverse

from wuye.safety.tests.world import add_water

pytestmark = pytest.mark.django_db

RECORDS = {
    "watertest": "watertest",
    "tankcleaning": "tankcleaning",
    "waterqualityreport": "waterreport",
    "pollutionincident": "pollutionincident",
    "pollutionreport": "pollutionreport",
    "sewercheck": "sewercheck",
    "sewerflush": "sewerflush",
    "septicemptying": "septicemptying",
}


@pytest.fixture
def water_world(world):
    return add_water(world)


@pytest.mark.parametrize("model,attribute", RECORDS.items())
def test_records_are_read_only_in_the_admin(client, water_world, model, attribute):
    client.force_login(water_world.users["admin"])
    obj = getattr(water_world.inside, attribute)
    assert client.get(reverse(f"admin:safety_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:safety_{model}_add")).status_code == 403
    change = client.get(reverse(f"admin:safety_{model}_change", args=[obj.pk]))
    assert change.status_code == 200 and 'type="submit"' not in change.content.decode().split("<form")[-1]
    assert (
        client.post(reverse(f"admin:safety_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model,attribute", [("watertank", "watertank"), ("septictank", "septictank")])
def test_tanks_are_kept_with_their_history(client, water_world, model, attribute):
    obj = getattr(water_world.inside, attribute)
    client.force_login(water_world.users["admin"])
    assert client.get(reverse(f"admin:safety_{model}_changelist"), {"q": "包头"}).status_code == 200
    assert client.get(reverse(f"admin:safety_{model}_change", args=[obj.pk])).status_code == 200
    assert client.get(reverse(f"admin:safety_{model}_history", args=[obj.pk])).status_code == 200
