"""Fixtures of the demo tests: the region with some of its builders switched off, to seed in seconds."""

import pytest

from wuye.estates.demo import elevators, patrol, plans, power, water
from wuye.estates.demo import fire as fire_demo


@pytest.fixture
def without_rounds(monkeypatch):
    """The registry alone: no rounds, patrols, fire, water or elevator records."""
    monkeypatch.setattr(power, "build_power_rooms", lambda region, seed: None)
    monkeypatch.setattr(patrol, "build_patrols", lambda region, seed: None)
    monkeypatch.setattr(fire_demo, "build_fire", lambda region, seed: None)
    monkeypatch.setattr(water, "build_water", lambda region, seed: None)
    monkeypatch.setattr(elevators, "build_elevators", lambda region, seed: None)


@pytest.fixture
def only_fire(monkeypatch):
    """The region without the hourly rounds and patrols (seconds, not minutes): for the duties that do not
    look at them (fire, water)."""
    monkeypatch.setattr(power, "build_power_rooms", lambda region, seed: None)
    monkeypatch.setattr(patrol, "build_patrols", lambda region, seed: None)


@pytest.fixture
def only_surveys(without_rounds, monkeypatch):
    """The registry and the surveys: no records of the safety duties."""
    monkeypatch.setattr(plans, "build_plans", lambda region, seed: None)


@pytest.fixture
def only_tickets(monkeypatch):
    """The region with its tickets but none of the safety duties (not looked at here)."""
    for module, name in [
        (power, "build_power_rooms"),
        (patrol, "build_patrols"),
        (fire_demo, "build_fire"),
        (water, "build_water"),
        (elevators, "build_elevators"),
        (plans, "build_plans"),
    ]:
        monkeypatch.setattr(module, name, lambda region, seed: None)
