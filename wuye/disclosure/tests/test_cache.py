"""The page is cached per project and language; a publication makes it stale at once; its queries are few."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.models import EvaluationRun
from wuye.disclosure import cache
from wuye.finance.actions_statements import publish_statement
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

# On a miss: the project with its company and grades (1), the service centre (1), open findings (1), the
# fee notice (2: the notice, the standards in force), the catalogue's overrides for the division (1), the
# announced standards (1), published statements and their lines (2).
MISS_QUERIES = 13  # 9, and common parts (uses, income) and parking (rules, spaces) two each


def url(project) -> str:
    return reverse("disclosure-page", args=[project.pk])


def test_a_miss_takes_few_queries_and_a_hit_none(client, disclosed, django_assert_max_num_queries):
    with django_assert_max_num_queries(MISS_QUERIES):
        assert client.get(url(disclosed.inside.project)).status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(url(disclosed.inside.project)).status_code == 200


def test_a_hit_when_signed_in_costs_only_the_session(client, disclosed, django_assert_max_num_queries):
    client.force_login(disclosed.users["owner"])
    client.get(url(disclosed.inside.project))
    with django_assert_max_num_queries(2):
        assert client.get(url(disclosed.inside.project)).status_code == 200


def test_more_statements_and_standards_cost_no_more_queries(client, disclosed, django_assert_max_num_queries):
    manager = disclosed.users["manager"]
    for year in (2021, 2022, 2023):
        f.statement(manager, disclosed.inside.project, year=year, half=1, publish_at=timezone.now())
    f.FeeStandardFactory(project=disclosed.inside.project, property_kind="office", rate=Decimal("2.00"))
    with django_assert_max_num_queries(MISS_QUERIES):
        assert client.get(url(disclosed.inside.project)).status_code == 200


def test_each_language_is_kept_apart(client, disclosed):
    chinese = client.get(url(disclosed.inside.project)).content.decode()
    english_page = client.get(url(disclosed.inside.project), {"lang": "en"}).content.decode()
    assert "收费公示" in chinese and "Fee notice" in english_page and "收费公示" not in english_page


def test_a_publication_shows_at_once(client, disclosed, django_capture_on_commit_callbacks):
    assert "2025年下半年收支情况表" not in client.get(url(disclosed.inside.project)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publish_statement(disclosed.users["manager"], disclosed.inside.draft)
    assert "2025年下半年收支情况表" in client.get(url(disclosed.inside.project)).content.decode()


def test_a_draft_saved_leaves_the_page_cached(client, disclosed, django_capture_on_commit_callbacks):
    client.get(url(disclosed.inside.project))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        f.statement(disclosed.users["manager"], disclosed.inside.project, year=2026, half=1)
    assert callbacks == []


@pytest.mark.parametrize(
    "change",
    [
        lambda side: f.FeeStandardFactory(
            project=side.project, property_kind="office", approval_number="包价7777号"
        ),
        lambda side: setattr(side.centre, "service_phone", "0472-7777777") or side.centre.save(),
        lambda side: setattr(side.project, "name", "更名花园7777") or side.project.save(),
        lambda side: setattr(side.notice, "payer", "全体业主7777") or side.notice.save(),
    ],
    ids=["fee-standard", "service-centre", "project", "fee-notice"],
)
def test_a_change_of_what_it_shows_shows_at_once(
    client, disclosed, change, django_capture_on_commit_callbacks
):
    client.get(url(disclosed.inside.project))
    with django_capture_on_commit_callbacks(execute=True):
        change(disclosed.inside)
    assert "7777" in client.get(url(disclosed.inside.project)).content.decode()


def test_a_change_in_one_project_leaves_the_others_cached(
    client, disclosed, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.get(url(disclosed.outside.project))
    with django_capture_on_commit_callbacks(execute=True):
        f.FeeStandardFactory(project=disclosed.inside.project, property_kind="office")
    with django_assert_max_num_queries(0):
        client.get(url(disclosed.outside.project))


def test_a_finished_evaluation_makes_every_page_stale(client, disclosed, django_capture_on_commit_callbacks):
    client.get(url(disclosed.inside.project))
    disclosed.inside.finding.__class__.objects.filter(pk=disclosed.inside.finding.pk).update(state="closed")
    assert "未做到" in client.get(url(disclosed.inside.project)).content.decode()  # bulk: no signal yet
    with django_capture_on_commit_callbacks(execute=True):
        run = EvaluationRun.objects.create(as_of=timezone.now(), full=True)
        run.finished_at = timezone.now()
        run.save()
    assert "未做到" not in client.get(url(disclosed.inside.project)).content.decode()


def test_an_exit_makes_the_page_404_at_once(client, disclosed, django_capture_on_commit_callbacks):
    client.get(url(disclosed.inside.project))
    with django_capture_on_commit_callbacks(execute=True):
        disclosed.inside.period.end = timezone.localdate() - datetime.timedelta(days=1)
        disclosed.inside.period.save()
    assert client.get(url(disclosed.inside.project)).status_code == 404


def test_an_evicted_token_never_brings_back_an_old_page(disclosed):
    from django.core.cache import cache as django_cache

    key = cache.page_key(disclosed.inside.project.pk, "zh-hans")
    django_cache.delete(cache.project_key(disclosed.inside.project.pk))
    assert cache.page_key(disclosed.inside.project.pk, "zh-hans") != key


def test_the_registry_names_what_the_lead_adds_at_merge():
    from wuye.finance.models import FeeNotice, FeeStandard, Statement

    assert {FeeNotice, FeeStandard, Statement} <= set(cache.REGISTERED)
