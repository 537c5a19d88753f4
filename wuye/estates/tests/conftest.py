"""Fixtures of the demo tests: the region with all but some of its builders switched off, to seed in
seconds what a test looks at (the full region takes a minute; test_seed_demo.py builds it once)."""

import pytest

from wuye.estates.demo import (
    animals,
    centres,
    commonareas,
    construction,
    elevators,
    events,
    exits,
    fees,
    orders,
    parking,
    patrol,
    people,
    plans,
    power,
    publications,
    statements,
    surveys,
    takeover,
    tickets,
    water,
)
from wuye.estates.demo import fire as fire_demo

# Every builder of the duties' records, by the name a fixture keeps it under.
BUILDERS = {
    "power": (power, "build_power_rooms"),
    "patrols": (patrol, "build_patrols"),
    "elevators": (elevators, "build_elevators"),
    "fire": (fire_demo, "build_fire"),
    "water": (water, "build_water"),
    "plans": (plans, "build_plans"),
    "centres": (centres, "build_centres"),
    "surveys": (surveys, "build_surveys"),
    "tickets": (tickets, "build_tickets"),
    "statements": (statements, "build_statements"),
    "fees": (fees, "build_fees"),
    "commonareas": (commonareas, "build_commonareas"),
    "parking": (parking, "build_parking"),
    "takeover": (takeover, "build_takeover"),
    "exits": (exits, "build_exits"),
    "people": (people, "build_people"),
    "construction": (construction, "build_construction"),
    "animals": (animals, "build_animals"),
    "events": (events, "build_events"),
    "publications": (publications, "build_publications"),
    "orders": (orders, "build_orders"),
}


def keep_only(monkeypatch, *kept: str) -> None:
    """Switch off every builder of the duties' records but ``kept``; the registry is always built."""
    assert set(kept) <= set(BUILDERS), kept
    for name, (module, function) in BUILDERS.items():
        if name not in kept:
            monkeypatch.setattr(module, function, lambda region, seed: None)


@pytest.fixture
def without_rounds(monkeypatch):
    """The registry alone: enterprises, projects, people, contracts, logins."""
    keep_only(monkeypatch)


@pytest.fixture
def only_power(monkeypatch):
    """The registry and the power rounds: what the determinism test compares."""
    keep_only(monkeypatch, "power")


@pytest.fixture
def only_fire(monkeypatch):
    """The registry and the fire, lightning and flood records."""
    keep_only(monkeypatch, "fire")


@pytest.fixture
def only_surveys(monkeypatch):
    """The registry and the surveys."""
    keep_only(monkeypatch, "surveys")


@pytest.fixture
def only_statements(monkeypatch):
    """The registry and the half-year statements."""
    keep_only(monkeypatch, "statements")


@pytest.fixture
def only_tickets(monkeypatch):
    """The registry and a year of tickets."""
    keep_only(monkeypatch, "tickets")


@pytest.fixture
def only_commonareas(monkeypatch):
    """The registry, the statements and the common parts' uses, votes and income."""
    keep_only(monkeypatch, "statements", "commonareas")


@pytest.fixture
def only_parking(monkeypatch):
    """The registry, the statements and the parking spaces, leases and transfers."""
    keep_only(monkeypatch, "statements", "fees", "parking")


@pytest.fixture
def only_lifecycle(monkeypatch):
    """The registry, fees (prepaid balances) and the takeover and exit workflows."""
    keep_only(monkeypatch, "fees", "takeover", "exits")


@pytest.fixture
def only_people(monkeypatch):
    """The registry and the wages, terminations, policies and training."""
    keep_only(monkeypatch, "people")


@pytest.fixture
def only_comanagement(monkeypatch):
    """The registry, the illegal-construction cases, animals and the regulator's events."""
    keep_only(monkeypatch, "construction", "animals", "events")


@pytest.fixture
def only_orders(monkeypatch):
    """The registry and the regulator's rectification orders."""
    keep_only(monkeypatch, "orders")
