"""The statement's parking income applied to the shortfall of property fees (2.6): entered in the form and
the API, never negative, carried into a correction."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.finance.actions_statements import accounts_for, start_correction
from wuye.finance.models import Statement
from wuye.finance.parking_income import shortfall_and_owed
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
PUBLISHED = timezone.make_aware(datetime.datetime(2025, 7, 10, 9))


def form_data(project, applied):
    codes = {a.code: a.pk for a in accounts_for(project.pk)}
    return {
        "s-year": "2026",
        "s-half": "1",
        "s-opening_balance": "0",
        "s-closing_balance": "-100.00",
        "s-parking_to_shortfall": applied,
        "s-note": "",
        f"l-a{codes['4001.01']}": "100",
        f"l-a{codes['4003.01']}": "50",
        f"l-a{codes['5001.01']}": "250",
    }


def test_the_form_saves_the_amount_applied(client, world):
    client.force_login(world.users["staff"])
    url = reverse("statement-create", args=[world.inside.project.pk])
    assert client.post(url, form_data(world.inside.project, "50.00")).status_code == 302
    assert str(Statement.objects.get().parking_to_shortfall) == "50.00"


def test_a_negative_amount_is_a_field_error_and_nothing_is_written(client, world):
    client.force_login(world.users["staff"])
    url = reverse("statement-create", args=[world.inside.project.pk])
    response = client.post(url, form_data(world.inside.project, "-1"))
    assert response.status_code == 200 and "金额不能为负数" in response.content.decode()
    assert not Statement.objects.exists()


def test_the_api_reads_and_writes_it(world):
    statement = f.statement(world.users["staff"], world.inside.project)
    api = APIClient()
    api.force_authenticate(world.users["staff"])
    url = f"/api/statements/{statement.pk}/"
    assert api.patch(url, {"parking_to_shortfall": "-0.01"}, format="json").status_code == 400
    body = api.patch(url, {"parking_to_shortfall": "12.50"}, format="json").json()
    assert body["parking_to_shortfall"] == "12.50"


def test_a_correction_carries_it(world):
    statement = f.statement(world.users["staff"], world.inside.project, publish_at=PUBLISHED)
    Statement.objects.filter(pk=statement.pk).update(parking_to_shortfall="7.00")
    copy = start_correction(world.users["staff"], Statement.objects.get(pk=statement.pk))
    assert str(copy.parking_to_shortfall) == "7.00"


def test_the_rule_in_python():
    from decimal import Decimal as D

    assert shortfall_and_owed(D("300"), D("200"), D("50"), D("20")) == (D("50"), D("20"))
    assert shortfall_and_owed(D("300"), D("200"), D("150"), D("20")) == (D("0.00"), D("0.00"))
