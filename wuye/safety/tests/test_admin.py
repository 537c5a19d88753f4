"""The admin shows rounds, fixes and defects but offers no way to add, change or delete them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["powerround", "defectfix", "defect"])
def test_evidence_and_defects_are_read_only_in_the_admin(client, safety_world, model):
    client.force_login(safety_world.users["admin"])
    obj = {"powerround": safety_world.inside.powerround, "defect": safety_world.inside.defect}.get(model)
    assert client.get(reverse(f"admin:safety_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:safety_{model}_add")).status_code == 403
    if obj is not None:
        change = client.get(reverse(f"admin:safety_{model}_change", args=[obj.pk]))
        assert change.status_code == 200 and 'type="submit"' not in change.content.decode().split("<form")[-1]
        assert (
            client.post(reverse(f"admin:safety_{model}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_power_rooms_are_kept_with_their_history(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["admin"])
    assert client.get(reverse("admin:safety_powerroom_change", args=[room.pk])).status_code == 200
    assert client.get(reverse("admin:safety_powerroom_history", args=[room.pk])).status_code == 200
