import pytest

from wuye.testing.personas import build_world


@pytest.fixture
def world(db):
    """Users for every role and an inside/outside object of every registry model (wuye/testing/personas.py)."""
    return build_world()
