"""Publication of grades: a draft copies the division's latest snapshots, publishing fixes them, a correction
supersedes; only regulators act, within their divisions, and a refusal writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.compliance.actions_publication import build_draft, changes_since_last, period_of, publish
from wuye.compliance.models import Finding
from wuye.compliance.publication import GradePublication, PublicationStatus, PublishedGrade
from wuye.compliance.scores import compute_scores
from wuye.oversight.tests.credit_world import at, months_ago, published, score, snapshot, veto_finding
from wuye.regions.models import Division

pytestmark = pytest.mark.django_db


def test_a_draft_copies_the_latest_snapshots_of_the_period_and_the_division_only(world):
    score(world, on=months_ago(2))
    snapshot(
        world.inside, "enterprise", "B", "80.00", on=months_ago(1)
    )  # the latest one of the period counts
    snapshot(world.inside, "enterprise", "D", "40.00", on=timezone.localdate())  # after the period: not
    draft = build_draft(world.users["regulator_bt"], Division.objects.get(pk="150200"), months_ago(1))
    rows = {row.subject: row for row in draft.rows.all()}
    assert set(rows) == {f"project:{world.inside.project.pk}", f"enterprise:{world.inside.enterprise.pk}"}
    assert rows[f"enterprise:{world.inside.enterprise.pk}"].grade == "B"
    assert rows[f"enterprise:{world.inside.enterprise.pk}"].snapshot_on == months_ago(1)
    assert rows[f"project:{world.inside.project.pk}"].open_findings == 1
    assert draft.status == PublicationStatus.DRAFT and draft.period_start == months_ago(1)


def test_publishing_fixes_who_and_when_and_the_rows_no_longer_change(world):
    score(world)
    publication = published(world.users["regulator_bt"], "150200")
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.published_by == world.users["regulator_bt"] and publication.published_at
    row = PublishedGrade.objects.filter(publication=publication).first()
    row.grade = "A"
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    with pytest.raises(ValidationError):
        publish(world.users["regulator_bt"], publication)


def test_a_correction_supersedes_the_publication_of_the_same_period(world):
    score(world)
    first = published(world.users["regulator_bt"], "150200")
    snapshot(world.inside, "enterprise", "C", "70.00")
    second = published(world.users["regulator_bt"], "150200")
    first.refresh_from_db()
    assert first.status == PublicationStatus.SUPERSEDED and second.supersedes == first
    assert GradePublication.objects.filter(status=PublicationStatus.PUBLISHED).count() == 1


def test_the_review_shows_what_changed_since_the_last_publication(world):
    score(world)
    published(world.users["regulator_bt"], "150200", months=2)
    snapshot(world.inside, "enterprise", "C", "70.00")
    draft = build_draft(world.users["regulator_bt"], Division.objects.get(pk="150200"), months_ago(1))
    changes = changes_since_last(draft)
    assert [(c["subject_name"], c["before"].grade, c["after"].grade) for c in changes] == [
        (world.inside.enterprise.name, "A", "C")
    ]


@pytest.mark.parametrize("role", ["manager", "staff", "committee", "owner", "developer", "stranger"])
def test_only_regulators_build_and_nothing_is_written(world, role):
    score(world)
    with pytest.raises(PermissionDenied):
        build_draft(world.users[role], Division.objects.get(pk="150200"), months_ago(1))
    assert not GradePublication.objects.exists()


def test_a_city_regulator_cannot_publish_another_division(world):
    score(world)
    with pytest.raises(PermissionDenied):
        build_draft(world.users["regulator_bt"], Division.objects.get(pk="150100"), months_ago(1))
    draft = build_draft(world.users["regulator"], Division.objects.get(pk="150100"), months_ago(1))
    with pytest.raises(PermissionDenied):
        publish(world.users["regulator_bt"], draft)
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_a_draft_lists_the_enterprises_serving_at_the_period_end(world):
    score(world)
    world.inside.period.end = months_ago(1) - timezone.timedelta(days=1)  # left before the period began
    world.inside.period.save()
    draft = build_draft(world.users["regulator_bt"], Division.objects.get(pk="150200"), months_ago(1))
    assert set(draft.rows.values_list("subject", flat=True)) == {f"project:{world.inside.project.pk}"}


def test_a_period_not_ended_cannot_be_published(world):
    with pytest.raises(ValidationError):
        build_draft(world.users["regulator"], Division.objects.get(pk="150200"), timezone.localdate())
    assert period_of(timezone.localdate()).start.day == 1


def test_an_enterprise_row_publishes_the_open_findings_of_the_enterprise(world):
    began = at(months_ago(2))
    finding = veto_finding(world.inside)
    Finding.objects.filter(pk=finding.pk).update(period_start=began, first_found_at=began)
    compute_scores(at(months_ago(0) - timezone.timedelta(days=1), 23))  # last month's end
    draft = build_draft(world.users["regulator_bt"], Division.objects.get(pk="150200"), months_ago(1))
    row = draft.rows.get(subject=f"enterprise:{world.inside.enterprise.pk}")
    assert (row.grade, row.open_findings) == ("D", 1)
