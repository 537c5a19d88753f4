import pytest

from wuye.safety.tests.world import add_power_rooms


@pytest.fixture
def safety_world(world):
    """The personas' worlds, each side with a power room, a round an hour old and the defect it found."""
    return add_power_rooms(world)
